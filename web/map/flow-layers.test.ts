import { describe, expect, it } from 'vitest';
import { drawnAt, flowEndGap, nodeRadius, pickFlow } from './flow-layers.ts';
import { flowModel } from './flow-model.ts';

// A busy place O with two partners whose flows leave it 10° apart, and a short flow between two close places.
// The projection puts a place at 100 px per degree, so the pixel geometry is plain to read.
const places = [
  { id: 'O', name: '世田谷区', lon: 0, lat: 0 },
  { id: 'A', name: '札幌市', lon: 3, lat: 0 },
  { id: 'B', name: '那覇市', lon: 3, lat: 0.5 },
  { id: 'S', name: '狛江市', lon: 0, lat: 2 },
  { id: 'T', name: '調布市', lon: 0.2, lat: 2 },
];
const groups = [
  {
    id: 'sister',
    colour: '#0072B2',
    directed: false,
    flows: [
      { origin: 'O', dest: 'A', count: 1 },
      { origin: 'O', dest: 'B', count: 1 },
      { origin: 'S', dest: 'T', count: 1 },
    ],
  },
];
const project = ([lon, lat]: [number, number]) => ({ x: lon * 100, y: lat * 100 });
const drawn = (nodes = true) => drawnAt(flowModel(places, groups, false), 10, { nodes });
const pick = (x: number, y: number, nodes = true) => {
  const p = pickFlow(drawn(nodes), project, { x, y });
  // An undirected tie is drawn both ways: either direction names the pair.
  return p?.type === 'flow' ? [p.origin.id, p.dest.id].sort().join('-') : p?.type === 'node' ? p.node.id : null;
};

describe('pickFlow', () => {
  it('picks a flow along its body and a place on its circle', () => {
    expect(pick(150, 0)).toBe('A-O');
    expect(pick(150, 26)).toBe('B-O');
    expect(pick(1, 1)).toBe('O');
  });

  it('leaves the ends of the flows, where a busy place’s flows meet, to the polygons beneath', () => {
    const o = nodeRadius(2);
    // Just outside O's circle, on the line to A: the click is the municipality's there, not the nearest flow's.
    expect(pick(o + 3, 0)).toBeNull();
    expect(pick(o + flowEndGap - 1, 0)).toBeNull();
    expect(pick(o + flowEndGap + 1, 0)).toBe('A-O');
    // The same at the far end, and without circles the gap alone.
    expect(pick(300 - nodeRadius(1) - flowEndGap + 1, 0)).toBeNull();
    expect(pick(flowEndGap - 1, 0, false)).toBeNull();
    expect(pick(flowEndGap + 1, 0, false)).toBe('A-O');
  });

  it('keeps the middle third of a short flow pickable', () => {
    // S–T is 20 px long, shorter than its ends' gaps together: its middle third (6.7–13.3 px) stays the flow's.
    expect(pick(10, 200)).toBe('S-T');
    expect(pick(6, 200)).toBeNull();
    expect(pick(14, 200)).toBeNull();
  });
});
