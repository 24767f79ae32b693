/**
 * Who could lead a 連携中枢都市圏 or a 定住自立圏, and what a grouping of municipalities adds up to.
 * Pure functions (no database, no DOM): the API, the pipeline and the web client's what-if panel share them.
 *
 * Criteria, as stated in seed 002_57fe8b12f6463796.txt (総務省, 新たな広域連携):
 * - 連携中枢都市: 指定都市・中核市 (人口20万以上) with 昼夜間人口比率 おおむね1以上, in 地方圏 (outside the three big
 *   metropolitan areas); or two neighbouring cities, each ≥ 10万人程度 with a ratio ≥ 1, together > 20万人.
 * - 定住自立圏 中心市: 人口5万人程度以上 (at least 4万), ratio ≥ 1, in 地方圏.
 * Day/night ratios are in percent (100 = as many people by day as by night).
 */
import { merge, neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MultiPolygon } from 'geojson';
import { haversineKm } from '../geo.ts';
import type { MunicipalityKind } from '../records/municipalities.ts';
import type {
  EligibilityCandidate,
  EligibilityCriterion,
  EligibilityCriterionId,
  EligibilityScheme,
  EligibilityStatus,
  GroupSchemeResult,
  GroupSummary,
  RegionStatus,
} from '../records/regions.ts';

/** The figures of a municipality the rules read. */
export interface EligibilityCity {
  code: string;
  name: string;
  prefCode: string;
  prefName: string;
  kind: MunicipalityKind;
  population: number;
  areaKm2: number;
  /** Percent; 100 = balanced. Null where nobody lives there (no ratio can be formed). */
  dayNightRatio: number | null;
  dayNightEstimated: boolean;
  lon: number;
  lat: number;
}

/** A region a city leads (is a centre of). */
export interface LeadRegion {
  id: string;
  name: string;
  status: RegionStatus;
}

/**
 * The three big metropolitan areas (三大都市圏). MIC's 要綱 define them by commuting to 特別区部 and the designated
 * cities; we have no commuting data, so a city counts as inside when it lies in one of the 11 prefectures of
 * 東京圏 / 名古屋圏 / 関西圏 AND within `metroRadiusKm` of a core (千代田区 for 特別区部, 名古屋市, 大阪市).
 * This keeps 姫路市 (播磨圏域, ~85 km from 大阪) and 豊橋市 outside, as in MIC's practice.
 */
export const bigMetro = {
  prefectures: ['11', '12', '13', '14', '21', '23', '24', '26', '27', '28', '29'] as readonly string[],
  cores: [
    { code: '13101', name: '特別区部 (千代田区)' },
    { code: '23100', name: '名古屋市' },
    { code: '27100', name: '大阪市' },
  ] as const,
  radiusKm: 50,
};

/** Thresholds; "about" (おおむね, 程度) becomes a named near-miss margin instead of a silent tolerance. */
export const thresholds = {
  centralCityPopulation: 200_000,
  twoCityPopulationEach: 100_000,
  twoCityPopulationTotal: 200_000,
  settlementPopulation: 50_000,
  /** 定住自立圏: "5万人程度 (少なくとも4万人超)" — 40,000 still meets the rule. */
  settlementPopulationMin: 40_000,
  /** Percent. */
  dayNightRatio: 100,
  /** "おおむね1以上": a ratio from this value up to 100 is reported as a near miss, not a failure. */
  dayNightRatioNear: 95,
  /** A population within this share of its threshold is a near miss. */
  populationNearShare: 0.9,
};

const centralKinds = new Set(['designated_city', 'core_city']);
const cityKinds = new Set(['designated_city', 'core_city', 'special_case_city', 'city']);

/**
 * Whether a city lies in the three big metropolitan areas (see `bigMetro`), with the nearest core and its distance.
 * @example inBigMetro(kawagoe, byCode) // { inside: true, core: '特別区部 (千代田区)', distanceKm: 36 }
 */
