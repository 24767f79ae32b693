/**
 * Who could lead a 連携中枢都市圏 or a 定住自立圏 — MIC's rules as written — and what a grouping of municipalities adds
 * up to. Pure functions (no database, no DOM): the API, the pipeline and the web client share them.
 *
 * The rules, from the official texts as MIC and its prefectures summarise them (the texts themselves were not
 * reachable from here; the summaries below quote them):
 * - 連携中枢都市圏構想推進要綱 (総務省自治行政局長通知 平成26年8月25日 総行市第200号, as amended), 第3 (連携中枢都市の要件):
 *   (1) 地方自治法の指定都市 or 中核市 — no population test of its own; (2) 昼夜間人口比率 おおむね1以上; (3) 三大都市圏の
 *   区域外 — or, inside it, a city whose commuting share to 政令指定都市・特別区 is under 10 %. 第9: where no city meets 第3,
 *   two adjacent cities (each 昼夜間人口比率 1以上 and 人口 10万人程度以上) together 20万人以上, within about an hour of
 *   each other, may lead together. Members are in principle the municipalities commuting 10 % or more to the centre.
 *   Read in 島根県「連携中枢都市圏構想」(《参考》連携中枢都市圏構想推進要綱第3及び第9) and 山県市「連携中枢都市圏とは」
 *   (「三大都市圏の区域外または三大都市圏の区域内でも政令指定都市・特別区への通勤通学割合が10%未満」).
 * - 定住自立圏構想推進要綱 (総務省 平成20年12月26日, as amended), 中心市の要件: 人口 5万人程度以上 (少なくとも4万人超);
 *   昼夜間人口比率 1以上 (合併市: the largest former city's ratio of 1 or more also qualifies); 原則として三大都市圏の外.
 *   複眼型中心市: two adjacent cities, each meeting the ratio and area requirements, may lead together. Read in 総務省
 *   「全国の定住自立圏の取組状況について」 (定住自立圏構想推進要綱の概要) and むつ市「定住自立圏構想とは」. The 要綱's
 *   article numbers for these could not be checked against the text.
 * - 三大都市圏: 総務省 uses the 11 都府県 of 東京圏 (埼玉・千葉・東京・神奈川), 名古屋圏 (岐阜・愛知・三重) and 関西圏
 *   (京都・大阪・兵庫・奈良) (阿南市 quoting 総務省: 「三大都市圏の都府県の区域外の市」); inside them, the exception is
 *   decided with the 2020 都市雇用圏 (commuting to work ≥ 10 %, the same threshold; see outsideBigMetro).
 *
 * Day/night figures, in percent (100 = as many people by day as by night), in this order: measured (東京都's table),
 * else the 2020 従業常住比 of an employment-area centre (jobs ÷ employed residents: close to, not the same as, the
 * 昼夜間人口比率, which counts students too), else our estimate. An estimate within its known error of the threshold
 * decides nothing: the criterion says 要確認 (needs_check) with the reason. So does every rule the data cannot decide.
 */
import { merge, neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MultiPolygon } from 'geojson';
import { haversineKm } from '../geo.ts';
import type { MunicipalityKind } from '../records/municipalities.ts';
import type {
  DayNightSource,
  EligibilityCandidate,
  EligibilityCriterion,
  EligibilityCriterionId,
  EligibilityScheme,
  EligibilityStatus,
  EligibilityVerdict,
  GroupSchemeResult,
  GroupSummary,
  RegionStatus,
} from '../records/regions.ts';
import { type CommuteIndex, directRate } from './commuting.ts';

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
  /** False where the ratio is measured (東京都's table). */
  dayNightEstimated: boolean;
  lon: number;
  lat: number;
}

/** A merged city (合併市): when it merged and the municipalities it was formed from. */
export interface MergerInfo {
  mergedOn: string;
  formerNames: string[];
}

