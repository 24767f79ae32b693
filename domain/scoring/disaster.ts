/**
 * Disaster mutual-aid suitability (災害時相互応援) of partner B for municipality A, on real hazard.
 *
 * Idea (seed document 001_0c90d4750b6046d5.txt): a good partner is far enough away not to be hit by the same disaster
 * (同時被災の可能性が低い), near enough to help, and able to help — 狛江市's fire brigade was first to reach its
 * partner 川口町 (now 長岡市) after the 2004 中越 earthquake, about 210 km away; 山川町 (now 指宿市) and 倶知安町
 * are about 1,580 km apart, a tie of friendship more than of first response.
 *
 * Model, for great-circle distance d (km) between representative points; p = J-SHIS 2024 probability of 震度6弱
 * or more within 30 years (0..1); w = share of residents in the river-flood or storm-surge area (0..1):
 *   sameQuake    = exp(−d / decayKm) × min(1, pB / pA), raised to q + zonePenalty × z × (1 − q) where
 *                  z = 1 when both lie in the designated zone of the same expected earthquake, possibleZoneWeight
 *                  when that is only possible (a prefecture partly designated, members not listed), else 0;
 *   sameStorm    = exp(−d / stormDecayKm) × √(wA × wB);
 *   ownHazard    = min(1, ownHazardWeight × pB);
 *   risk         = 1 − (1 − sameQuake)(1 − sameStorm)(1 − ownHazard);
 *   reachability = 1 / (1 + exp((routeKm + crossings × ferryPenaltyKm − reachMidKm) / reachWidthKm));
 *   capacity     = 1 − exp(−(popB / popA) / capacityRatio)   (a village cannot host a city);
 *   score        = (1 − risk) × reachability × capacity, in 0..1.
 *
 * Evidence for each default:
 * - decayKm 100 km: a 2014 study of 66 municipalities' aid agreements (目黒公郎, 東京大学 CIDIR) found 12.4
 *   partners each, about 29 % within 30 km and about 53 % beyond 100 km — planners already count ~100 km as the
 *   distance beyond which one earthquake rarely cripples both.
 * - min(1, pB / pA): given that A is struck, B is struck by the same event with probability at most pB / pA
 *   (P(A and B) ≤ P(B)), so a partner with little hazard of its own shares little even nearby. Both places' figures
 *   enter; J-SHIS gives one value at each place's population-weighted centre (徳島市 reads 22 % between
 *   neighbours at 70–77 %: a point value, not an area average).
 * - zonePenalty 0.5: a designated zone (南海トラフ推進地域, 首都直下緊急対策区域, 日本海溝・千島海溝推進地域) is the
 *   footprint of one expected earthquake, and a 臨時情報 after a first rupture puts the whole zone on alert for a week
 *   (南海トラフ地震臨時情報, first issued 2024-08-08), when no member sends help away; half the remaining chance.
 * - possibleZoneWeight 0.5: for a prefecture only partly designated we do not know which municipalities are in
 *   (日本海溝 today, so 仙台市 lies "possibly" in it): even odds.
 * - ownHazardWeight 1: the J-SHIS figure is a 30-year probability, about the life of an agreement (世田谷区–川場村,
 *   1995, still in force). A partner with a high probability of its own is a poor helper whatever the distance —
 *   struck itself within that time it needs help instead of giving it.
 * - stormDecayKm 300 km: one rain or typhoon event floods a band of that size — 令和元年東日本台風 (2019) broke
 *   levees from 長野 to 宮城 (~350 km) at once, 平成30年7月豪雨 (2018) from 岡山 to 愛媛 and 広島. Exposure shares
 *   enter as the geometric mean: both must be exposed for one flood to disable both.
 * - reachMidKm 700 km, reachWidthKm 150 km: help still arrives up to about a day by road — pairs 500–800 km apart
 *   were under 8 % of agreements but gave about 32 % of the aid after the 2011 earthquake (目黒 2014).
 * - ferryPenaltyKm 200 km: a crossing costs loading, waiting for a sailing (1–4 a day) and sailing; 隠岐 (西郷)–七類
 *   takes about 2.5 h by car ferry, about 200 km of road at the speeds of disaster relief.
 * - capacityRatio 1: MIC's counterpart scheme (応急対策職員派遣制度, 2018) pairs an affected municipality with a
 *   prefecture or designated city, i.e. a much larger one; a partner of equal size gives 63 %, three times 95 %.
 *
 * Islands: a municipality on a landmass joined to Honshu, Kyushu, Shikoku or Hokkaido by neither land nor a road
 * bridge or tunnel is an island; help reaches it through its port, the nearest mainland point across the sea (the
 * pipeline's landmasses step). routeKm then runs through the ports and each ferry crossing adds ferryPenaltyKm.
 * Risk keeps the straight-line distance: the ground shakes by distance, not by road.
 *
 * The formula is written once over a small set of operations (ScoreOps), so the same definition yields a number
 * (the API, numberOps) and a SQL expression (the bench's all-pairs scoring in DuckDB and PostgreSQL, sqlOps).
 */
