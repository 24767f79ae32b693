import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature, mergeArcs, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';
import { DataFileError } from './csv.ts';

/** 北方領土: six villages in the boundary file without census figures. */
export const northernTerritoryCodes = ['01695', '01696', '01697', '01698', '01699', '01700'];

type Area = Polygon | MultiPolygon;
export interface MunicipalityShape {
  code: string;
  name: string;
  prefName: string;
  geometry: Area;
}
export interface PrefectureShape {
  /** Two-digit JIS X 0401 code, e.g. "13". */
  code: string;
  name: string;
  geometry: Area;
}

/**
 * Reads the N03 designated-city TopoJSON: one feature per municipality (designated cities whole,
 * Tokyo's wards separate). Drops 北方領土 and the features without a code.
 */
export function readMunicipalityShapes(topo: Topology, file: string): { shapes: MunicipalityShape[]; dropped: { northern: number; noCode: number } } {
  const objectName = Object.keys(topo.objects)[0];
  if (!objectName) throw new DataFileError(file, null, 'TopoJSON has no objects', 'use N03-21_210101_designated_city.json as shipped');
  const fc = feature(topo, topo.objects[objectName] as GeometryCollection) as unknown as { features: Feature<Area | null, Record<string, string | null>>[] };
  const shapes: MunicipalityShape[] = [];
  const dropped = { northern: 0, noCode: 0 };
  fc.features.forEach((f, i) => {
    const p = f.properties ?? {};
    const code = p.N03_007;
    if (!code) return void dropped.noCode++;
    if (northernTerritoryCodes.includes(code)) return void dropped.northern++;
    if (!/^\d{5}$/.test(code)) throw new DataFileError(file, null, `feature #${i} has code "${code}", not 5 digits`, 'use the N03 file as shipped');
    if (!f.geometry) throw new DataFileError(file, null, `feature #${i} (${code}) has no geometry`, 'use the 1 % (s0010) file, where every municipality has a polygon');
    shapes.push({ code, name: p.N03_004 ?? p.N03_003 ?? '', prefName: p.N03_001 ?? '', geometry: f.geometry });
  });
  return { shapes, dropped };
}

/** Reads prefectures.json; codes follow the file's JIS order (01 北海道 … 47 沖縄県), checked against names. */
export function readPrefectureShapes(topo: Topology, file: string, expectedNames: readonly string[]): PrefectureShape[] {
  const fc = feature(topo, topo.objects.prefectures as GeometryCollection) as unknown as { features: Feature<Area, { N03_001: string }>[] };
  if (fc.features.length !== 47) throw new DataFileError(file, null, `has ${fc.features.length} prefectures, expected 47`, 'use prefectures.json as shipped');
  return fc.features.map((f, i) => {
    const name = f.properties.N03_001;
    if (name !== expectedNames[i])
      throw new DataFileError(file, null, `prefecture #${i + 1} is "${name}", expected "${expectedNames[i]}" in JIS order`, 'use prefectures.json as shipped');
    return { code: String(i + 1).padStart(2, '0'), name, geometry: f.geometry };
  });
}

function polygons(geometry: Area): Polygon[] {
  return geometry.type === 'Polygon' ? [geometry] : geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

/**
 * The midpoint of the widest stretch of a horizontal line that lies inside the polygon (even–odd rule),
 * the "point on surface" of GEOS; tried at several latitudes, widest wins.
 */
function scanLinePoint(polygon: Polygon): [number, number] {
  const [, minY, , maxY] = turf.bbox(polygon);
  let best: [number, number] = polygon.coordinates[0][0] as [number, number];
  let bestWidth = -1;
  for (const f of [0.5, 0.37, 0.63, 0.25, 0.75, 0.13, 0.87]) {
    // An irrational-ish offset keeps the line off vertex latitudes.
    const y = minY + (maxY - minY) * f + (maxY - minY) * 1e-7 * Math.SQRT2;
    const xs: number[] = [];
    for (const ring of polygon.coordinates) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1, y1] = ring[i];
        const [x2, y2] = ring[i + 1];
        if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
      }
    }
    xs.sort((p, q) => p - q);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      if (xs[i + 1] - xs[i] > bestWidth) {
        bestWidth = xs[i + 1] - xs[i];
        best = [(xs[i] + xs[i + 1]) / 2, y];
      }
    }
  }
  return best;
}

/**
 * A point inside the municipality: the centroid of its largest polygon when that lies well inside it,
 * else the midpoint of the widest inside stretch of a horizontal line. Island municipalities get a point
 * on their main island. Rounded to 1e-5° (about 1 m).
 */
export function representativePoint(geometry: Area): [number, number] {
  const parts = polygons(geometry);
  let largest = parts[0];
  let best = -1;
  for (const part of parts) {
    const a = turf.area(part);
    if (a > best) {
      best = a;
      largest = part;
    }
  }
  const round = ([lon, lat]: number[]): [number, number] => [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
  const centroid = round(turf.centroid(largest).geometry.coordinates);
  if (turf.booleanPointInPolygon(centroid, largest, { ignoreBoundary: true })) return centroid;
  return round(scanLinePoint(largest));
}

/** Polygon area in km² on the sphere. */
export function areaKm2(geometry: Area): number {
  return turf.area(geometry) / 1e6;
}

/**
 * The client's boundary asset: one TopoJSON with `municipalities` ({code}) and `prefectures` ({code, name}).
 * Prefecture outlines are merged from municipality arcs, so both layers share every border exactly.
 * Points are dropped (least important first) only when needed to stay within maxBytes of raw JSON.
 */
export function buildClientTopology(munis: MunicipalityShape[], prefs: PrefectureShape[], maxBytes: number): { json: string; retained: number } {
  const collection: FeatureCollection<Area, { code: string }> = {
    type: 'FeatureCollection',
    features: munis.map((m) => ({ type: 'Feature', geometry: m.geometry, properties: { code: m.code } })),
  };
  // The typings want non-null properties objects; every feature here has {code}.
  const pre = presimplify(topology({ municipalities: collection }, 1e5) as Topology<Objects<{ code: string }>>);
  for (const retained of [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.25]) {
    const topo = quantize(simplify(pre, retained === 1 ? 0 : quantile(pre, retained)), 1e5);
    const geometries = (topo.objects.municipalities as GeometryCollection<{ code: string }>).geometries;
    const prefectures = prefs.map((p) => ({
      ...mergeArcs(topo, geometries.filter((g) => (g.properties as { code: string }).code.startsWith(p.code)) as Parameters<typeof mergeArcs>[1]),
      properties: { code: p.code, name: p.name },
    }));
    const json = JSON.stringify({ ...topo, objects: { ...topo.objects, prefectures: { type: 'GeometryCollection', geometries: prefectures } } });
    if (Buffer.byteLength(json) <= maxBytes) return { json, retained };
  }
  throw new Error(`boundary asset stays above ${maxBytes} bytes even with three quarters of its points dropped`);
}
