/**
 * Benchmark inputs for "how first render grows with geometry": the municipal boundaries at 0.1 % (N03 s0001, with
 * the few municipalities that file reduces to nothing taken from the 1 % file), at 1 % (s0010, as shipped) and the
 * 1 % file with every edge cut in four (4× the vertices, the same shapes), the two new ones built into their own
 * databases.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';

const root = resolve(import.meta.dirname, '..');
const shared = process.env.ATLAS_SHARED_DATA ?? resolve(root, '..', 'shared', 'data');
const n03 = (scale: 's0001' | 's0010') => join(shared, 'external', 'municipality_boundaries_n03_2021', scale, 'N03-21_210101_designated_city.json');

export interface GeometryVariant {
  name: string;
  /** Vertices in the boundary file (arc points). */
  vertices: number;
  /** Its database; null for the shipped 1 % file, whose database is the one already built. */
  dbPath: string | null;
}

type Features = Feature<Geometry | null, Record<string, string | null>>[];

function readFeatures(file: string): { features: Features; vertices: number } {
  const topo = JSON.parse(readFileSync(file, 'utf8')) as Topology;
  const object = topo.objects[Object.keys(topo.objects)[0]] as GeometryCollection;
  return {
    features: (feature(topo, object) as unknown as FeatureCollection<Geometry | null, Record<string, string | null>>).features,
    vertices: topo.arcs.reduce((s, a) => s + a.length, 0),
  };
}

/** Cuts every edge in `parts` straight pieces; the same points whichever way a shared border is walked. */
function densify(ring: Position[], parts: number): Position[] {
  const out: Position[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [p, q] = [ring[i], ring[i + 1]];
    // Interpolate from the smaller end, so both neighbours of a border get identical coordinates.
    const forward = p[0] < q[0] || (p[0] === q[0] && p[1] <= q[1]);
    const [a, b] = forward ? [p, q] : [q, p];
    const inner = Array.from({ length: parts - 1 }, (_, k) => [a[0] + ((b[0] - a[0]) * (k + 1)) / parts, a[1] + ((b[1] - a[1]) * (k + 1)) / parts]);
    out.push(p, ...(forward ? inner : inner.reverse()));
  }
  out.push(ring[ring.length - 1]);
  return out;
}

function densifyGeometry(g: Geometry | null, parts: number): Geometry | null {
  if (g?.type === 'Polygon') return { ...g, coordinates: g.coordinates.map((r) => densify(r, parts)) };
  if (g?.type === 'MultiPolygon') return { ...g, coordinates: g.coordinates.map((p) => p.map((r) => densify(r, parts))) };
  return g;
}

function writeTopology(file: string, features: Features): number {
  const topo = topology({ municipalities: { type: 'FeatureCollection', features } as FeatureCollection });
  writeFileSync(file, JSON.stringify(topo));
  return topo.arcs.reduce((s, a) => s + a.length, 0);
}

/** Runs the pipeline on `boundaries` into `dir`; throws with its output when it fails. */
function build(dir: string, boundaries: string): string {
  mkdirSync(dir, { recursive: true });
  const dbPath = join(dir, 'atlas.duckdb');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'data', 'build.ts')], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, ATLAS_DB: dbPath, ATLAS_BOUNDARIES: boundaries },
  });
  if (r.status !== 0) throw new Error(`the data build on ${boundaries} failed:\n${r.stdout}\n${r.stderr}`);
  return dbPath;
}

/**
 * Writes the 0.1 % and 4× files into `dir` and builds them; the 1 % variant is the database already built.
 * @example const variants = prepareGeometryVariants('/tmp/bench-geometry', console.log)
 */
export function prepareGeometryVariants(dir: string, log: (m: string) => void): GeometryVariant[] {
  mkdirSync(dir, { recursive: true });
  const fine = readFeatures(n03('s0010'));
  const coarse = readFeatures(n03('s0001'));
  const byCode = new Map(fine.features.map((f) => [f.properties.N03_007, f]));
  // A municipality the coarse file reduces to nothing (no polygon, or no ring left) keeps its 1 % shape.
  const empty = (g: Geometry | null) => !g || !('coordinates' in g) || g.coordinates.length === 0;
  const filled = coarse.features.map((f) => (!empty(f.geometry) || !f.properties.N03_007 ? f : { ...f, geometry: byCode.get(f.properties.N03_007)?.geometry ?? null }));
  const coarseFile = join(dir, 'n03-0.1pct.json');
  const coarseVertices = writeTopology(coarseFile, filled);
  const denseFile = join(dir, 'n03-1pct-x4.json');
  const denseVertices = writeTopology(
    denseFile,
    fine.features.map((f) => ({ ...f, geometry: densifyGeometry(f.geometry, 4) })),
  );
  log(
    `geometry: 0.1 % ${coarseVertices.toLocaleString('en')} vertices, 1 % ${fine.vertices.toLocaleString('en')}, 1 % × 4 ${denseVertices.toLocaleString('en')}; building two more databases …`,
  );
  return [
    { name: '0.1 %', vertices: coarseVertices, dbPath: build(join(dir, 'coarse'), coarseFile) },
    { name: '1 %', vertices: fine.vertices, dbPath: null },
    { name: '1 % × 4 vertices', vertices: denseVertices, dbPath: build(join(dir, 'dense'), denseFile) },
  ];
}