import { z } from 'zod';
import { haversineKm } from '../geo.ts';
import type { HazardZone } from '../records/hazards.ts';
import { type DisasterParams, type LimitingFactor, type ParamSpec, disasterParamSpecs } from '../records/partners.ts';

export type { DisasterParams };

/** The defaults, taken from disasterParamSpecs (evidence above). */
export const defaultDisasterParams: DisasterParams = Object.fromEntries(Object.entries(disasterParamSpecs).map(([k, s]) => [k, s.default])) as DisasterParams;

/** A zod number for one parameter: coerced from query strings, range checked with a message naming the range and unit. */
export function paramField(spec: ParamSpec) {
  const range = `must be between ${spec.min} and ${spec.max}${spec.unit ? ` ${spec.unit}` : ''}`;
  return z.coerce
    .number({ error: `${range} (a number)` })
    .refine(Number.isFinite, range)
    .refine((v) => v >= spec.min && v <= spec.max, range);
}

/**
 * A strict zod schema for a set of parameter specs: every key optional (default from its spec), unknown keys refused.
 * @example paramsSchema(disasterParamSpecs).parse({ decayKm: '50' }).decayKm // 50
 */
export function paramsSchema<K extends string>(specs: Record<K, ParamSpec>): z.ZodType<Record<K, number>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, s] of Object.entries(specs) as [K, ParamSpec][]) shape[k] = paramField(s).default(s.default);
  return z.object(shape).strict() as unknown as z.ZodType<Record<K, number>>;
}

/** Validates disaster parameters (missing ones take their defaults). */
export const disasterParamsSchema = paramsSchema(disasterParamSpecs);

/** The arithmetic the score needs: one formula gives a number (numberOps) or a SQL expression (sqlOps). */
export interface ScoreOps<T> {
  num(v: number): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  exp(a: T): T;
  sqrt(a: T): T;
  min(a: T, b: T): T;
  max(a: T, b: T): T;
  /** `yes` where `flag` is 1, else `no` (flags are 0 or 1). */
  choose(flag: T, yes: T, no: T): T;
}

/** Plain numbers. */
export const numberOps: ScoreOps<number> = {
  num: (v) => v,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  exp: Math.exp,
  sqrt: Math.sqrt,
  min: Math.min,
  max: Math.max,
  choose: (flag, yes, no) => (flag === 1 ? yes : no),
};

/** SQL text for DuckDB and PostgreSQL alike (division in floating point, so integer columns never truncate). */
export const sqlOps: ScoreOps<string> = {
  num: (v) => (Number.isInteger(v) ? `${v}.0` : `(${v})`),
  add: (a, b) => `(${a} + ${b})`,
  sub: (a, b) => `(${a} - ${b})`,
  mul: (a, b) => `(${a} * ${b})`,
  div: (a, b) => `(CAST(${a} AS DOUBLE PRECISION) / ${b})`,
  exp: (a) => `exp(${a})`,
  sqrt: (a) => `sqrt(${a})`,
  min: (a, b) => `least(${a}, ${b})`,
  max: (a, b) => `greatest(${a}, ${b})`,
  choose: (flag, yes, no) => `(CASE WHEN ${flag} = 1 THEN ${yes} ELSE ${no} END)`,
};

/** What the score needs of one place (probabilities and shares as 0..1; flags 0 or 1). */
export interface PlaceTerms<T> {
  population: T;
  /** J-SHIS probability of 震度6弱+ within 30 years, 0..1. */
  quakeProb: T;
  /** max(river-flood share, storm-surge share) of residents, 0..1. */
  waterShare: T;
  /** 1 when reached only across the sea. */
  island: T;
  /** km from the place to its gateway (its port for an island, 0 otherwise). */
  gatewayKm: T;
}