export function inBigMetro(city: EligibilityCity, byCode: ReadonlyMap<string, EligibilityCity>): { inside: boolean; core: string; distanceKm: number } {
  let best = { core: '', distanceKm: Infinity };
  for (const core of bigMetro.cores) {
    const c = byCode.get(core.code);
    if (!c) continue;
    const d = haversineKm(city.lon, city.lat, c.lon, c.lat);
    if (d < best.distanceKm) best = { core: core.name, distanceKm: Math.round(d) };
  }
  return { inside: bigMetro.prefectures.includes(city.prefCode) && best.distanceKm <= bigMetro.radiusKm, ...best };
}

function criterion(
  id: EligibilityCriterionId,
  label: string,
  value: number | string | boolean,
  threshold: string,
  met: boolean,
  near = false,
  note?: string,
): EligibilityCriterion {
  return { id, label, value, threshold, met, near: !met && near, ...(note ? { note } : {}) };
}

function populationCriterion(id: EligibilityCriterionId, label: string, population: number, min: number, strict = false): EligibilityCriterion {
  const met = strict ? population > min : population >= min;
  return criterion(id, label, population, `${strict ? '>' : '≥'} ${min.toLocaleString('en')}`, met, population >= min * thresholds.populationNearShare);
}

function ratioCriterion(
  city: EligibilityCity,
  label = '昼夜間人口比率 ≥ 100 (おおむね1以上)',
  threshold = `≥ ${thresholds.dayNightRatio} % (near ≥ ${thresholds.dayNightRatioNear} %)`,
): EligibilityCriterion {
  const ratio = city.dayNightRatio;
  if (ratio === null) return criterion('day_night_ratio', label, 'no data', threshold, false);
  return criterion(
    'day_night_ratio',
    label,
    ratio,
    threshold,
    ratio >= thresholds.dayNightRatio,
    ratio >= thresholds.dayNightRatioNear,
    city.dayNightEstimated ? 'estimated' : 'measured',
  );
}

function outsideCriterion(city: EligibilityCity, byCode: ReadonlyMap<string, EligibilityCity>): EligibilityCriterion {
  const m = inBigMetro(city, byCode);
  return criterion(
    'outside_big_metro',
    '三大都市圏の外 (地方圏)',
    m.inside ? `inside (${m.distanceKm} km from ${m.core})` : `outside (${m.distanceKm} km from ${m.core})`,
    `not within ${bigMetro.radiusKm} km of a core in the 11 metropolitan prefectures`,
    !m.inside,
  );
}

/** met < near < unmet: how many criteria fail outright, then how many are near misses. */
function verdict(criteria: EligibilityCriterion[]): 'eligible' | 'near_miss' | 'no' {
  if (criteria.every((c) => c.met)) return 'eligible';
  return criteria.every((c) => c.met || c.near) ? 'near_miss' : 'no';
}

const rank = { eligible: 0, near_miss: 1, no: 2 } as const;

/** The single-city test for a 連携中枢都市. */
export function centralCityCriteria(city: EligibilityCity, byCode: ReadonlyMap<string, EligibilityCity>): EligibilityCriterion[] {
  return [
    criterion('kind', '指定都市または中核市', city.kind, 'designated_city or core_city', centralKinds.has(city.kind)),
    populationCriterion('population', '人口 ≥ 20万', city.population, thresholds.centralCityPopulation),
    ratioCriterion(city),
    outsideCriterion(city, byCode),
  ];
}

