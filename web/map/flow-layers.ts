/**
 * Draws a flow model (flow-model.ts) for one map zoom with flowmap.gl on deck.gl: one FlowmapLayer per group in
 * the group's colour, all on one thickness scale, between the nodes the zoom shows (clusters already summed, so
 * flowmap.gl draws and does not cluster again); undirected groups as two half-lines, directed ones with arrows;
 * the nodes as white circles sized by their totals, clusters with their count. Loaded only with deck.gl.
 */
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { FlowmapLayer } from '@flowmap.gl/layers';
import { type Flow, type FlowModel, type FlowNode, aggregateAt, nodesAt } from './flow-model.ts';

/** What a point on the flows finds: a flow between two nodes of a group, or a node. */
export type FlowPick = { type: 'flow'; group: string; origin: FlowNode; dest: FlowNode; count: number } | { type: 'node'; node: FlowNode };

/** Pixel radius of a node circle for its total: 1 → 4 px, 100 → 19 px. */
export const nodeRadius = (total: number) => 2.5 + 1.6 * Math.sqrt(total);

/** How flows are drawn. */
export interface FlowDrawing {
  /** flowmap.gl's thickness factor: a flow at the top of the scale is 6 px × this. Default 1. */
  thickness?: number;
  /** The count at the top of the thickness scale; default the biggest flow drawn, at least 8 (single ties stay thin). */
  scaleMax?: number;
  /** Circles (with totals) at the nodes; default true. */
  nodes?: boolean;
}

/** What is drawn for a model at one zoom: the nodes, each group's summed flows and the top of the width scale. */
export interface DrawnFlows {
  model: FlowModel;
  nodes: FlowNode[];
  byGroup: Map<string, Flow[]>;
  max: number;
  options: FlowDrawing;
}

/** The nodes and summed flows of a model at a map zoom. */
export function drawnAt(model: FlowModel, mapZoom: number, options: FlowDrawing = {}): DrawnFlows {
  const byGroup = aggregateAt(model, mapZoom);
  const max = options.scaleMax ?? Math.max(8, ...[...byGroup.values()].flat().map((f) => f.count));
  return { model, nodes: nodesAt(model, mapZoom), byGroup, max, options };
}

/** Pixels of one direction of a flow (flowmap.gl's linear scale: 0.025…0.5 of 12 px × the thickness factor). */
export function flowPixels(d: DrawnFlows, count: number): number {
  return 12 * (d.options.thickness ?? 1) * (0.025 + (0.475 * Math.min(count, d.max)) / d.max);
}

/**
 * The layers for what is drawn, with ids `${id}-<group>`, `${id}-nodes` and `${id}-counts`. Straight lines, so
 * that `pickFlow` can find them by geometry (flowmap.gl's own picking answers only through its hover events).
 * @example atlas.setLayers('exchanges', flowLayers('xc', drawnAt(model, map.getZoom())))
 */
