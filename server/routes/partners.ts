/**
 * GET /api/partners/{code}: every other municipality ranked as a partner of `code`, for disaster mutual aid
 * or for complementary (urban↔rural) exchange, with each factor of the score and the ties that already exist;
 * GET /api/partners/matrix: every municipality's best partners at once (the national partner table).
 *
 * Each municipality's figures, hazard zones, hazard figures and landmass are read once per database, the agreements
 * and pacts are held in memory (server/current.ts, built.ts), so a ranking runs no query: the scorers of domain/scoring/
 * rank every candidate — the disaster score through its compiled form (disaster-kernel.ts), the same code for one
 * ranking, the matrix and the benchmark — and only the partners shown get their full factors.
 */
import { z } from 'zod';
import type { AtlasDb } from '../db.ts';
import { ApiError } from '../errors.ts';
import { codeSchema, defineRoute, describeIssues, queryString } from '../route.ts';
import {
  type AxisValues,
  type ComplementColumns,
  axisValues,
  axisWeights,
  complementAt,
  complementAxes,
  complementColumns,
  complementParamsSchema,
  complementScore,
} from '../../domain/scoring/complement.ts';
import { type DisasterPlace, byDisasterRank, disasterParamsSchema, limitingFactor, zonesOf } from '../../domain/scoring/disaster.ts';
import { type KernelPlaces, disasterAllPairs, disasterRow, kernelPlaces } from '../../domain/scoring/disaster-kernel.ts';
import { type ExchangeKind, nonTieKinds } from '../../domain/records/exchanges.ts';
import type { HazardZone } from '../../domain/records/hazards.ts';
import {
  type ComplementParams,
  type ComplementRanking,
  type DisasterItem,
  type DisasterParams,
  type DisasterRanking,
  type HazardFigures,
  type MatrixPartner,
  PartnerMatrix,
  type PartnerPurpose,
  PartnerRanking,
  type ViaPartner,
  complementParamSpecs,
  disasterParamSpecs,
} from '../../domain/records/partners.ts';
import { haversineKm } from '../../domain/geo.ts';
import { type BuiltData, builtData } from '../built.ts';
import { type CurrentData, currentData } from '../current.ts';

/** What never changes while the server runs: each municipality's figures and hazard zones (read once per database). */
export interface Place {
  code: string;
  name: string;
  prefName: string;
  population: number;
  lon: number;
  lat: number;
  axes: AxisValues;
  /** Hazards whose designated zone holds the municipality. */
  zones: HazardZone[];
  /** Hazards for which its prefecture is only partly designated. */
  partialZones: HazardZone[];
  /** Hazard figures as published (%), for the answer. */
  hazard: HazardFigures;
  /** What the disaster-aid score needs. */
  disaster: DisasterPlace;
  /** For an island: the mainland municipality where help comes ashore, and how far across the sea. */
  port: { code: string; seaKm: number } | null;
}

export interface Places {
  byCode: Map<string, Place>;
  /** Every place in code order, and the same places as the scoring kernel's columns (same order). */
  list: Place[];
  kernel: KernelPlaces;
  /** National standard deviation of each complementarity axis. */
  spread: AxisValues;
  /** The places' complementarity axes as columns (same order), for complementAt. */
  columns: ComplementColumns;
}