/** The two-city test (隣接する2つの市) for a city and one neighbouring city. */
export function twoCityCriteria(city: EligibilityCity, partner: EligibilityCity, byCode: ReadonlyMap<string, EligibilityCity>): EligibilityCriterion[] {
  const each = (c: EligibilityCity, who: 'self' | 'partner') =>
    populationCriterion(`population_${who}`, `${c.name} 人口 ≥ 10万程度`, c.population, thresholds.twoCityPopulationEach);
  const ratio = (c: EligibilityCity, who: 'self' | 'partner'): EligibilityCriterion => ({ ...ratioCriterion(c, `${c.name} 昼夜間人口比率 ≥ 100`), id: `day_night_ratio_${who}` });
  const outside = (c: EligibilityCity, who: 'self' | 'partner'): EligibilityCriterion => ({
    ...outsideCriterion(c, byCode),
    id: `outside_big_metro_${who}`,
    label: `${c.name} 三大都市圏の外`,
  });
  return [
    criterion('partner_is_city', `隣接する市 (${partner.name})`, partner.kind, 'a neighbouring 市', cityKinds.has(partner.kind) && cityKinds.has(city.kind)),
    each(city, 'self'),
    each(partner, 'partner'),
    populationCriterion('population_total', '2市の人口合計 > 20万', city.population + partner.population, thresholds.twoCityPopulationTotal, true),
    ratio(city, 'self'),
    ratio(partner, 'partner'),
    outside(city, 'self'),
    outside(partner, 'partner'),
  ];
}

/** The 定住自立圏 中心市 test. */
export function settlementCriteria(city: EligibilityCity, byCode: ReadonlyMap<string, EligibilityCity>): EligibilityCriterion[] {
  const pop = populationCriterion('population', '人口 5万人程度以上 (少なくとも4万人)', city.population, thresholds.settlementPopulationMin);
  return [
    criterion('kind', '市であること', city.kind, 'a 市 (not a town, village or ward)', cityKinds.has(city.kind)),
    { ...pop, threshold: `≥ ${thresholds.settlementPopulation.toLocaleString('en')} (at least ${thresholds.settlementPopulationMin.toLocaleString('en')})` },
    ratioCriterion(city, '昼夜間人口比率 ≥ 100', `≥ ${thresholds.dayNightRatio} %`),
    outsideCriterion(city, byCode),
  ];
}

/**
 * Every city that leads a region of the scheme, meets its criteria, or misses them narrowly, with each criterion's
 * figure and threshold. Sorted: leads, eligible, near misses; then by population.
 * @example eligibility('central_city_region', cities, neighbours, leads).find((c) => c.code === '34207')?.status // 'lead'
 */
export function eligibility(
  scheme: EligibilityScheme,
  cities: readonly EligibilityCity[],
  neighbours: ReadonlyMap<string, readonly string[]>,
  leads: ReadonlyMap<string, LeadRegion>,
): EligibilityCandidate[] {
  const byCode = new Map(cities.map((c) => [c.code, c]));
  const out: EligibilityCandidate[] = [];
  for (const city of cities) {
    if (!cityKinds.has(city.kind)) continue;
    let path: 'single' | 'two_city' = 'single';
    let partnerCode: string | null = null;
    let criteria = scheme === 'central_city_region' ? centralCityCriteria(city, byCode) : settlementCriteria(city, byCode);
    let result = verdict(criteria);
    if (scheme === 'central_city_region' && result !== 'eligible') {
      for (const n of neighbours.get(city.code) ?? []) {
        const partner = byCode.get(n);
        // A partner that qualifies alone would lead its own region, with this city as a member: not a two-city case.
        if (!partner || !cityKinds.has(partner.kind) || verdict(centralCityCriteria(partner, byCode)) === 'eligible') continue;
        const pair = twoCityCriteria(city, partner, byCode);
        const v = verdict(pair);
        if (rank[v] < rank[result]) {
          [criteria, result, path, partnerCode] = [pair, v, 'two_city', partner.code];
        }
      }
    }
    const lead = leads.get(city.code) ?? null;
    const status: EligibilityStatus | null = lead ? 'lead' : result === 'no' ? null : result;
    if (!status) continue;
    out.push({
      code: city.code,
      name: city.name,
      prefName: city.prefName,
      kind: city.kind,
      population: city.population,
      dayNightRatio: city.dayNightRatio,
      dayNightEstimated: city.dayNightEstimated,
      lon: city.lon,
      lat: city.lat,
      status,
      meetsCriteria: result === 'eligible',
      path,
      partnerCode,
      leadsRegion: lead,
      criteria,
    });
  }
  const order = { lead: 0, eligible: 1, near_miss: 2 };
  return out.sort((a, b) => order[a.status] - order[b.status] || b.population - a.population);
}