/** Everything besides the city itself that the rules read. */
export interface RuleData {
  byCode: ReadonlyMap<string, EligibilityCity>;
  neighbours: ReadonlyMap<string, readonly string[]>;
  /** The 2020 employment areas. */
  commute: CommuteIndex;
  /** Municipalities merged since 1999, by code. */
  mergers: ReadonlyMap<string, MergerInfo>;
  /** Mean error of our day/night estimate in points (the build measures it on Tokyo's towns, about 8). */
  estimateErrorPoints: number;
}

/** A region a city leads (is a centre of). */
export interface LeadRegion {
  id: string;
  name: string;
  status: RegionStatus;
}

/** 三大都市圏: the 11 都府県 of 東京圏, 名古屋圏 and 関西圏 (see the module comment). */
export const bigMetro = {
  prefectures: ['11', '12', '13', '14', '21', '23', '24', '26', '27', '28', '29'] as readonly string[],
  /** The 要綱's exception: a commuting share to 政令指定都市・特別区 below this. */
  commutingShare: 0.1,
};

/** Thresholds of the 要綱, and the named margins with which "おおむね" and "程度" are read. */
export const thresholds = {
  /** 昼夜間人口比率, percent: "1以上". */
  dayNightRatio: 100,
  /**
   * "おおむね1以上" (連携中枢都市 only): the 要綱 gives no figure; a ratio that rounds to 1.0 at one decimal (≥ 0.95) is
   * accepted and marked おおむね.
   */
  dayNightRatioApprox: 95,
  /** Points below the accepted value still shown as a near miss. */
  nearPoints: 5,
  /** 第9: each of two cities "10万人程度以上"; 程度 read as within 10 % (≥ 90,000). */
  twoCityPopulationEach: 100_000,
  aboutShare: 0.9,
  /** 第9: the two together "20万人以上". */
  twoCityPopulationTotal: 200_000,
  /** 定住自立圏: "5万人程度以上 (少なくとも4万人超)". */
  settlementPopulation: 50_000,
  settlementPopulationMin: 40_000,
  /** A population within this share of its threshold is a near miss. */
  populationNearShare: 0.9,
};

const centralKinds = new Set<MunicipalityKind>(['designated_city', 'core_city']);
const cityKinds = new Set<MunicipalityKind>(['designated_city', 'core_city', 'special_case_city', 'city']);
const metroCoreKinds = new Set<MunicipalityKind>(['designated_city', 'special_ward']);

const dayNightLabels: Record<DayNightSource, string> = {
  measured: '実測（東京都 2020）',
  employment_residence_2020: '従業常住比 2020（都市雇用圏の中心）',
  estimate: '推計',
};

/**
 * The day/night figure the rules use, and where it comes from: measured, else the 2020 従業常住比 of an employment-area
 * centre, else our estimate.
 * @example dayNightFigure(fukuyama, data) // { value: 99.9, source: 'employment_residence_2020' }
 */
export function dayNightFigure(city: EligibilityCity, commute: CommuteIndex): { value: number | null; source: DayNightSource } {
  if (!city.dayNightEstimated && city.dayNightRatio !== null) return { value: city.dayNightRatio, source: 'measured' };
  const link = commute.byCode.get(city.code);
  if (link?.order === 0 && link.unitCode === city.code && link.employmentResidenceRatio !== null)
    return { value: Math.round(link.employmentResidenceRatio * 1000) / 10, source: 'employment_residence_2020' };
  return { value: city.dayNightRatio, source: 'estimate' };
}

type Outcome = 'met' | 'near' | 'not_met' | 'needs_check';

function criterion(
  id: EligibilityCriterionId,
  label: string,
  value: number | string | boolean,
  threshold: string,
  outcome: Outcome,
  extra: Partial<EligibilityCriterion> = {},
): EligibilityCriterion {
  return { id, label, value, threshold, met: outcome === 'met', near: outcome === 'near', needsCheck: outcome === 'needs_check', ...extra };
}

function populationCriterion(id: EligibilityCriterionId, label: string, population: number, min: number, threshold: string, about?: number): EligibilityCriterion {
  const accepted = about ?? min;
  const outcome: Outcome = population >= accepted ? 'met' : population >= accepted * thresholds.populationNearShare ? 'near' : 'not_met';
  return criterion(id, label, population, threshold, outcome, population >= accepted && population < min ? { note: '程度' } : {});
}

