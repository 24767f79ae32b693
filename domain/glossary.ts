/**
 * The glossary: every closed set of the atlas with its Japanese and English label, in one place.
 * Each table is keyed by the union type of its set (from domain/records), so a value added to a set breaks
 * the build here until it has both labels. The client reads labels through web/i18n.ts `label(set, value)`.
 */
import type { ExchangeKind, ImportField, ImportProblemCode } from './records/exchanges.ts';
import type { HazardZone } from './records/hazards.ts';
import type { ClassMethod, MetricId } from './records/metrics.ts';
import type { MunicipalityKind } from './records/municipalities.ts';
import type { ComplementAxis, LimitingFactor } from './records/partners.ts';
import type {
  CommutingRelation,
  DayNightSource,
  EligibilityCriterionId,
  EligibilityScheme,
  EligibilityStatus,
  EmploymentAreaKind,
  MembersKnown,
  MembershipStatus,
  RegionStatus,
  RegionType,
} from './records/regions.ts';

/** A label in both UI languages. */
export interface Label {
  ja: string;
  en: string;
}

/** Municipality kinds. 施行時特例市 = special_case_city. */
const municipalityKind: Record<MunicipalityKind, Label> = {
  designated_city: { ja: '政令指定都市', en: 'Designated city' },
  core_city: { ja: '中核市', en: 'Core city' },
  special_case_city: { ja: '施行時特例市', en: 'Special-case city' },
  city: { ja: '市', en: 'City' },
  special_ward: { ja: '特別区', en: 'Special ward' },
  town: { ja: '町', en: 'Town' },
  village: { ja: '村', en: 'Village' },
};

const regionType: Record<RegionType, Label> = {
  central_city_region: { ja: '連携中枢都市圏', en: 'Central city region' },
  settlement_zone: { ja: '定住自立圏', en: 'Settlement zone' },
  prefecture: { ja: '都道府県', en: 'Prefecture' },
  seed_grouping: { ja: '資料のグループ', en: 'Seed grouping' },
  custom: { ja: '仮想グループ', en: 'What-if grouping' },
  employment_area: { ja: '都市雇用圏（2020）', en: 'Employment area (2020)' },
};

/** 都市雇用圏 (金本・徳岡): by the DID population of the centre. */
const employmentAreaKind: Record<EmploymentAreaKind, Label> = {
  MEA: { ja: '大都市雇用圏', en: 'Metropolitan employment area' },
  MCEA: { ja: '小都市雇用圏', en: 'Micropolitan employment area' },
};

/** How a member of a formal region relates to its centre in the 2020 employment areas. */
const commutingRelation: Record<CommutingRelation, Label> = {
  centre: { ja: '中心市', en: 'Centre' },
  commutes_to_centre: { ja: '中心市へ通勤10 %以上', en: 'Commutes ≥ 10 % to the centre' },
  same_area_indirect: { ja: '同じ雇用圏（他の郊外経由）', en: 'Same area, via another suburb' },
  other_area: { ja: '別の雇用圏の郊外', en: 'Suburb of another area' },
  centre_of_other_area: { ja: '別の雇用圏の中心', en: 'Centre of another area' },
  no_area: { ja: 'どの雇用圏にも属さない', en: 'In no employment area' },
};

/** Where a day/night figure comes from. */
const dayNightSource: Record<DayNightSource, Label> = {
  measured: { ja: '実測（東京都）', en: 'measured (Tokyo)' },
  employment_residence_2020: { ja: '従業常住比 2020', en: 'jobs/workers ratio 2020' },
  estimate: { ja: '推計', en: 'estimate' },
};

const regionStatus: Record<RegionStatus, Label> = {
  active: { ja: '形成済み', en: 'formed' },
  declared: { ja: '宣言済み', en: 'declared' },
  planned: { ja: '予定', en: 'planned' },
  unconfirmed: { ja: '未確認', en: 'unconfirmed' },
  converted: { ja: '移行済み', en: 'converted' },
  abolished: { ja: '廃止', en: 'abolished' },
  dissolved: { ja: '解消', en: 'dissolved' },
  superseded: { ja: '置換', en: 'superseded' },
  documented: { ja: '資料記載', en: 'documented' },
  custom: { ja: 'ユーザー作成', en: 'user-made' },
};