const placesCache = new WeakMap<AtlasDb, Promise<Places>>();
const split = (s: string | null | undefined): string[] => (s ? String(s).split(',') : []);
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Every municipality as the rankings score it, read once per database (the bench scores from the same places). */
export function partnerPlaces(db: AtlasDb): Promise<Places> {
  let cached = placesCache.get(db);
  if (!cached) {
    cached = db
      .all(
        `WITH zones AS (SELECT code, string_agg(DISTINCT hazard, ',') AS zones FROM hazard_zones GROUP BY code),
         partial AS (SELECT pref_code, string_agg(DISTINCT hazard, ',') AS zones FROM hazard_zones_partial GROUP BY pref_code)
         SELECT m.code, m.name, m.pref_name, m.population, m.density, m.share_primary, m.share_65plus, m.day_night_ratio, m.lon, m.lat,
           z.zones, p.zones AS partial_zones,
           h.quake_prob30, h.flood_share, h.surge_share, h.tsunami_share,
           -- Where J-SHIS gives no value (双葉町), the score uses the prefecture's median.
           coalesce(h.quake_prob30, median(h.quake_prob30) OVER (PARTITION BY m.pref_code)) AS quake_for_score,
           l.landmass, l.island, l.port_code, l.port_lon, l.port_lat, l.gateway_landmass
         FROM municipalities m LEFT JOIN zones z ON z.code = m.code LEFT JOIN partial p ON p.pref_code = m.pref_code
           JOIN hazard_figures h ON h.code = m.code JOIN landmasses l ON l.code = m.code`,
      )
      .then((rows) => {
        const list: Place[] = rows.map((r) => {
          const lon = Number(r.lon);
          const lat = Number(r.lat);
          const island = Boolean(r.island);
          const port = island ? { lon: Number(r.port_lon), lat: Number(r.port_lat) } : { lon, lat };
          const hazard: HazardFigures = {
            quakeProb30: r.quake_prob30 === null ? null : Number(r.quake_prob30),
            floodShare: Number(r.flood_share),
            surgeShare: Number(r.surge_share),
            tsunamiShare: Number(r.tsunami_share),
          };
          // The pipeline writes only the ids of domain/records/hazards.ts.
          const zones = split(r.zones as string | null) as HazardZone[];
          const partialZones = split(r.partial_zones as string | null) as HazardZone[];
          return {
            code: String(r.code),
            name: String(r.name),
            prefName: String(r.pref_name),
            population: Number(r.population),
            lon,
            lat,
            axes: axisValues({
              density: Number(r.density),
              sharePrimary: r.share_primary as number | null,
              share65plus: r.share_65plus as number | null,
              dayNightRatio: r.day_night_ratio as number | null,
              population: Number(r.population),
            }),
            zones,
            partialZones,
            hazard,
            disaster: {
              lon,
              lat,
              population: Number(r.population),
              quakeProb: Number(r.quake_for_score) / 100,
              waterShare: Math.max(hazard.floodShare, hazard.surgeShare) / 100,
              zones,
              partialZones,
              landmass: String(r.landmass),
              island,
              gateway: { ...port, landmass: String(r.gateway_landmass) },
            },
            port: island ? { code: String(r.port_code), seaKm: round(haversineKm(lon, lat, port.lon, port.lat), 1) } : null,
          };
        });
        list.sort((a, b) => a.code.localeCompare(b.code));
        const spread = axisSpread(list.map((p) => p.axes));
        return {
          byCode: new Map(list.map((p) => [p.code, p])),
          list,
          kernel: kernelPlaces(list.map((p) => p.disaster)),
          spread,
          columns: complementColumns(
            list.map((p) => p.axes),
            spread,
          ),
        };
      });
    // A failed read (e.g. a database without the hazard tables) is not kept.
    cached.catch(() => placesCache.delete(db));
    placesCache.set(db, cached);
  }
  return cached;
}

/** Population standard deviation of each axis over all municipalities. */
function axisSpread(values: AxisValues[]): AxisValues {
  const out = {} as AxisValues;
  for (const axis of complementAxes) {
    const xs = values.map((v) => v[axis]).filter((v): v is number => v !== null);
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    out[axis] = xs.length ? Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length) : null;
  }
  return out;
}

/** What already ties an origin to a partner: the kinds of agreement between the two, and the pacts both are parties to. */
interface Tie {
  kinds: ExchangeKind[];
  networks: string[];
}

const isTie = (kind: ExchangeKind) => !nonTieKinds.includes(kind);

/**
 * The ties of `code` by partner: agreements between the two (a company's or organisation's link is not one), and
 * membership of the same pact (21大都市, 中核市 …), which counts as an agreement of the pact's kind.
 */
function tiesOf(current: CurrentData, built: BuiltData, code: string): Map<string, Tie> {
  const ties = new Map<string, { kinds: Set<ExchangeKind>; networks: Set<string> }>();
  const tie = (partner: string) => {
    let t = ties.get(partner);
    if (!t) ties.set(partner, (t = { kinds: new Set(), networks: new Set() }));
    return t;
  };
  for (const { exchange } of current.exchangesOf.get(code) ?? []) if (isTie(exchange.kind)) tie(exchange.partner.code).kinds.add(exchange.kind);
  for (const n of built.networksOf.get(code) ?? []) {
    for (const party of built.networkParties.get(n.id) ?? []) {
      if (party === code) continue;
      const t = tie(party);
      t.kinds.add(n.kind);
      t.networks.add(n.name);
    }
  }
  return new Map([...ties].map(([partner, t]) => [partner, { kinds: [...t.kinds].sort(), networks: [...t.networks].sort() }]));
}