/**
 * The day/night rule for one city: the figure (with its source), held to `accepted` (and `threshold` as the 要綱 states it).
 * An estimate within the estimate's mean error of `accepted` needs a check; for 定住自立圏, a merged city that does not
 * pass on its own figure needs a check of its largest former city.
 */
export function dayNightCriterion(
  city: EligibilityCity,
  data: RuleData,
  rule: { id?: EligibilityCriterionId; label: string; accepted: number; mergerRule: boolean },
): EligibilityCriterion {
  const { value, source } = dayNightFigure(city, data.commute);
  const id = rule.id ?? 'day_night_ratio';
  const approx = rule.accepted < thresholds.dayNightRatio;
  const threshold = approx ? `≥ ${thresholds.dayNightRatio} (おおむね: ≥ ${rule.accepted} accepted)` : `≥ ${thresholds.dayNightRatio}`;
  const base = { source, note: dayNightLabels[source] };
  let outcome: Outcome;
  let reason: string | undefined;
  if (value === null) {
    outcome = 'needs_check';
    reason = 'no ratio: nobody lived there in 2020';
  } else if (source === 'estimate' && Math.abs(value - rule.accepted) < data.estimateErrorPoints) {
    outcome = 'needs_check';
    reason = `estimate ${value} lies within the estimate's mean error (±${data.estimateErrorPoints} points) of ${rule.accepted}`;
  } else if (value >= rule.accepted) outcome = 'met';
  else outcome = source !== 'estimate' && value >= rule.accepted - thresholds.nearPoints ? 'near' : 'not_met';
  const merger = data.mergers.get(city.code);
  if (rule.mergerRule && outcome !== 'met' && merger) {
    outcome = 'needs_check';
    reason = `合併市 (${merger.mergedOn}: ${merger.formerNames.join('・')}): the 要綱 also accepts the largest former city's ratio, which no dataset here gives${reason ? `; ${reason}` : ''}`;
  }
  const noteApprox = outcome === 'met' && value !== null && value < thresholds.dayNightRatio ? { note: `${base.note}; おおむね` } : {};
  return criterion(id, rule.label, value ?? 'no data', threshold, outcome, { ...base, ...noteApprox, ...(reason ? { reason } : {}) });
}

/**
 * The 三大都市圏 rule: outside the 11 都府県; inside them, the exception (commuting share to 政令指定都市・特別区 under
 * 10 %) read from the 2020 employment areas. A centre of its own area commutes under 10 % to every other centre (that is
 * how centres are chosen); a secondary centre is a suburb promoted for its jobs, so it commutes 10 % or more to its
 * area's centres; a 1st-order suburb commutes its rate to the centres together. Each suburb is listed under its
 * strongest destination only, so a suburb of an area without a 政令市 or 特別区 may still commute 10 % to one: 要確認.
 */
