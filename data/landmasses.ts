/**
 * Pipeline step: which municipalities reach each other by road, which are islands, and where help for an island comes
 * ashore → table `landmasses` (code, landmass, island, port_code, port_lon, port_lat, gateway_landmass).
 *
 * - Landmasses are the connected groups of polygons sharing a boundary in the client topology; a municipality lies on
 *   the landmass of its largest polygon. The four largest are Honshu, Hokkaido, Kyushu and Shikoku (checked by one
 *   member each). An islet of a mainland municipality is not mainland, so it is never taken for a port.
 * - Road bridges and tunnels (seeds/fixed_links.csv, hand-written with sources) join landmasses into one road network:
 *   Honshu, Kyushu and Shikoku are one, with 淡路島, 天草, 長島, 周防大島 and 江田島; Hokkaido stays apart (the 青函
 *   tunnel carries trains, vehicles cross by ferry).
 * - An island is a municipality on no main road network. Its port is the nearest point of a main network's coast
 *   (a vertex of the 1 % boundaries, from the island's own polygon) — the mainland across the sea, e.g. 松江市 for 隠岐の島町, where the 七類 ferry
 *   lands — and the municipality that holds it. All municipalities of one island share one port.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { neighbourMap } from '../domain/scoring/eligibility.ts';
import { DataFileError } from './csv.ts';
import { writeTable } from './database.ts';
import { type LandmassRow, builtTables } from '../domain/tables.ts';
import { readSeedCsv } from './seeds/index.ts';
import { repoRoot } from './sources.ts';
import type { BuildStep } from './steps.ts';
import { join } from 'node:path';

/** A road bridge or tunnel joining two landmasses (seeds/fixed_links.csv). */
export interface FixedLink {
  id: string;
  name: string;
  aCode: string;
  bCode: string;
  opened: number;
  source: string;
}

export type { LandmassRow } from '../domain/tables.ts';

/** One member of each main island: Honshu (千代田区), Hokkaido (札幌市), Kyushu (福岡市), Shikoku (高知市). */
export const mainIslandMembers = ['13101', '01100', '40130', '39201'];

const fixedLinkColumns = ['id', 'name', 'kind', 'a_code', 'a_name', 'b_code', 'b_name', 'opened', 'source', 'note'];

/** Reads seeds/fixed_links.csv, checking codes against the municipalities. */
export function loadFixedLinks(path: string, validCodes: ReadonlySet<string>): FixedLink[] {
  const t = readSeedCsv(path, fixedLinkColumns);
  return t.rows.map((r) => {
    const v = r.values;
    for (const col of ['a_code', 'b_code']) {
      if (!validCodes.has(v[col])) throw new DataFileError(t.file, r.line, `${col} ${v[col]} is not a municipality`, 'use the code of the municipality at that end of the link');
    }
    if (!/^\d{4}$/.test(v.opened)) throw new DataFileError(t.file, r.line, `opened '${v.opened}' is not a year`, 'write the four-digit year it opened to road traffic');
    if (!v.source) throw new DataFileError(t.file, r.line, 'source is empty', 'name where the link is documented');
    return { id: v.id, name: v.name, aCode: v.a_code, bCode: v.b_code, opened: Number(v.opened), source: v.source };
  });
}

type Area = Polygon | MultiPolygon;
type Ring = [number, number][];

/** Mainland vertices (as flat arrays: hundreds of thousands of them) and the municipality of each. */
export interface Shore {
  lon: Float64Array;
  lat: Float64Array;
  code: string[];
}

/** Kilometres per degree, for a flat projection good enough to find the nearest point. */
const kmPerDegree = 111.2;

/**
 * The mainland vertex nearest to any vertex of an island, on a flat projection around the island (good to well under
 * 1 % at these distances): mainland vertices are visited by their distance to the island's bounding box, a bound no
 * island vertex can beat, and the search stops once that bound exceeds the best distance found.
 */
