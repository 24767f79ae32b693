/**
 * The disaster-aid score for many pairs at once: the one definition of disaster.ts (disasterTerms) rendered as
 * JavaScript and compiled once, run over the places held in typed arrays. One ranking (an origin against the
 * 1,740 others) and the whole matrix (every ordered pair, 3 million) go through the same compiled code, which the
 * API serves and the benchmark times; disasterScore (the same definition in plain numbers) stays the reference
 * the tests compare it with.
 *
 * Only the score's constants change with the parameters, so the code is generated once with every constant read
 * from an array (C[0], C[1] …) and each call passes the constants of its parameters: no value of a request ever
 * becomes code.
 */
import { earthRadiusKm } from '../geo.ts';
import type { HazardZone } from '../records/hazards.ts';
import { type DisasterParams, type DisasterPlace, type DisasterTerms, type PairTerms, type PlaceTerms, type ScoreOps, defaultDisasterParams, disasterTerms } from './disaster.ts';

/** Every place's inputs as columns: unit vectors (place and gateway), landmass ids, zone bit masks, figures. */
export interface KernelPlaces {
  n: number;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  gx: Float64Array;
  gy: Float64Array;
  gz: Float64Array;
  land: Int32Array;
  gatewayLand: Int32Array;
  zones: Int32Array;
  partialZones: Int32Array;
  population: Float64Array;
  quakeProb: Float64Array;
  waterShare: Float64Array;
  island: Float64Array;
  gatewayKm: Float64Array;
}

/** The terms of one origin against every place (the origin's own slot is NaN). */
export type RowTerms = { [K in keyof DisasterTerms<number>]: Float64Array } & { distanceKm: Float64Array };

const rad = Math.PI / 180;

/** Great-circle km from the chord between two unit vectors: the haversine rearranged (one asin, one sqrt). */
const chordKm = (dx: number, dy: number, dz: number) => 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2));

/**
 * The columns of a list of places (in its order).
 * @example kernelPlaces(places.map((p) => p.disaster)).n // 1741
 */
export function kernelPlaces(places: readonly DisasterPlace[]): KernelPlaces {
  const ids = new Map<string, number>();
  const id = (key: string) => ids.get(key) ?? (ids.set(key, ids.size), ids.size - 1);
  const bits = new Map<HazardZone, number>();
  const mask = (zones: readonly HazardZone[]) => zones.reduce((m, z) => m | (1 << (bits.get(z) ?? (bits.set(z, bits.size), bits.size - 1))), 0);
  const f64 = (f: (p: DisasterPlace) => number) => Float64Array.from(places, f);
  return {
    n: places.length,
    x: f64((p) => Math.cos(p.lat * rad) * Math.cos(p.lon * rad)),
    y: f64((p) => Math.cos(p.lat * rad) * Math.sin(p.lon * rad)),
    z: f64((p) => Math.sin(p.lat * rad)),
    gx: f64((p) => Math.cos(p.gateway.lat * rad) * Math.cos(p.gateway.lon * rad)),
    gy: f64((p) => Math.cos(p.gateway.lat * rad) * Math.sin(p.gateway.lon * rad)),
    gz: f64((p) => Math.sin(p.gateway.lat * rad)),
    land: Int32Array.from(places, (p) => id(p.landmass)),
    gatewayLand: Int32Array.from(places, (p) => id(p.gateway.landmass)),
    zones: Int32Array.from(places, (p) => mask(p.zones)),
    partialZones: Int32Array.from(places, (p) => mask(p.partialZones)),
    population: f64((p) => p.population),
    quakeProb: f64((p) => p.quakeProb),
    waterShare: f64((p) => p.waterShare),
    island: f64((p) => (p.island ? 1 : 0)),
    gatewayKm: f64((p) => {
      if (!p.island) return 0;
      const [ax, ay, az] = [Math.cos(p.lat * rad) * Math.cos(p.lon * rad), Math.cos(p.lat * rad) * Math.sin(p.lon * rad), Math.sin(p.lat * rad)];
      const [bx, by, bz] = [
        Math.cos(p.gateway.lat * rad) * Math.cos(p.gateway.lon * rad),
        Math.cos(p.gateway.lat * rad) * Math.sin(p.gateway.lon * rad),
        Math.sin(p.gateway.lat * rad),
      ];
      return chordKm(ax - bx, ay - by, az - bz);
    }),
  };
}

/** JavaScript source for the score; `num` reads constants from C, in the order the definition asks for them. */
function codeOps(constants: number[]): ScoreOps<string> {
  return {
    num: (v) => {
      constants.push(v);
      return `C[${constants.length - 1}]`;
    },
    add: (a, b) => `(${a} + ${b})`,
    sub: (a, b) => `(${a} - ${b})`,
    mul: (a, b) => `(${a} * ${b})`,
    div: (a, b) => `(${a} / ${b})`,
    exp: (a) => `Math.exp(${a})`,
    sqrt: (a) => `Math.sqrt(${a})`,
    min: (a, b) => `Math.min(${a}, ${b})`,
    max: (a, b) => `Math.max(${a}, ${b})`,
    choose: (flag, yes, no) => `(${flag} === 1 ? ${yes} : ${no})`,
  };
}