const byScore = <T extends { score: number; distanceKm: number }>(a: T, b: T) => b.score - a.score || a.distanceKm - b.distanceKm;

/**
 * Disaster mutual-aid ranking of every municipality for `code`, with the partners it already has wherever they rank.
 * @example (await disasterRanking(db, '13219', defaults, 10)).items[0].name
 */
export async function disasterRanking(db: AtlasDb, code: string, params: DisasterParams, limit: number): Promise<DisasterRanking> {
  const [{ byCode, list, kernel }, current, built] = await Promise.all([partnerPlaces(db), currentData(db), builtData(db)]);
  const origin = byCode.get(code);
  if (!origin) throw new ApiError(404, 'not_found', `no municipality has code ${code}`);
  const ties = tiesOf(current, built, code);
  // The compiled score (domain/scoring/disaster-kernel.ts), the one the partner matrix and the benchmark run.
  const row = disasterRow(kernel, list.indexOf(origin), params);
  // Rank every candidate on its key; the full item (factors, zones) only for those shown.
  const ranked = list
    .map((c, j) => ({ j, score: row.score[j], code: c.code, population: c.population, distanceKm: row.distanceKm[j], quakeProb: c.disaster.quakeProb }))
    .filter(({ j }) => list[j] !== origin)
    .sort(byDisasterRank);
  const item = (j: number): DisasterItem => {
    const c = list[j];
    const zones = zonesOf(origin.disaster, c.disaster);
    const terms = { sameQuake: row.sameQuake[j], sameStorm: row.sameStorm[j], ownHazard: row.ownHazard[j], reachability: row.reachability[j], capacity: row.capacity[j] };
    return {
      code: c.code,
      name: c.name,
      prefName: c.prefName,
      population: c.population,
      distanceKm: round(row.distanceKm[j], 1),
      score: round(row.score[j], 4),
      seaCrossing: row.crossings[j] > 0,
      factors: {
        risk: round(row.risk[j], 4),
        sameQuake: round(terms.sameQuake, 4),
        sameStorm: round(terms.sameStorm, 4),
        ownHazard: round(terms.ownHazard, 4),
        reachability: round(terms.reachability, 4),
        capacity: round(terms.capacity, 4),
        routeKm: round(row.routeKm[j], 1),
        crossings: row.crossings[j],
        limitedBy: limitingFactor(terms),
        hazard: c.hazard,
        sharedZones: zones.shared,
        possibleZones: zones.possible,
      },
      existingTies: ties.get(c.code)?.kinds ?? [],
      tieNetworks: ties.get(c.code)?.networks ?? [],
    };
  };
  const port = origin.port && byCode.get(origin.port.code);
  return {
    purpose: 'disaster',
    origin: {
      code: origin.code,
      name: origin.name,
      prefName: origin.prefName,
      population: origin.population,
      lon: origin.lon,
      lat: origin.lat,
      zones: origin.zones,
      possibleZones: origin.partialZones.filter((z) => !origin.zones.includes(z)),
      hazard: origin.hazard,
      island: origin.disaster.island,
      port: origin.port && port ? { code: port.code, name: port.name, seaKm: origin.port.seaKm } : null,
    },
    params,
    total: ranked.length,
    items: ranked.slice(0, limit).map((r) => item(r.j)),
    existing: ranked.flatMap((r, n) => (ties.get(r.code)?.kinds.length ? [{ ...item(r.j), rank: n + 1 }] : [])),
    scores: scoresOf(ranked),
  };
}

/** Each candidate's score by code (filled in a loop: Object.fromEntries of 1,740 pairs cost a tenth of the ranking). */
function scoresOf(ranked: readonly { code: string; score: number }[]): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const r of ranked) scores[r.code] = round(r.score, 4);
  return scores;
}

/**
 * Municipalities tied to `code`'s partners, each with the partners that link them (partners of partners), in code
 * order and, for one municipality, in the linking partners' code order.
 */