export function outsideBigMetro(
  city: EligibilityCity,
  data: RuleData,
  id: EligibilityCriterionId = 'outside_big_metro',
  label = '三大都市圏の区域外（区域内なら政令市・特別区への通勤 10 % 未満）',
): EligibilityCriterion {
  const threshold = `outside the 11 都府県, or commuting < ${bigMetro.commutingShare * 100} % to 政令指定都市・特別区 (都市雇用圏 2020)`;
  const c = (value: string, outcome: Outcome, reason?: string) => criterion(id, label, value, threshold, outcome, reason ? { reason } : {});
  if (!bigMetro.prefectures.includes(city.prefCode)) return c(`outside (${city.prefName} is not one of the 11 都府県)`, 'met');
  if (metroCoreKinds.has(city.kind)) return c(`inside: ${city.name} is a 政令指定都市・特別区 of the metropolitan area itself`, 'not_met');
  const link = data.commute.byCode.get(city.code);
  if (!link) return c('inside the 11 都府県, in no employment area: commutes < 10 % to every centre', 'met');
  const centres = data.commute.centresOf.get(link.areaId) ?? [];
  const isCore = (code: string) => {
    const k = data.byCode.get(code)?.kind;
    return k !== undefined && metroCoreKinds.has(k);
  };
  const coreNames = [...new Set(centres.filter(isCore).map((code) => (code.startsWith('131') ? '特別区部' : (data.byCode.get(code)?.name ?? code))))];
  if (link.order === 0) {
    if (link.unitCode === link.areaCode) return c(`inside the 11 都府県; centre of its own employment area (${link.areaName}): commutes < 10 % to any other centre`, 'met');
    const primaryIsCore = isCore(link.areaCode === '13100' ? '13101' : link.areaCode);
    const value = `secondary centre of the ${link.areaName} employment area (a suburb commuting ≥ 10 % to its centres, promoted for its jobs)`;
    return primaryIsCore ? c(value, 'not_met') : c(value, 'needs_check', `the area's centres include no 政令指定都市・特別区, but its share to one is not in the data`);
  }
  const pct = `${((link.rate ?? 0) * 100).toFixed(1)} %`;
  if (link.order === 1 && coreNames.length === centres.length && centres.length > 0) return c(`commutes ${pct} to ${coreNames.join('・')}`, 'not_met');
  if (link.order === 1 && coreNames.length > 0)
    return c(
      `commutes ${pct} to the centres of ${link.areaName} (${coreNames.join('・')} and others)`,
      'needs_check',
      `the ${pct} goes to several centres together, not only to 政令指定都市・特別区`,
    );
  const to = link.order === 1 ? `the centres of ${link.areaName}` : (data.byCode.get(link.toCode ?? '')?.name ?? link.toCode);
  return c(
    `commutes ${pct} to ${to} (${link.order}次郊外 of ${link.areaName})`,
    'needs_check',
    'each suburb is listed under its strongest destination only; its share to 政令指定都市・特別区 is not in the data',
  );
}

/** The 第9 / 複眼型 "about an hour apart": met where one commutes ≥ 10 % to the other or both centre one employment area. */
function withinAnHour(a: EligibilityCity, b: EligibilityCity, data: RuleData): EligibilityCriterion {
  const label = `${a.name}・${b.name}が概ね1時間以内の交通圏`;
  const threshold = 'one commutes ≥ 10 % to the other, or both are centres of one employment area (2020)';
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    const r = directRate(data.commute, x.code, y.code);
    if (r) return criterion('within_an_hour', label, `${x.name} commutes ${(r.rate * 100).toFixed(1)} % to ${y.name}`, threshold, 'met');
  }
  const la = data.commute.byCode.get(a.code);
  const lb = data.commute.byCode.get(b.code);
  if (la?.order === 0 && lb?.order === 0 && la.areaId === lb.areaId) return criterion('within_an_hour', label, `both centres of ${la.areaName}`, threshold, 'met');
  const km = Math.round(haversineKm(a.lon, a.lat, b.lon, b.lat));
  return criterion('within_an_hour', label, `${km} km apart`, threshold, 'needs_check', { reason: `travel time is not in the data (representative points ${km} km apart)` });
}

/** met < needs_check < near < fail: the worst outcome decides. */
export function verdictOf(criteria: readonly EligibilityCriterion[]): EligibilityVerdict {
  if (criteria.some((c) => !c.met && !c.near && !c.needsCheck)) return 'no';
  if (criteria.some((c) => c.near)) return 'near_miss';
  if (criteria.some((c) => c.needsCheck)) return 'needs_check';
  return 'eligible';
}

const rank: Record<EligibilityVerdict, number> = { eligible: 0, needs_check: 1, near_miss: 2, no: 3 };

/** 連携中枢都市, 要綱第3: one city. */
export function centralCityCriteria(city: EligibilityCity, data: RuleData): EligibilityCriterion[] {
  return [
    criterion('kind', '指定都市または中核市（第3(1)）', city.kind, 'designated_city or core_city', centralKinds.has(city.kind) ? 'met' : 'not_met'),
    dayNightCriterion(city, data, { label: '昼夜間人口比率 おおむね1以上（第3(2)）', accepted: thresholds.dayNightRatioApprox, mergerRule: false }),
    outsideBigMetro(city, data),
  ];
}