/** What the score needs of a pair (flags 0 or 1). */
export interface PairTerms<T> {
  distanceKm: T;
  /** km between the two gateways (ports of islands, the places themselves otherwise). */
  gatewayDistanceKm: T;
  /** 1 when both are on one landmass or one road network (no ferry between them). */
  sameLandmass: T;
  /** 1 when the two gateways are on one road network. */
  sameGatewayLandmass: T;
  /** 1 when both lie in the designated zone of the same expected earthquake. */
  sharedZone: T;
  /** 1 when they may (a prefecture partly designated). */
  possibleZone: T;
}

/** The score and every part of it. */
export interface DisasterTerms<T> {
  score: T;
  risk: T;
  sameQuake: T;
  sameStorm: T;
  ownHazard: T;
  reachability: T;
  capacity: T;
  routeKm: T;
  crossings: T;
}

/** J-SHIS gives probabilities to 0.1 %: the floor under pA keeps pB / pA finite. */
const probabilityFloor = 0.001;
/** exp() arguments are kept within ±700, where PostgreSQL's exp() neither underflows nor overflows. */
const expLimit = 700;

/**
 * The one definition of the score, over any ScoreOps.
 * @example disasterTerms(numberOps, origin, candidate, pair, defaultDisasterParams).score
 */
export function disasterTerms<T>(o: ScoreOps<T>, a: PlaceTerms<T>, b: PlaceTerms<T>, pair: PairTerms<T>, p: DisasterParams): DisasterTerms<T> {
  const n = o.num;
  const one = n(1);
  const clampedExp = (x: T) => o.exp(o.max(n(-expLimit), o.min(n(expLimit), x)));
  const decay = (km: number) => clampedExp(o.div(o.sub(n(0), pair.distanceKm), n(km)));

  const ratio = o.min(one, o.div(b.quakeProb, o.max(a.quakeProb, n(probabilityFloor))));
  const quake = o.mul(decay(p.decayKm), ratio);
  const zone = o.max(pair.sharedZone, o.mul(pair.possibleZone, n(p.possibleZoneWeight)));
  const sameQuake = o.add(quake, o.mul(o.mul(n(p.zonePenalty), zone), o.sub(one, quake)));
  const sameStorm = o.mul(decay(p.stormDecayKm), o.sqrt(o.mul(a.waterShare, b.waterShare)));
  const ownHazard = o.min(one, o.mul(n(p.ownHazardWeight), b.quakeProb));
  const safe = o.mul(o.mul(o.sub(one, sameQuake), o.sub(one, sameStorm)), o.sub(one, ownHazard));

  const viaPorts = o.add(o.add(a.gatewayKm, pair.gatewayDistanceKm), b.gatewayKm);
  const routeKm = o.choose(pair.sameLandmass, pair.distanceKm, viaPorts);
  const crossings = o.choose(pair.sameLandmass, n(0), o.add(o.add(a.island, b.island), o.sub(one, pair.sameGatewayLandmass)));
  const effectiveKm = o.add(routeKm, o.mul(crossings, n(p.ferryPenaltyKm)));
  const reachability = o.div(one, o.add(one, clampedExp(o.div(o.sub(effectiveKm, n(p.reachMidKm)), n(p.reachWidthKm)))));

  const relative = o.div(o.max(b.population, n(0)), o.max(a.population, one));
  const capacity = o.sub(one, clampedExp(o.sub(n(0), o.div(relative, n(p.capacityRatio)))));

  return {
    score: o.mul(o.mul(safe, reachability), capacity),
    risk: o.sub(one, safe),
    sameQuake,
    sameStorm,
    ownHazard,
    reachability,
    capacity,
    routeKm,
    crossings,
  };
}