function viaOf(current: CurrentData, byCode: ReadonlyMap<string, Place>, code: string): { code: string; direct: boolean; via: ViaPartner['via'] }[] {
  const tiesOfCode = (c: string) => (current.exchangesOf.get(c) ?? []).filter((s) => isTie(s.exchange.kind));
  const direct = new Set(tiesOfCode(code).map((s) => s.exchange.partner.code));
  const found = new Map<string, { code: string; via: string; viaName: string; kinds: Set<ExchangeKind> }>();
  for (const via of direct) {
    for (const side of tiesOfCode(via)) {
      const other = side.exchange.partner.code;
      if (other === code || !byCode.has(other)) continue;
      const key = `${other} ${via}`;
      let entry = found.get(key);
      if (!entry) found.set(key, (entry = { code: other, via, viaName: side.ownName, kinds: new Set() }));
      entry.kinds.add(side.exchange.kind);
    }
  }
  const byOther = new Map<string, { code: string; direct: boolean; via: ViaPartner['via'] }>();
  for (const e of [...found.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.via < b.via ? -1 : 1))) {
    let entry = byOther.get(e.code);
    if (!entry) byOther.set(e.code, (entry = { code: e.code, direct: direct.has(e.code), via: [] }));
    entry.via.push({ code: e.via, name: e.viaName, kinds: [...e.kinds].sort() });
  }
  return [...byOther.values()];
}

/**
 * Complementary-partner ranking of every municipality for `code`, with partners of partners.
 * @example (await complementRanking(db, '13112', defaults, 10)).items.map((i) => i.name)
 */
export async function complementRanking(db: AtlasDb, code: string, params: ComplementParams, limit: number): Promise<ComplementRanking> {
  const [{ byCode, list, spread, columns }, current, built] = await Promise.all([partnerPlaces(db), currentData(db), builtData(db)]);
  const origin = byCode.get(code);
  if (!origin) throw new ApiError(404, 'not_found', `no municipality has code ${code}`);
  const ties = tiesOf(current, built, code);
  const i = list.indexOf(origin);
  const weights = axisWeights(params);
  const distanceOf = (c: Place) => haversineKm(origin.lon, origin.lat, c.lon, c.lat);
  // Rank every candidate on the score and distance shown; the factors only for those shown.
  const ranked = list
    .map((c, j) => ({ c, score: round(complementAt(columns, i, j, weights, params.saturationSd), 4), distanceKm: round(distanceOf(c), 1) }))
    .filter(({ c }) => c !== origin)
    .sort(byScore);
  const items: ComplementRanking['items'] = ranked.slice(0, limit).map(({ c, score, distanceKm }) => {
    const { factors } = complementScore(origin.axes, c.axes, spread, params);
    for (const f of Object.values(factors)) {
      f.factor = round(f.factor, 4);
      if (f.origin !== null) f.origin = round(f.origin, 3);
      if (f.candidate !== null) f.candidate = round(f.candidate, 3);
      if (f.diffSd !== null) f.diffSd = round(f.diffSd, 3);
    }
    return {
      code: c.code,
      name: c.name,
      prefName: c.prefName,
      population: c.population,
      distanceKm,
      score,
      factors,
      existingTies: ties.get(c.code)?.kinds ?? [],
      tieNetworks: ties.get(c.code)?.networks ?? [],
    };
  });
  const viaPartners = viaOf(current, byCode, code)
    .map(({ code: other, direct, via }): ViaPartner => {
      const c = byCode.get(other)!;
      return { code: c.code, name: c.name, prefName: c.prefName, distanceKm: round(distanceOf(c), 1), direct, via };
    })
    .sort((a, b) => b.via.length - a.via.length || a.distanceKm - b.distanceKm)
    .slice(0, 100);
  return {
    purpose: 'complement',
    origin: { code: origin.code, name: origin.name, prefName: origin.prefName, population: origin.population, lon: origin.lon, lat: origin.lat },
    params,
    total: ranked.length,
    items,
    viaPartners,
    scores: Object.fromEntries(ranked.map((r) => [r.c.code, r.score])),
  };
}

/**
 * The national partner table: every municipality's `top` best partners for one purpose, in one pass over all
 * 3 million ordered pairs with the production scorers (the compiled disaster score, complementValue), ranked
 * exactly as the single rankings are; pairs that choose each other are flagged, and pairs already tied.
 * @example (await partnerMatrix(db, 'disaster', defaults, 3)).items[0].partners[0].code
 */
