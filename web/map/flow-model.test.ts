import { describe, expect, it } from 'vitest';
import { aggregateAt, flowModel, nodesAt, placesIn } from './flow-model.ts';

// Two neighbouring wards of Tokyo, 狛江市 beside them, and two far places: 札幌 and 那覇.
const places = [
  { id: '13112', name: '世田谷区', lon: 139.653, lat: 35.646 },
  { id: '13113', name: '渋谷区', lon: 139.698, lat: 35.664 },
  { id: '13219', name: '狛江市', lon: 139.578, lat: 35.635 },
  { id: '01100', name: '札幌市', lon: 141.354, lat: 43.062 },
  { id: '47201', name: '那覇市', lon: 127.681, lat: 26.212 },
];
const groups = [
  {
    id: 'sister',
    colour: '#0072B2',
    directed: false,
    flows: [
      { origin: '13112', dest: '01100', count: 2 },
      { origin: '13113', dest: '01100', count: 1 },
      { origin: '13219', dest: '47201', count: 1 },
      // Between the two wards: inside their cluster at national zoom.
      { origin: '13112', dest: '13113', count: 1 },
    ],
  },
  { id: 'disaster_aid', colour: '#D55E00', directed: false, flows: [{ origin: '01100', dest: '13219', count: 3 }] },
];

describe('flowModel', () => {
  it('clusters neighbouring wards into one node at national zoom and sums their flows per kind', () => {
    const model = flowModel(places, groups, true);
    const nodes = nodesAt(model, 4);
    const wards = nodes.find((n) => placesIn(model, n.id).includes('13112'))!;
    expect(placesIn(model, wards.id).sort()).toEqual(['13112', '13113']);
    // 世田谷区 has more agreements than 渋谷区: the biggest names the cluster.
    // A flow inside the cluster counts once and draws no line.
    expect(wards).toMatchObject({ name: '世田谷区', places: 2, total: 4 });
    expect(nodes.find((n) => n.id === '01100')!.total).toBe(6);
    // Both wards' sister ties with 札幌 are one flow of 3; the disaster-aid tie stays in its own group.
    expect(
      aggregateAt(model, 4)
        .get('sister')!
        .find((f) => f.origin === '01100' || f.dest === '01100'),
    ).toMatchObject({ count: 3 });
    expect(aggregateAt(model, 4).get('disaster_aid')).toEqual([{ origin: '01100', dest: '13219', count: 3 }]);
  });

  it('splits the wards apart when zoomed in', () => {
    const model = flowModel(places, groups, true);
    const nodes = nodesAt(model, 12);
    expect(nodes.every((n) => n.places === 1)).toBe(true);
    expect(nodes.find((n) => n.id === '13112')!.total).toBe(3);
    expect(aggregateAt(model, 12).get('sister')!.length).toBe(4);
  });

  it('leaves every place alone without clustering and drops places without flows', () => {
    const model = flowModel([...places, { id: '99999', name: 'x', lon: 135, lat: 35 }], groups, false);
    expect(nodesAt(model, 4).length).toBe(5);
    expect(model.places.has('99999')).toBe(false);
  });
});