export function nearestShore(island: readonly [number, number][], shore: Shore): { lon: number; lat: number; code: string; km: number } | null {
  const n = shore.lon.length;
  if (!island.length || !n) return null;
  const kx = Math.cos((island[0][1] * Math.PI) / 180);
  let [west, east, south, north] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [lon, lat] of island) [west, east, south, north] = [Math.min(west, lon), Math.max(east, lon), Math.min(south, lat), Math.max(north, lat)];
  const boxes = new Float64Array(n);
  let first = 0;
  for (let i = 0; i < n; i++) {
    boxes[i] = (Math.max(west - shore.lon[i], 0, shore.lon[i] - east) * kx) ** 2 + Math.max(south - shore.lat[i], 0, shore.lat[i] - north) ** 2;
    if (boxes[i] < boxes[first]) first = i;
  }
  const sqTo = (i: number) => {
    let best = Infinity;
    for (const [lon, lat] of island) best = Math.min(best, ((shore.lon[i] - lon) * kx) ** 2 + (shore.lat[i] - lat) ** 2);
    return best;
  };
  let best = first;
  let bestSq = sqTo(first);
  const near: number[] = [];
  for (let i = 0; i < n; i++) if (boxes[i] < bestSq) near.push(i);
  near.sort((a, b) => boxes[a] - boxes[b]);
  for (const i of near) {
    if (boxes[i] >= bestSq) break;
    const d = sqTo(i);
    if (d < bestSq) [best, bestSq] = [i, d];
  }
  return { lon: shore.lon[best], lat: shore.lat[best], code: shore.code[best], km: Math.sqrt(bestSq) * kmPerDegree };
}

/** Planar area of a ring in square degrees (only to pick a municipality's largest polygon). */
function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return Math.abs(sum / 2);
}

/**
 * Landmasses, road networks, islands and ports from the boundaries and the fixed links.
 * - Road networks: municipalities sharing a boundary (a municipality's own bridges count: 平戸島 belongs to 平戸市), joined
 *   by the fixed links; an island is a municipality on none of the networks of the four main islands.
 * - Ports: the nearest vertex of the four main islands' own polygons (polygons joined by shared arcs), so that a mainland
 *   municipality's offshore islet (草垣群島 of 南さつま市) is never taken for the coast.
 * @example landmasses(topology, links).find((r) => r.code === '32528') // { island: true, portCode: '32201', … } 隠岐の島町 → 松江市
 */