export async function partnerMatrix(db: AtlasDb, purpose: PartnerPurpose, params: DisasterParams | ComplementParams, top: number): Promise<PartnerMatrix> {
  const [{ list, kernel, columns }, current, built] = await Promise.all([partnerPlaces(db), currentData(db), builtData(db)]);
  const n = list.length;
  const best = new Int32Array(n * top).fill(-1);
  const bestScore = new Float64Array(n * top);
  const bestKm = new Float64Array(n * top);
  /** True when candidate j (score s, distance d) ranks above the k-th kept one of origin i. */
  const above = (i: number, j: number, s: number, d: number, k: number): boolean => {
    const at = i * top + k;
    const other = best[at];
    if (other < 0) return true;
    if (purpose === 'disaster') {
      // byDisasterRank: score to 4 decimals, then less own hazard, larger, nearer, code (list order).
      const a = Math.round(s * 1e4);
      const b = Math.round(bestScore[at] * 1e4);
      if (a !== b) return a > b;
      if (kernel.quakeProb[j] !== kernel.quakeProb[other]) return kernel.quakeProb[j] < kernel.quakeProb[other];
      if (kernel.population[j] !== kernel.population[other]) return kernel.population[j] > kernel.population[other];
      if (d !== bestKm[at]) return d < bestKm[at];
    } else {
      // The complement ranking's order: score to 4 decimals, then distance to 0.1 km (as shown), then code.
      const a = Math.round(s * 1e4);
      const b = Math.round(bestScore[at] * 1e4);
      if (a !== b) return a > b;
      const da = Math.round(d * 10);
      const db = Math.round(bestKm[at] * 10);
      if (da !== db) return da < db;
    }
    return j < other;
  };
  const last = top - 1;
  const keep = (i: number, score: Float64Array, distanceOf: (j: number) => number) => {
    for (let j = 0; j < n; j++) {
      // Both orders start with the score to 4 decimals: most candidates fall out on it, before any distance.
      if (j === i || (best[i * top + last] >= 0 && Math.round(score[j] * 1e4) < Math.round(bestScore[i * top + last] * 1e4))) continue;
      const d = distanceOf(j);
      if (!above(i, j, score[j], d, last)) continue;
      // Insert in order, pushing the last one out.
      let k = last;
      while (k > 0 && above(i, j, score[j], d, k - 1)) {
        best[i * top + k] = best[i * top + k - 1];
        bestScore[i * top + k] = bestScore[i * top + k - 1];
        bestKm[i * top + k] = bestKm[i * top + k - 1];
        k--;
      }
      best[i * top + k] = j;
      bestScore[i * top + k] = score[j];
      bestKm[i * top + k] = d;
    }
  };
  if (purpose === 'disaster') disasterAllPairs(kernel, params as DisasterParams, (i, score, distance) => keep(i, score, (j) => distance[j]));
  else {
    const p = params as ComplementParams;
    const weights = axisWeights(p);
    const score = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) score[j] = complementAt(columns, i, j, weights, p.saturationSd);
      keep(i, score, (j) => haversineKm(list[i].lon, list[i].lat, list[j].lon, list[j].lat));
    }
  }
  const tiedTo = new Map<string, Map<string, Tie>>();
  const tied = (a: string, b: string) => {
    let ties = tiedTo.get(a);
    if (!ties) tiedTo.set(a, (ties = tiesOf(current, built, a)));
    return ties.has(b);
  };
  const chosen = (i: number, j: number) => best.subarray(i * top, i * top + top).includes(j);
  let mutualPairs = 0;
  const items = list.map((a, i) => ({
    code: a.code,
    name: a.name,
    prefName: a.prefName,
    partners: [...best.subarray(i * top, i * top + top)]
      .map((j, k): MatrixPartner | null => {
        if (j < 0) return null;
        const b = list[j];
        const mutual = chosen(j, i);
        if (mutual && i < j) mutualPairs++;
        return {
          code: b.code,
          name: b.name,
          prefName: b.prefName,
          score: round(bestScore[i * top + k], 4),
          distanceKm: round(bestKm[i * top + k], 1),
          mutual,
          tied: tied(a.code, b.code),
        };
      })
      .filter((p): p is MatrixPartner => p !== null),
  }));
  return { purpose, params, top, total: n, mutualPairs, items };
}

const disasterKeys = Object.keys(disasterParamSpecs);
const complementKeys = Object.keys(complementParamSpecs);

