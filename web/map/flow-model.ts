/**
 * Flows between places, clustered by zoom once for all their groups (kinds of exchange, kinds of commuting), so a
 * cluster sits at the same point whichever groups are drawn: the places a zoom shows (single places or clusters)
 * with their totals, and each group's flows summed between them. Pure data shaping over @flowmap.gl/data's
 * clustering (a weighted supercluster); flow-layers.ts draws what it gives for the map's zoom.
 */
import { type ClusterIndex, type ClusterLevels, buildIndex, clusterLocations, findAppropriateZoomLevel } from '@flowmap.gl/data';

/** A place flows start or end at (a municipality, or a prefecture as a party). */
export interface FlowPlace {
  id: string;
  name: string;
  lon: number;
  lat: number;
}

/** Flows between two places: `count` agreements (or a share); one way when the group is directed. */
export interface Flow {
  origin: string;
  dest: string;
  count: number;
}

/** Flows of one colour (a kind); undirected groups are drawn both ways. */
export interface FlowGroup {
  id: string;
  colour: string;
  directed: boolean;
  flows: Flow[];
}

/** What a zoom shows: a single place or a cluster of places, with the flows touching it. */
export interface FlowNode {
  id: string;
  lon: number;
  lat: number;
  /** The biggest place in it (by flows), named on the map and in tooltips. */
  name: string;
  /** How many places it holds (1: a single place). */
  places: number;
  /** Sum of the counts of the flows touching it (a flow inside a cluster counts once). */
  total: number;
}

/** A set of flow groups clustered once: the shared hierarchy and the places' weights. */
export interface FlowModel {
  places: Map<string, FlowPlace>;
  groups: FlowGroup[];
  /** null: every place stands alone (e.g. one selected municipality's flows). */
  clusters: ClusterLevels | null;
  index: ClusterIndex<Flow> | null;
  weight: Map<string, number>;
}

/** Clustered up to this zoom; from the next one every place stands alone. */
const maxClusterZoom = 10;

/**
 * Clusters the places that have flows (weighted by their flows, so big places name their clusters).
 * @example flowModel(places, [{ id: 'sister', colour: '#0072B2', directed: false, flows }], true)
 */
export function flowModel(allPlaces: Iterable<FlowPlace>, groups: FlowGroup[], cluster: boolean): FlowModel {
  const weight = new Map<string, number>();
  for (const g of groups) {
    for (const f of g.flows) {
      weight.set(f.origin, (weight.get(f.origin) ?? 0) + f.count);
      if (f.dest !== f.origin) weight.set(f.dest, (weight.get(f.dest) ?? 0) + f.count);
    }
  }
  const places = new Map<string, FlowPlace>();
  for (const p of allPlaces) if (weight.has(p.id)) places.set(p.id, p);
  const clusters =
    cluster && places.size > 1
      ? clusterLocations(
          places.values(),
          { getLocationId: (p) => p.id, getLocationLat: (p) => p.lat, getLocationLon: (p) => p.lon, getLocationName: (p) => p.name },
          (id) => weight.get(String(id)) ?? 0,
          { maxZoom: maxClusterZoom },
        )
      : null;
  return { places, groups, clusters, index: clusters ? buildIndex<Flow>(clusters) : null, weight };
}

/** The cluster zoom level flowmap.gl draws at for a map zoom (null without clustering). */
export function clusterZoom(model: FlowModel, mapZoom: number): number | null {
  return model.index ? findAppropriateZoomLevel(model.index.availableZoomLevels, mapZoom) : null;
}

/** The node a place belongs to at a cluster zoom (itself without clustering or when it stands alone). */
export function nodeOf(model: FlowModel, placeId: string, zoom: number | null): string {
  return zoom === null || !model.index ? placeId : String(model.index.findClusterFor(placeId, zoom) ?? placeId);
}

/** The places in a node (itself for a single place). */
export function placesIn(model: FlowModel, nodeId: string): string[] {
  const cluster = model.index?.getClusterById(nodeId);
  return cluster ? model.index!.expandCluster(cluster) : [nodeId];
}

/** The nodes a map zoom shows, with their totals, biggest first. */
export function nodesAt(model: FlowModel, mapZoom: number): FlowNode[] {
  const zoom = clusterZoom(model, mapZoom);
  const totals = new Map<string, number>();
  for (const g of model.groups) {
    for (const f of g.flows) {
      const a = nodeOf(model, f.origin, zoom);
      const b = nodeOf(model, f.dest, zoom);
      totals.set(a, (totals.get(a) ?? 0) + f.count);
      if (b !== a) totals.set(b, (totals.get(b) ?? 0) + f.count);
    }
  }
  const nodes: FlowNode[] = [];
  for (const [id, total] of totals) {
    const members = placesIn(model, id);
    const biggest = members.reduce((best, p) => ((model.weight.get(p) ?? 0) > (model.weight.get(best) ?? 0) ? p : best), members[0]);
    const cluster = model.index?.getClusterById(id);
    const at = cluster ?? model.places.get(id);
    if (!at) continue;
    nodes.push({ id, lon: at.lon, lat: at.lat, name: model.places.get(biggest)?.name ?? id, places: members.length, total });
  }
  return nodes.sort((p, q) => q.total - p.total);
}

/**
 * Each group's flows summed between the nodes of a map zoom (flows inside one node left out: they have no line).
 * @example aggregateAt(model, 5).get('sister') // [{ origin: 'cluster-3', dest: '01100', count: 4 }, …]
 */
export function aggregateAt(model: FlowModel, mapZoom: number): Map<string, Flow[]> {
  const zoom = clusterZoom(model, mapZoom);
  const out = new Map<string, Flow[]>();
  for (const g of model.groups) {
    const sums = new Map<string, Flow>();
    for (const f of g.flows) {
      let a = nodeOf(model, f.origin, zoom);
      let b = nodeOf(model, f.dest, zoom);
      if (a === b) continue;
      if (!g.directed && b < a) [a, b] = [b, a];
      const key = `${a}\n${b}`;
      const s = sums.get(key);
      if (s) s.count += f.count;
      else sums.set(key, { origin: a, dest: b, count: f.count });
    }
    out.set(g.id, [...sums.values()]);
  }
  return out;
}