export function flowLayers(id: string, d: DrawnFlows): Layer[] {
  const { nodes, byGroup, max, options } = d;
  const layers: Layer[] = [];
  for (const g of d.model.groups) {
    const flows = byGroup.get(g.id) ?? [];
    if (!flows.length) continue;
    const drawn: Flow[] = g.directed ? flows : flows.flatMap((f) => [f, { origin: f.dest, dest: f.origin, count: f.count }]);
    layers.push(
      new FlowmapLayer<FlowNode, Flow>({
        id: `${id}-${g.id}`,
        data: { locations: nodes, flows: drawn },
        getLocationId: (n: FlowNode) => n.id,
        getLocationLat: (n: FlowNode) => n.lat,
        getLocationLon: (n: FlowNode) => n.lon,
        getLocationName: (n: FlowNode) => n.name,
        getFlowOriginId: (f: Flow) => f.origin,
        getFlowDestId: (f: Flow) => f.dest,
        getFlowMagnitude: (f: Flow) => f.count,
        clusteringEnabled: false,
        locationsEnabled: false,
        adaptiveScalesEnabled: false,
        // Every tie in its kind's own colour (flowmap.gl's fade greys single ties until the kinds cannot be told apart).
        fadeEnabled: false,
        flowLinesRenderingMode: 'straight',
        colorScheme: [g.colour, g.colour],
        flowLineThicknessScale: options.thickness ?? 1,
        // Every group on the one scale, so a width means the same count in every colour.
        scaleLock: { enabled: true, domains: { flowMagnitude: [0, max] } },
        maxTopFlowsDisplayNum: 5000,
        pickable: false,
      }) as unknown as Layer,
    );
  }
  if (options.nodes === false) return layers;
  layers.push(
    new ScatterplotLayer<FlowNode>({
      id: `${id}-nodes`,
      data: nodes,
      getPosition: (n) => [n.lon, n.lat],
      getRadius: (n) => nodeRadius(n.total),
      radiusUnits: 'pixels',
      getFillColor: [255, 255, 255, 235],
      getLineColor: [17, 24, 39, 255],
      getLineWidth: (n) => (n.places > 1 ? 1.8 : 1.2),
      lineWidthUnits: 'pixels',
      stroked: true,
    }),
    new TextLayer<FlowNode>({
      id: `${id}-counts`,
      data: nodes.filter((n) => nodeRadius(n.total) >= 7),
      getPosition: (n) => [n.lon, n.lat],
      getText: (n) => String(n.total),
      getSize: (n) => Math.min(15, 9 + nodeRadius(n.total) / 4),
      getColor: [17, 24, 39, 255],
      fontWeight: 700,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
    }),
  );
  return layers;
}

/** Pixels beyond a node's circle at each end of a flow where the flow is not picked (see pickFlow). */
export const flowEndGap = 10;

/**
 * What lies under a point of the map (CSS pixels; `project` gives a place's pixel): a node's circle first, then the
 * nearest flow line within its drawn width (both directions of an undirected tie: a band either side). Near its ends
 * a flow is not picked: there all of a place's flows meet over its polygon and its neighbours', so a click beside a
 * busy place (世田谷区 zoomed in, with dozens of partners) reaches the municipality beneath rather than whichever flow
 * passes closest; a flow is picked along its body (the middle third at least, on a short one).
 */
export function pickFlow(d: DrawnFlows, project: (lonLat: [number, number]) => { x: number; y: number }, point: { x: number; y: number }): FlowPick | null {
  const at = new Map(d.nodes.map((n) => [n.id, project([n.lon, n.lat])]));
  const circles = d.options.nodes !== false;
  if (circles) {
    for (const n of d.nodes) {
      const p = at.get(n.id)!;
      if (Math.hypot(p.x - point.x, p.y - point.y) <= nodeRadius(n.total) + 1) return { type: 'node', node: n };
    }
  }
  const byId = new Map(d.nodes.map((n) => [n.id, n]));
  const gap = (n: FlowNode | undefined) => (circles && n ? nodeRadius(n.total) : 0) + flowEndGap;
  let best: FlowPick | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const g of d.model.groups) {
    for (const f of d.byGroup.get(g.id) ?? []) {
      const a = at.get(f.origin);
      const b = at.get(f.dest);
      if (!a || !b) continue;
      const { distance, along, length } = closestOnSegment(point, a, b);
      // Two nodes on one pixel: the flow has no body to pick.
      if (length === 0) continue;
      const third = length / 3;
      if (along < Math.min(gap(byId.get(f.origin)), third) || length - along < Math.min(gap(byId.get(f.dest)), third)) continue;
      if (distance <= flowPixels(d, f.count) + 1.5 && distance < bestDistance) {
        bestDistance = distance;
        best = { type: 'flow', group: g.id, origin: byId.get(f.origin)!, dest: byId.get(f.dest)!, count: f.count };
      }
    }
  }
  return best;
}

/** The point of the segment a–b nearest to p: its distance from p and from a along the segment (pixels), and the length. */
function closestOnSegment(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): { distance: number; along: number; length: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2)) : 0;
  const length = Math.sqrt(length2);
  return { distance: Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)), along: t * length, length };
}