const place = (i: string): PlaceTerms<string> => ({ population: `P[${i}]`, quakeProb: `Q[${i}]`, waterShare: `W[${i}]`, island: `I[${i}]`, gatewayKm: `G[${i}]` });
const pair: PairTerms<string> = { distanceKm: 'd', gatewayDistanceKm: 'gd', sameLandmass: 'sl', sameGatewayLandmass: 'sg', sharedZone: 'sz', possibleZone: 'pz' };

/** The score's terms as source, and the constants of the given parameters in the order the source reads them. */
function render(params: DisasterParams): { terms: DisasterTerms<string>; constants: number[] } {
  const constants: number[] = [];
  return { terms: disasterTerms(codeOps(constants), place('i'), place('j'), pair, params), constants };
}

/** The pair inputs of i and j, as the definition names them (distance by chord; zones by bit mask). */
const pairSource = `
    const d = chord(X[i] - X[j], Y[i] - Y[j], Z[i] - Z[j]);
    const sl = L[i] === L[j] ? 1 : 0;
    const gd = sl === 1 ? d : chord(GX[i] - GX[j], GY[i] - GY[j], GZ[i] - GZ[j]);
    const sg = GL[i] === GL[j] ? 1 : 0;
    const sz = (ZM[i] & ZM[j]) !== 0 ? 1 : 0;
    const pz = ((ZM[i] | PM[i]) & (ZM[j] | PM[j]) & ~(ZM[i] & ZM[j])) !== 0 ? 1 : 0;`;
const unpack =
  'const { n, x: X, y: Y, z: Z, gx: GX, gy: GY, gz: GZ, land: L, gatewayLand: GL, zones: ZM, partialZones: PM, population: P, quakeProb: Q, waterShare: W, island: I, gatewayKm: G } = K;';

type RowFn = (K: KernelPlaces, i: number, C: number[], out: RowTerms, chord: typeof chordKm) => void;
type ScoresFn = (K: KernelPlaces, i: number, C: number[], score: Float64Array, distance: Float64Array, chord: typeof chordKm) => void;

let compiled: { row: RowFn; scores: ScoresFn } | null = null;

/** Compiles the two loops once per process (the source never depends on the parameters' values). */
function kernels(): { row: RowFn; scores: ScoresFn } {
  if (compiled) return compiled;
  // Any parameter set renders the same source; the defaults will do.
  const { terms } = render(defaultDisasterParams);
  const names = Object.keys(terms) as (keyof DisasterTerms<string>)[];
  const row = `${unpack}
  for (let j = 0; j < n; j++) {
    if (j === i) { ${names.map((t) => `out.${t}[j] = NaN;`).join(' ')} out.distanceKm[j] = NaN; continue; }${pairSource}
    out.distanceKm[j] = d;
    ${names.map((t) => `out.${t}[j] = ${terms[t]};`).join('\n    ')}
  }`;
  const scores = `${unpack}
  for (let j = 0; j < n; j++) {
    if (j === i) { score[j] = NaN; distance[j] = NaN; continue; }${pairSource}
    distance[j] = d;
    score[j] = ${terms.score};
  }`;
  // Compiled from the score's own definition; the constants are passed as data, never as code.
  compiled = {
    row: new Function('K', 'i', 'C', 'out', 'chord', row) as RowFn,
    scores: new Function('K', 'i', 'C', 'score', 'distance', 'chord', scores) as ScoresFn,
  };
  return compiled;
}

/**
 * Every term of origin `i` against every place.
 * @example disasterRow(k, 0, defaultDisasterParams).score[1]
 */
export function disasterRow(k: KernelPlaces, i: number, params: DisasterParams): RowTerms {
  const make = () => new Float64Array(k.n);
  const out = {
    score: make(),
    risk: make(),
    sameQuake: make(),
    sameStorm: make(),
    ownHazard: make(),
    reachability: make(),
    capacity: make(),
    routeKm: make(),
    crossings: make(),
    distanceKm: make(),
  };
  kernels().row(k, i, render(params).constants, out, chordKm);
  return out;
}

/**
 * The score of every origin against every place with one parameter set: `visit(i, score, distance)` per origin
 * (the arrays are reused: copy what you keep).
 */
export function disasterAllPairs(k: KernelPlaces, params: DisasterParams, visit: (i: number, score: Float64Array, distance: Float64Array) => void): void {
  const C = render(params).constants;
  const score = new Float64Array(k.n);
  const distance = new Float64Array(k.n);
  const scores = kernels().scores;
  for (let i = 0; i < k.n; i++) {
    scores(k, i, C, score, distance, chordKm);
    visit(i, score, distance);
  }
}