/** 連携中枢都市, 要綱第9: two adjacent cities together. */
export function twoCityCriteria(city: EligibilityCity, partner: EligibilityCity, data: RuleData): EligibilityCriterion[] {
  const each = (c: EligibilityCity, who: 'self' | 'partner') =>
    populationCriterion(
      `population_${who}`,
      `${c.name} 人口 10万人程度以上`,
      c.population,
      thresholds.twoCityPopulationEach,
      '≥ 100,000 程度 (≥ 90,000 accepted)',
      thresholds.twoCityPopulationEach * thresholds.aboutShare,
    );
  const ratio = (c: EligibilityCity, who: 'self' | 'partner') =>
    dayNightCriterion(c, data, { id: `day_night_ratio_${who}`, label: `${c.name} 昼夜間人口比率 1以上`, accepted: thresholds.dayNightRatio, mergerRule: false });
  const total = city.population + partner.population;
  return [
    criterion('partner_is_city', `隣接する市（${partner.name}）`, partner.kind, 'two adjacent 市', cityKinds.has(partner.kind) && cityKinds.has(city.kind) ? 'met' : 'not_met'),
    each(city, 'self'),
    each(partner, 'partner'),
    populationCriterion('population_total', '2市の人口合計 20万人以上', total, thresholds.twoCityPopulationTotal, '≥ 200,000'),
    ratio(city, 'self'),
    ratio(partner, 'partner'),
    withinAnHour(city, partner, data),
    outsideBigMetro(city, data, 'outside_big_metro_self', `${city.name} 三大都市圏の区域外`),
    outsideBigMetro(partner, data, 'outside_big_metro_partner', `${partner.name} 三大都市圏の区域外`),
  ];
}

function notCentralCity(city: EligibilityCity, centralLeads: ReadonlyMap<string, LeadRegion>, id: EligibilityCriterionId = 'not_central_city'): EligibilityCriterion {
  const lead = centralLeads.get(city.code);
  return criterion(id, `${city.name} 連携中枢都市でないこと`, lead ? `leads ${lead.name}` : 'leads no 連携中枢都市圏', 'not a 連携中枢都市', lead ? 'not_met' : 'met');
}

/** 定住自立圏 中心市: one city. */
export function settlementCriteria(city: EligibilityCity, data: RuleData, centralLeads: ReadonlyMap<string, LeadRegion> = new Map()): EligibilityCriterion[] {
  return [
    criterion('kind', '市であること', city.kind, 'a 市 (not a town, village or ward)', cityKinds.has(city.kind) ? 'met' : 'not_met'),
    populationCriterion(
      'population',
      '人口 5万人程度以上（少なくとも4万人超）',
      city.population,
      thresholds.settlementPopulation,
      '≥ 50,000 程度 (> 40,000)',
      thresholds.settlementPopulationMin + 1,
    ),
    dayNightCriterion(city, data, { label: '昼夜間人口比率 1以上（合併市は人口最大の旧市）', accepted: thresholds.dayNightRatio, mergerRule: true }),
    outsideBigMetro(city, data),
    notCentralCity(city, centralLeads),
  ];
}

/** 定住自立圏 複眼型中心市: two adjacent cities, each meeting the ratio and area rules, together the population rule. */
export function twoCitySettlementCriteria(
  city: EligibilityCity,
  partner: EligibilityCity,
  data: RuleData,
  centralLeads: ReadonlyMap<string, LeadRegion> = new Map(),
): EligibilityCriterion[] {
  const ratio = (c: EligibilityCity, who: 'self' | 'partner') =>
    dayNightCriterion(c, data, { id: `day_night_ratio_${who}`, label: `${c.name} 昼夜間人口比率 1以上`, accepted: thresholds.dayNightRatio, mergerRule: true });
  return [
    criterion('partner_is_city', `隣接する市（${partner.name}）`, partner.kind, 'two adjacent 市', cityKinds.has(partner.kind) && cityKinds.has(city.kind) ? 'met' : 'not_met'),
    populationCriterion(
      'population_total',
      '2市の人口合計 5万人程度以上（少なくとも4万人超）',
      city.population + partner.population,
      thresholds.settlementPopulation,
      '≥ 50,000 程度 (> 40,000)',
      thresholds.settlementPopulationMin + 1,
    ),
    ratio(city, 'self'),
    ratio(partner, 'partner'),
    withinAnHour(city, partner, data),
    outsideBigMetro(city, data, 'outside_big_metro_self', `${city.name} 三大都市圏の区域外`),
    outsideBigMetro(partner, data, 'outside_big_metro_partner', `${partner.name} 三大都市圏の区域外`),
    notCentralCity(city, centralLeads, 'not_central_city_self'),
    notCentralCity(partner, centralLeads, 'not_central_city_partner'),
  ];
}