const exchangeKind: Record<ExchangeKind, Label> = {
  sister: { ja: '姉妹都市', en: 'Sister city' },
  friendship: { ja: '友好都市', en: 'Friendship city' },
  partnership: { ja: '縁組・交流協定', en: 'Partnership agreement' },
  disaster_aid: { ja: '災害時相互応援', en: 'Disaster mutual aid' },
  relationship_population: { ja: '関係人口', en: 'Relationship population' },
  organisation: { ja: '企業・団体の事業地', en: 'Organisation and its project areas' },
  other: { ja: 'その他', en: 'Other' },
};

/** Whether a region membership holds today. */
const membershipStatus: Record<MembershipStatus, Label> = {
  active: { ja: '現在の構成団体', en: 'current member' },
  planned: { ja: '参加予定', en: 'planned' },
  ended: { ja: '終了', en: 'ended' },
  unconfirmed: { ja: '未確認', en: 'unconfirmed' },
};

/** How completely the sources list a region's members. */
const membersKnown: Record<MembersKnown, Label> = {
  all: { ja: '構成団体すべて判明', en: 'all members known' },
  partial: { ja: '構成団体の一部のみ判明', en: 'only some members known' },
  centre_only: { ja: '中心市のみ判明（構成団体不明）', en: 'only the centre city known (members unknown)' },
};

/** Why an imported row was refused (the import report's reason column; what was typed and the places are shown beside). */
const importProblem: Record<ImportProblemCode, Label> = {
  missing_value: { ja: '未入力です', en: 'Nothing is given' },
  unknown_name: { ja: 'この名前の自治体は見つかりません（1970年以降の旧名も含めて）', en: 'No municipality has this name (today or since 1970)' },
  ambiguous_name: { ja: '同名の自治体が複数あります。都道府県名かコードを加えてください', en: 'Several municipalities have this name; add the prefecture or the code' },
  unknown_code: { ja: 'このコードの自治体はありません（5桁、例 13112）', en: 'No municipality has this code (5 digits, e.g. 13112)' },
  unknown_kind: {
    ja: '種別が読めません（姉妹都市・友好都市・縁組協定・災害時相互応援協定・関係人口・その他）',
    en: 'Unknown kind (sister, friendship, partnership, disaster_aid, relationship_population, other)',
  },
  bad_year: { ja: '年が読めません（1850年〜来年、例 1995）', en: 'Not a year between 1850 and next year (e.g. 1995)' },
  self_pair: { ja: '同じ自治体どうしです', en: 'Both partners are the same municipality' },
  duplicate_in_file: { ja: 'ファイル内の前の行と重複しています', en: 'Repeats an earlier row of the file' },
  duplicate_existing: { ja: 'アトラスに登録済みです', en: 'Already in the atlas' },
  bad_number: { ja: '数値ではありません（例 1234.5）', en: 'Not a number (e.g. 1234.5)' },
  duplicate_place: { ja: '同じ自治体の行が前にもあります', en: 'An earlier row gives the same municipality' },
};

/** Which value of an imported row a problem is about (the import report's field column). */
const importField: Record<ImportField, Label> = {
  a: { ja: '自治体A', en: 'Municipality A' },
  b: { ja: '相手B', en: 'Partner B' },
  kind: { ja: '種別', en: 'Kind' },
  year: { ja: '年', en: 'Year' },
  place: { ja: '自治体', en: 'Municipality' },
  value: { ja: '値', en: 'Value' },
};