export function landmasses(topology: Topology, links: readonly FixedLink[]): LandmassRow[] {
  const collection = topology.objects.municipalities as GeometryCollection<{ code: string }>;
  const shapes = (feature(topology, collection) as unknown as { features: Feature<Area, { code: string }>[] }).features;

  // Road networks, municipality by municipality.
  const neighbours = neighbourMap(topology);
  const codes = [...neighbours.keys()].sort();
  const net = new UnionFind(codes.length);
  const index = new Map(codes.map((c, i) => [c, i]));
  for (const [c, list] of neighbours) for (const n of list) net.union(index.get(c)!, index.get(n)!);
  const mainMunis = mainIslandMembers.map((c) => net.find(index.get(c)!));
  const biggest = [...net.sizes()].sort((a, b) => b[1] - a[1]).slice(0, 4);
  if (new Set(mainMunis).size !== 4 || biggest.some(([root]) => !mainMunis.includes(root)))
    throw new DataFileError(
      'boundaries',
      null,
      `the four largest landmasses are not Honshu, Hokkaido, Kyushu and Shikoku (members ${mainIslandMembers.join(', ')})`,
      'use the N03 2021 boundaries',
    );
  for (const l of links) net.union(index.get(l.aCode)!, index.get(l.bCode)!);
  const mainNetworks = new Set(mainIslandMembers.map((c) => net.find(index.get(c)!)));
  const networkOf = (code: string) => codes[net.find(index.get(code)!)];

  // The main islands' own polygons, for the coast.
  const polygons: { code: string; rings: Ring[]; arcs: number[] }[] = [];
  collection.geometries.forEach((g, i) => {
    const code = shapes[i].properties.code;
    const coords = shapes[i].geometry.type === 'Polygon' ? [shapes[i].geometry.coordinates] : shapes[i].geometry.coordinates;
    const arcs = (g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : []) as number[][][];
    arcs.forEach((rings, k) => polygons.push({ code, rings: coords[k] as Ring[], arcs: rings.flat().map((a) => (a < 0 ? ~a : a)) }));
  });
  const land = new UnionFind(polygons.length);
  const arcOwner = new Map<number, number>();
  polygons.forEach((p, i) => {
    for (const arc of p.arcs) {
      const other = arcOwner.get(arc);
      if (other === undefined) arcOwner.set(arc, i);
      else land.union(i, other);
    }
  });
  const largestPolygon = (code: string) =>
    polygons.reduce((best, p, i) => (p.code === code && (best < 0 || ringArea(p.rings[0]) > ringArea(polygons[best].rings[0])) ? i : best), -1);
  const mainLand = new Set(mainIslandMembers.map((c) => land.find(largestPolygon(c))));
  const coast: [number, number, string][] = [];
  const islandVertices = new Map<string, [number, number][]>();
  polygons.forEach((p, i) => {
    if (mainLand.has(land.find(i))) for (const ring of p.rings) for (const [lon, lat] of ring) coast.push([lon, lat, p.code]);
    else if (!mainNetworks.has(net.find(index.get(p.code)!))) {
      const id = networkOf(p.code);
      islandVertices.set(id, [...(islandVertices.get(id) ?? []), ...p.rings.flat()]);
    }
  });
  const shore: Shore = { lon: Float64Array.from(coast, (c) => c[0]), lat: Float64Array.from(coast, (c) => c[1]), code: coast.map((c) => c[2]) };
  const ports = new Map<string, { lon: number; lat: number; code: string }>();
  for (const [id, points] of islandVertices) {
    const best = nearestShore(points, shore);
    if (best) ports.set(id, best);
  }
  return codes.map((code) => {
    const landmass = networkOf(code);
    const port = ports.get(landmass);
    return {
      code,
      landmass,
      island: !mainNetworks.has(net.find(index.get(code)!)),
      portCode: port?.code ?? null,
      portLon: port?.lon ?? null,
      portLat: port?.lat ?? null,
      gatewayLandmass: port ? networkOf(port.code) : landmass,
    };
  });
}

/** Disjoint sets over 0..n−1 (path halving; the smaller index is the root). */
class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let x = i;
    while (this.parent[x] !== x) x = this.parent[x] = this.parent[this.parent[x]];
    return x;
  }
  union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  /** Size of each set, by root. */
  sizes(): Map<number, number> {
    const out = new Map<number, number>();
    for (let i = 0; i < this.parent.length; i++) out.set(this.find(i), (out.get(this.find(i)) ?? 0) + 1);
    return out;
  }
}

export const landmassStep: BuildStep = {
  name: 'islands and ferry ports (boundaries + seeds/fixed_links.csv)',
  async run(ctx) {
    const links = loadFixedLinks(join(repoRoot, 'seeds', 'fixed_links.csv'), new Set(ctx.municipalities.map((m) => m.code)));
    const rows = landmasses(ctx.topology, links);
    await writeTable(ctx.conn, builtTables.landmasses, rows);
    const islands = rows.filter((r) => r.island);
    const name = (code: string) => ctx.municipalities.find((m) => m.code === code)?.name ?? code;
    const oki = rows.find((r) => r.code === '32528');
    return `landmasses (${new Set(rows.map((r) => r.landmass)).size} road networks; ${islands.length} island municipalities on ${new Set(islands.map((r) => r.landmass)).size} islands; ${links.length} fixed links; e.g. ${name('32528')} → ${oki?.portCode ? name(oki.portCode) : '—'})`;
  },
};