/** The criteria of a scheme's single-city test. */
function singleCriteria(scheme: EligibilityScheme, city: EligibilityCity, data: RuleData, centralLeads: ReadonlyMap<string, LeadRegion>): EligibilityCriterion[] {
  return scheme === 'central_city_region' ? centralCityCriteria(city, data) : settlementCriteria(city, data, centralLeads);
}

/**
 * A city's best test for a scheme: alone, else with a neighbouring city (第9 / 複眼型) — only the neighbour it leads a
 * region with, where it does. A partner that qualifies alone would lead its own region, with this city as a member: not a pair.
 */
export function assess(
  scheme: EligibilityScheme,
  city: EligibilityCity,
  data: RuleData,
  centralLeads: ReadonlyMap<string, LeadRegion> = new Map(),
  coLeaders: readonly string[] = [],
): { criteria: EligibilityCriterion[]; verdict: EligibilityVerdict; path: 'single' | 'two_city'; partnerCode: string | null } {
  const criteria = singleCriteria(scheme, city, data, centralLeads);
  let best = { criteria, verdict: verdictOf(criteria), path: 'single' as 'single' | 'two_city', partnerCode: null as string | null };
  if (best.verdict === 'eligible' || !cityKinds.has(city.kind)) return best;
  const neighbours = data.neighbours.get(city.code) ?? [];
  // A city that leads a region together with a neighbour is held to that pair, the form it actually took.
  const coLeader = neighbours.filter((n) => coLeaders.includes(n) && n !== city.code);
  for (const code of coLeader.length ? coLeader : neighbours) {
    const partner = data.byCode.get(code);
    if (!partner || !cityKinds.has(partner.kind) || verdictOf(singleCriteria(scheme, partner, data, centralLeads)) === 'eligible') continue;
    const pair = scheme === 'central_city_region' ? twoCityCriteria(city, partner, data) : twoCitySettlementCriteria(city, partner, data, centralLeads);
    const v = verdictOf(pair);
    if (rank[v] < rank[best.verdict]) best = { criteria: pair, verdict: v, path: 'two_city', partnerCode: code };
  }
  return best;
}

/**
 * Every city that leads a region of the scheme, meets its criteria, needs a check, or misses narrowly, with each
 * criterion's figure and threshold and the day/night figure's source. Sorted: leads, eligible, 要確認, near misses;
 * then by population. `centralLeads` (cities leading a 連携中枢都市圏) are not 定住自立圏 candidates.
 * @example eligibility('central_city_region', cities, data, leads).find((c) => c.code === '34207')?.status // 'lead'
 */