/** Designated earthquake zones: a short label for the UI, and the official name the seed file must spell exactly. */
const hazardZone: Record<HazardZone, Label & { official: string }> = {
  nankai_trough: { ja: '南海トラフ', en: 'Nankai Trough', official: '南海トラフ地震防災対策推進地域' },
  nankai_trough_tsunami: { ja: '南海トラフ（津波特別強化）', en: 'Nankai Trough (tsunami, special)', official: '南海トラフ地震津波避難対策特別強化地域' },
  tokyo_inland: { ja: '首都直下', en: 'Tokyo inland', official: '首都直下地震緊急対策区域' },
  tokyo_core: { ja: '首都中枢機能', en: 'Tokyo core functions', official: '首都中枢機能維持基盤整備地区' },
  japan_trench: { ja: '日本海溝・千島海溝', en: 'Japan/Kuril Trench', official: '日本海溝・千島海溝周辺海溝型地震防災対策推進地域' },
  japan_trench_tsunami: {
    ja: '日本海溝・千島海溝（津波特別強化）',
    en: 'Japan/Kuril Trench (tsunami, special)',
    official: '日本海溝・千島海溝周辺海溝型地震津波避難対策特別強化地域',
  },
  hokkaido_sanriku_advisory: { ja: '北海道・三陸沖後発地震注意情報', en: 'Hokkaido–Sanriku follow-on quake advisory', official: '北海道・三陸沖後発地震注意情報 対象市町村' },
};

/** The centre a scheme looks for (the eligibility layer of the regions view). */
const eligibilityScheme: Record<EligibilityScheme, Label> = {
  central_city_region: { ja: '連携中枢都市', en: 'Central city (連携中枢都市圏)' },
  settlement_zone: { ja: '定住自立圏の中心市', en: 'Settlement-zone centre (定住自立圏)' },
};

const eligibilityStatus: Record<EligibilityStatus, Label> = {
  lead: { ja: '圏域の中心市', en: 'Leads a region' },
  eligible: { ja: '要件を満たすが圏域なし', en: 'Meets the criteria, no region' },
  needs_check: { ja: '要確認', en: 'Needs a check' },
  near_miss: { ja: 'あと一歩', en: 'Near miss' },
};

const eligibilityCriterion: Record<EligibilityCriterionId, Label> = {
  kind: { ja: '市の種類', en: 'Kind of city' },
  population: { ja: '人口', en: 'Population' },
  day_night_ratio: { ja: '昼夜間人口比率', en: 'Day/night ratio' },
  outside_big_metro: { ja: '三大都市圏の外', en: 'Outside the big three metro areas' },
  partner_is_city: { ja: '隣接する市', en: 'Neighbouring city' },
  population_self: { ja: '人口（本市）', en: 'Population (this city)' },
  population_partner: { ja: '人口（相手市）', en: 'Population (partner)' },
  population_total: { ja: '2市の人口合計', en: 'Combined population' },
  day_night_ratio_self: { ja: '昼夜間人口比率（本市）', en: 'Day/night ratio (this city)' },
  day_night_ratio_partner: { ja: '昼夜間人口比率（相手市）', en: 'Day/night ratio (partner)' },
  outside_big_metro_self: { ja: '三大都市圏の外（本市）', en: 'Outside metro areas (this city)' },
  outside_big_metro_partner: { ja: '三大都市圏の外（相手市）', en: 'Outside metro areas (partner)' },
  within_an_hour: { ja: '概ね1時間以内の交通圏', en: 'Within about an hour' },
  not_central_city: { ja: '連携中枢都市でない', en: 'Not a central city' },
  not_central_city_self: { ja: '連携中枢都市でない（本市）', en: 'Not a central city (this city)' },
  not_central_city_partner: { ja: '連携中枢都市でない（相手市）', en: 'Not a central city (partner)' },
};