/** One place as the API scores it. */
export interface DisasterPlace {
  lon: number;
  lat: number;
  population: number;
  /** 0..1 (J-SHIS 30-year probability; where J-SHIS has none, its prefecture's median). */
  quakeProb: number;
  /** 0..1 */
  waterShare: number;
  /** Hazards whose designated zone holds it. */
  zones: readonly HazardZone[];
  /** Hazards for which its prefecture is only partly designated. */
  partialZones: readonly HazardZone[];
  /** Landmass (or road network) id: places with the same id reach each other without a ferry. */
  landmass: string;
  island: boolean;
  /** Where help comes ashore: the port across the sea for an island, the place itself otherwise. */
  gateway: { lon: number; lat: number; landmass: string };
}

/** Zones both share, and zones they may share (one side's prefecture partly designated). */
export function zonesOf(a: DisasterPlace, b: DisasterPlace): { shared: HazardZone[]; possible: HazardZone[] } {
  const shared = b.zones.filter((z) => a.zones.includes(z));
  const aAll = [...a.zones, ...a.partialZones];
  const bAll = [...b.zones, ...b.partialZones];
  const possible = [...new Set(bAll.filter((z) => aAll.includes(z) && !shared.includes(z)))];
  return { shared, possible };
}

/**
 * The score of B for A with every part, in numbers.
 * @example
 * // 狛江市 → 長岡市, ~210 km
 * disasterScore(komae, nagaoka, defaultDisasterParams).score
 */
export function disasterScore(
  a: DisasterPlace,
  b: DisasterPlace,
  p: DisasterParams,
): DisasterTerms<number> & { distanceKm: number; sharedZones: HazardZone[]; possibleZones: HazardZone[] } {
  const distanceKm = haversineKm(a.lon, a.lat, b.lon, b.lat);
  const sameLandmass = a.landmass === b.landmass;
  const zones = zonesOf(a, b);
  const place = (x: DisasterPlace): PlaceTerms<number> => ({
    population: x.population,
    quakeProb: x.quakeProb,
    waterShare: x.waterShare,
    island: x.island ? 1 : 0,
    gatewayKm: x.island ? haversineKm(x.lon, x.lat, x.gateway.lon, x.gateway.lat) : 0,
  });
  const terms = disasterTerms(
    numberOps,
    place(a),
    place(b),
    {
      distanceKm,
      gatewayDistanceKm: sameLandmass ? distanceKm : haversineKm(a.gateway.lon, a.gateway.lat, b.gateway.lon, b.gateway.lat),
      sameLandmass: sameLandmass ? 1 : 0,
      sameGatewayLandmass: a.gateway.landmass === b.gateway.landmass ? 1 : 0,
      sharedZone: zones.shared.length ? 1 : 0,
      possibleZone: zones.possible.length ? 1 : 0,
    },
    p,
  );
  return { ...terms, distanceKm, sharedZones: zones.shared, possibleZones: zones.possible };
}

/**
 * The part that holds a score down most: the smallest of 1 − sameQuake, 1 − sameStorm, 1 − ownHazard,
 * reachability and capacity (the score is their product).
 * @example limitingFactor({ sameQuake: 0.1, sameStorm: 0, ownHazard: 0.2, reachability: 0.99, capacity: 0.01 }) // 'capacity'
 */
export function limitingFactor(t: Pick<DisasterTerms<number>, 'sameQuake' | 'sameStorm' | 'ownHazard' | 'reachability' | 'capacity'>): LimitingFactor {
  const parts: [LimitingFactor, number][] = [
    ['sameQuake', 1 - t.sameQuake],
    ['sameStorm', 1 - t.sameStorm],
    ['ownHazard', 1 - t.ownHazard],
    ['reachability', t.reachability],
    ['capacity', t.capacity],
  ];
  return parts.reduce((lo, x) => (x[1] < lo[1] ? x : lo))[0];
}

/**
 * Ranking order: higher score first; on a tie (to the 4 decimals shown) the partner with less hazard of its own,
 * then the larger one (more to give), then the nearer one, then the code — so a small origin, for which many
 * partners saturate, still gets an order that means something.
 */
export function byDisasterRank<X extends { score: number; code: string; population: number; distanceKm: number; quakeProb: number }>(a: X, b: X): number {
  return shownScore(b.score) - shownScore(a.score) || a.quakeProb - b.quakeProb || b.population - a.population || a.distanceKm - b.distanceKm || a.code.localeCompare(b.code);
}

// Outside the comparator: a closure made per comparison costs more than the comparison (thousands per ranking).
const shownScore = (v: number) => Math.round(v * 1e4);