export function eligibility(
  scheme: EligibilityScheme,
  cities: readonly EligibilityCity[],
  data: RuleData,
  leads: ReadonlyMap<string, LeadRegion & { centerCodes?: readonly string[] }>,
  centralLeads: ReadonlyMap<string, LeadRegion> = new Map(),
): EligibilityCandidate[] {
  const out: EligibilityCandidate[] = [];
  for (const city of cities) {
    if (!cityKinds.has(city.kind)) continue;
    const lead = leads.get(city.code) ?? null;
    const result = assess(scheme, city, data, centralLeads, lead?.centerCodes ?? []);
    const status: EligibilityStatus | null = lead ? 'lead' : result.verdict === 'no' ? null : result.verdict;
    if (!status) continue;
    const figure = dayNightFigure(city, data.commute);
    out.push({
      code: city.code,
      name: city.name,
      prefName: city.prefName,
      kind: city.kind,
      population: city.population,
      dayNightRatio: figure.value,
      dayNightEstimated: figure.source === 'estimate',
      dayNightSource: figure.source,
      dayNightThreshold: scheme === 'central_city_region' && result.path === 'single' ? thresholds.dayNightRatioApprox : thresholds.dayNightRatio,
      lon: city.lon,
      lat: city.lat,
      status,
      verdict: result.verdict,
      meetsCriteria: result.verdict === 'eligible',
      path: result.path,
      partnerCode: result.partnerCode,
      leadsRegion: lead ? { id: lead.id, name: lead.name, status: lead.status } : null,
      criteria: result.criteria,
    });
  }
  const order: Record<EligibilityStatus, number> = { lead: 0, eligible: 1, needs_check: 2, near_miss: 3 };
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
 * What a grouping adds up to: population, area, the centre's share and the dissolved outline. Unknown codes are
 * ignored; the caller validates them.
 * @example groupTotals(['34207', '34205'], cities, topology, ['34207']).memberCount // 2
 */
export function groupTotals(
  codes: readonly string[],
  cities: ReadonlyMap<string, EligibilityCity>,
  topology: Topology,
  centerCodes: readonly string[] = [],
): Omit<GroupSummary, 'schemes'> {
  const members = [...new Set(codes)].map((c) => cities.get(c)).filter((c): c is EligibilityCity => Boolean(c));
  const population = members.reduce((s, m) => s + m.population, 0);
  const areaKm2 = Math.round(members.reduce((s, m) => s + m.areaKm2, 0) * 10) / 10;
  const outline = dissolve(
    topology,
    members.map((m) => m.code),
  );
  const centrePop = members.filter((m) => centerCodes.includes(m.code)).reduce((s, m) => s + m.population, 0);
  return {
    memberCount: members.length,
    population,
    areaKm2,
    centerShare: population > 0 && centrePop > 0 ? Math.round((centrePop / population) * 1000) / 10 : null,
    parts: outline.coordinates.length,
    outline,
  };
}

/**
 * A grouping's totals plus, per scheme, which members could lead it (a city alone, or two neighbouring members),
 * which need a check, and which miss narrowly.
 */
export function summariseGroup(
  codes: readonly string[],
  data: RuleData,
  topology: Topology,
  centerCodes: readonly string[] = [],
  centralLeads: ReadonlyMap<string, LeadRegion> = new Map(),
): GroupSummary {
  const totals = groupTotals(codes, data.byCode, topology, centerCodes);
  const members = [...new Set(codes)].map((c) => data.byCode.get(c)).filter((c): c is EligibilityCity => Boolean(c));
  const inGroup = new Set(members.map((m) => m.code));
  const schemes: GroupSchemeResult[] = (['central_city_region', 'settlement_zone'] as const).map((scheme) => {
    const byVerdict: Record<EligibilityVerdict, string[]> = { eligible: [], needs_check: [], near_miss: [], no: [] };
    for (const m of members) byVerdict[verdictOf(singleCriteria(scheme, m, data, centralLeads))].push(m.code);
    if (byVerdict.eligible.length === 0) {
      for (const m of members) {
        if (!cityKinds.has(m.kind)) continue;
        for (const n of data.neighbours.get(m.code) ?? []) {
          const partner = data.byCode.get(n);
          if (!partner || !inGroup.has(n) || n < m.code || !cityKinds.has(partner.kind)) continue;
          const pair = scheme === 'central_city_region' ? twoCityCriteria(m, partner, data) : twoCitySettlementCriteria(m, partner, data, centralLeads);
          byVerdict[verdictOf(pair)].push(`${m.code}+${n}`);
        }
      }
    }
    const met = byVerdict.eligible.length > 0;
    return { scheme, met, centres: byVerdict.eligible, needsCheck: met ? [] : byVerdict.needs_check, nearMisses: met ? [] : byVerdict.near_miss };
  });
  return { ...totals, schemes };
}