const metric: Record<MetricId, Label> = {
  population: { ja: '人口（2020年）', en: 'Population (2020)' },
  density: { ja: '人口密度', en: 'Population density' },
  popChangePct: { ja: '人口増減率（2015→2020）', en: 'Population change 2015→2020' },
  share65plus: { ja: '高齢化率（65歳以上）', en: 'Share aged 65+' },
  sharePrimary: { ja: '第1次産業就業者割合', en: 'Primary industry share' },
  shareSecondary: { ja: '第2次産業就業者割合', en: 'Secondary industry share' },
  shareTertiary: { ja: '第3次産業就業者割合', en: 'Tertiary industry share' },
  dayNightRatio: { ja: '昼夜間人口比率', en: 'Day/night population ratio' },
  households: { ja: '世帯数', en: 'Households' },
  areaKm2: { ja: '面積', en: 'Area' },
  jobsPerResident: { ja: '従業者数／就業者数（民営）', en: 'Jobs per employed resident' },
  population2050: { ja: '将来推計人口（2050年）', en: 'Projected population (2050)' },
  popChange2050Pct: { ja: '人口増減率（2020→2050年推計）', en: 'Projected population change 2020→2050' },
  share65plus2050: { ja: '高齢化率（2050年推計）', en: 'Projected share aged 65+ (2050)' },
  quakeProb30: { ja: '30年以内に震度6弱以上の確率（J-SHIS 2024）', en: 'Probability of JMA 6− or stronger within 30 years (J-SHIS 2024)' },
  tsunamiShare: { ja: '津波浸水想定区域内の人口割合', en: 'Residents in the tsunami inundation area' },
  floodShare: { ja: '洪水浸水想定区域（0.5 m以上）内の人口割合', en: 'Residents in the river-flood area (≥ 0.5 m)' },
};

const classMethod: Record<ClassMethod, Label> = {
  quantile: { ja: '分位数', en: 'Quantile' },
  equal: { ja: '等間隔', en: 'Equal interval' },
  jenks: { ja: '自然分類 (Jenks)', en: 'Natural breaks (Jenks)' },
};

/** The urban↔rural axes of the complementarity score. */
const complementAxis: Record<ComplementAxis, Label> = {
  density: { ja: '人口密度', en: 'Density' },
  primary: { ja: '第1次産業', en: 'Primary industry' },
  aged: { ja: '65歳以上', en: 'Aged 65+' },
  dayNight: { ja: '昼夜間比', en: 'Day/night' },
  size: { ja: '人口規模', en: 'Size' },
};

/** What holds a disaster-aid score down most (the smallest part of the product). */
const limitingFactor: Record<LimitingFactor, Label> = {
  sameQuake: { ja: '同じ地震で被災しやすい', en: 'Likely struck by the same earthquake' },
  sameStorm: { ja: '同じ豪雨・台風で浸水しやすい', en: 'Likely flooded by the same storm' },
  ownHazard: { ja: '相手自身の被災確率が高い', en: 'High hazard of its own' },
  reachability: { ja: '遠くて駆けつけにくい', en: 'Too far to reach quickly' },
  capacity: { ja: '規模が小さく応援力が足りない', en: 'Too small to give enough help' },
};

/** Every labelled closed set, by name. */
export const glossary = {
  municipalityKind,
  regionType,
  regionStatus,
  employmentAreaKind,
  commutingRelation,
  dayNightSource,
  membershipStatus,
  membersKnown,
  exchangeKind,
  importProblem,
  importField,
  hazardZone,
  eligibilityScheme,
  eligibilityStatus,
  eligibilityCriterion,
  metric,
  classMethod,
  complementAxis,
  limitingFactor,
} as const;

export type Glossary = typeof glossary;
/** The name of a closed set, e.g. 'regionType'. */
export type GlossarySet = keyof Glossary;
/** A value of a set, e.g. 'central_city_region' for 'regionType'. */
export type Term<S extends GlossarySet> = keyof Glossary[S] & string;

/**
 * The label of a value in a language.
 * @example labelIn('ja', 'exchangeKind', 'sister') // '姉妹都市'
 */
export function labelIn<S extends GlossarySet>(lang: keyof Label, set: S, value: Term<S>): string {
  const entry = (glossary[set] as Record<string, Label>)[value];
  // A value the database holds but the types do not know (an older build): show it rather than nothing.
  return entry ? entry[lang] : value;
}