/**
 * Neighbouring municipalities: pairs whose boundaries share an arc in the topology (islands across the sea are not
 * neighbours). Returns a map from each code to its neighbours' codes.
 */
export function neighbourMap(topology: Topology): Map<string, string[]> {
  const geoms = (topology.objects.municipalities as GeometryCollection<{ code: string }>).geometries;
  const codeOf = (i: number) => (geoms[i]!.properties as { code: string }).code;
  const lists = neighbors(geoms as Parameters<typeof neighbors>[0]);
  const out = new Map<string, string[]>();
  geoms.forEach((_, i) => out.set(codeOf(i), lists[i]!.map(codeOf).sort()));
  return out;
}

/**
 * The members' boundaries dissolved into one outline: arcs shared by two members vanish.
 * @example dissolve(topology, ['34207', '34205']).type // 'MultiPolygon'
 */
export function dissolve(topology: Topology, codes: Iterable<string>): MultiPolygon {
  const want = new Set(codes);
  const geoms = (topology.objects.municipalities as GeometryCollection<{ code: string }>).geometries.filter((g) => want.has((g.properties as { code: string }).code));
  return merge(topology, geoms as Parameters<typeof merge>[1]) as MultiPolygon;
}

/**
 * What a grouping adds up to: population, area, the centre's share, the dissolved outline and, per scheme, whether a
 * member could lead it (a city meeting the centre criteria, or two neighbouring members meeting the two-city case).
 * Unknown codes are ignored; the caller validates them.
 */
export function summariseGroup(
  codes: readonly string[],
  cities: ReadonlyMap<string, EligibilityCity>,
  neighbours: ReadonlyMap<string, readonly string[]>,
  topology: Topology,
  centerCodes: readonly string[] = [],
): GroupSummary {
  const members = [...new Set(codes)].map((c) => cities.get(c)).filter((c): c is EligibilityCity => Boolean(c));
  const population = members.reduce((s, m) => s + m.population, 0);
  const areaKm2 = Math.round(members.reduce((s, m) => s + m.areaKm2, 0) * 10) / 10;
  const outline = dissolve(
    topology,
    members.map((m) => m.code),
  );
  const centrePop = members.filter((m) => centerCodes.includes(m.code)).reduce((s, m) => s + m.population, 0);
  const schemes: GroupSchemeResult[] = (['central_city_region', 'settlement_zone'] as const).map((scheme) => {
    const centres: string[] = [];
    let near: string[] = [];
    for (const m of members) {
      const v = verdict(scheme === 'central_city_region' ? centralCityCriteria(m, cities) : settlementCriteria(m, cities));
      if (v === 'eligible') centres.push(m.code);
      else if (v === 'near_miss') near.push(m.code);
    }
    if (scheme === 'central_city_region' && centres.length === 0) {
      const inGroup = new Set(members.map((m) => m.code));
      for (const m of members) {
        for (const n of neighbours.get(m.code) ?? []) {
          const partner = cities.get(n);
          if (!partner || !inGroup.has(n) || n < m.code) continue;
          const v = verdict(twoCityCriteria(m, partner, cities));
          if (v === 'eligible') centres.push(`${m.code}+${n}`);
          else if (v === 'near_miss') near.push(`${m.code}+${n}`);
        }
      }
    }
    if (centres.length) near = [];
    return { scheme, met: centres.length > 0, centres, nearMisses: near };
  });
  return {
    memberCount: members.length,
    population,
    areaKm2,
    centerShare: population > 0 && centrePop > 0 ? Math.round((centrePop / population) * 1000) / 10 : null,
    parts: outline.coordinates.length,
    outline,
    schemes,
  };
}