/** What both ranking queries take: the purpose and any parameter of either purpose (checked against the purpose later). */
const purposeAndParams = {
  purpose: z.enum(['disaster', 'complement'], { error: 'must be disaster or complement' }).default('disaster'),
  ...Object.fromEntries([...disasterKeys, ...complementKeys].map((k) => [k, queryString(30).optional()])),
};

const matrixQuery = z
  .object({
    ...purposeAndParams,
    top: z.coerce.number({ error: 'must be a whole number 1–10' }).int('must be a whole number 1–10').min(1, 'must be 1–10').max(10, 'must be 1–10').default(3),
  })
  .strict();

const partnerQuery = z
  .object({
    ...purposeAndParams,
    limit: z.coerce.number({ error: 'must be a whole number 1–1740' }).int('must be a whole number 1–1740').min(1, 'must be 1–1740').max(1740, 'must be 1–1740').default(50),
  })
  .strict();

/** Picks the purpose's parameters from the query, refusing the other purpose's keys and out-of-range values. */
function purposeParams<T>(query: Record<string, unknown>, own: string[], other: string[], schema: z.ZodType<T>, purpose: string): T {
  const foreign = other.filter((k) => query[k] !== undefined && !own.includes(k));
  if (foreign.length) throw new ApiError(400, 'invalid_input', `query ${foreign.join(', ')}: not a parameter of purpose=${purpose}; use ${own.join(', ')}`);
  const result = schema.safeParse(Object.fromEntries(own.filter((k) => query[k] !== undefined).map((k) => [k, query[k]])));
  if (!result.success) throw new ApiError(400, 'invalid_input', describeIssues('query', result.error));
  return result.data;
}

export const partnerRoutes = [
  // Before /api/partners/:code, which would take "matrix" for a code.
  defineRoute({
    method: 'get',
    path: '/api/partners/matrix',
    response: PartnerMatrix,
    tag: 'partners',
    summary:
      "The national partner table: every municipality's best partners for purpose=disaster or complement (same parameters and order as /api/partners/{code}), all pairs scored in one pass; pairs that choose each other flagged mutual, pairs already tied flagged tied.",
    returns:
      '{purpose, params, top, total, mutualPairs, items:[{code,name,prefName,partners:[{code,name,prefName,score,distanceKm,mutual,tied}]}]}; 400 for parameters out of range',
    query: matrixQuery,
    handle({ deps, query }) {
      const q = query as Record<string, unknown> & { purpose: PartnerPurpose; top: number };
      const params =
        q.purpose === 'disaster'
          ? purposeParams(q, disasterKeys, complementKeys, disasterParamsSchema, 'disaster')
          : purposeParams(q, complementKeys, disasterKeys, complementParamsSchema, 'complement');
      return partnerMatrix(deps.db, q.purpose, params, q.top);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/partners/:code',
    response: PartnerRanking,
    tag: 'partners',
    summary:
      'Every other municipality ranked as a partner: purpose=disaster (not struck by the same earthquake or storm — J-SHIS probabilities, designated zones, flood exposure —, reachable, able to help; parameters decayKm, zonePenalty, possibleZoneWeight, ownHazardWeight, stormDecayKm, reachMidKm, reachWidthKm, ferryPenaltyKm, capacityRatio) or purpose=complement (difference on urban↔rural axes; parameters wDensity, wPrimary, wAged, wDayNight, wSize, saturationSd, plus viaPartners).',
    returns:
      '{purpose, origin, params, total, items:[{code,name,prefName,population,distanceKm,score,factors,existingTies}], scores:{code:score} for all candidates; disaster: origin.hazard, origin.island, origin.port, items[].seaCrossing, factors naming the hazard figures used, existing (partners already tied, with rank); complement: viaPartners}; 400 for parameters out of range, 404 for an unknown code',
    params: z.object({ code: codeSchema }),
    query: partnerQuery,
    async handle({ deps, params, query }) {
      const q = query as Record<string, unknown> & { purpose: 'disaster' | 'complement'; limit: number };
      if (q.purpose === 'disaster') return disasterRanking(deps.db, params.code, purposeParams(q, disasterKeys, complementKeys, disasterParamsSchema, 'disaster'), q.limit);
      return complementRanking(deps.db, params.code, purposeParams(q, complementKeys, disasterKeys, complementParamsSchema, 'complement'), q.limit);
    },
  }),
];
