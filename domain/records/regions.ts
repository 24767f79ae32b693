import { z } from 'zod';
import { Citation } from '../citations.ts';
import { MultiPolygon } from './geometry.ts';
import { municipalityKinds } from './municipality-kinds.ts';
import { Outlook } from './outlook.ts';
import { pure } from './pure.ts';

/** Region types (exact API values). */
export const regionTypes = ['central_city_region', 'settlement_zone', 'prefecture', 'seed_grouping', 'custom', 'employment_area'] as const;
export type RegionType = (typeof regionTypes)[number];

/**
 * Region (and member) status.
 * - active: in force as far as the sources say;
 * - planned / declared: announced (中心市宣言 or a planned join) but not yet formed;
 * - unconfirmed: a candidate the sources do not confirm (exclude from counts);
 * - converted / abolished / dissolved / superseded: a 定住自立圏 that ended, usually into a 連携中枢都市圏;
 * - documented: a seed-document grouping (a project or study as of the document's date);
 * - custom: a what-if grouping saved by a user.
 */
export const regionStatuses = ['active', 'planned', 'declared', 'unconfirmed', 'converted', 'abolished', 'dissolved', 'superseded', 'documented', 'custom'] as const;
export type RegionStatus = (typeof regionStatuses)[number];

/** Whether a membership holds today, the closed set every answer gives for one (labels: domain/glossary.ts). */
export const membershipStatuses = ['active', 'planned', 'ended', 'unconfirmed'] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

/**
 * The membership status of a member whose status (its region's, or its own where it differs) is `status`.
 * A seed-document grouping (documented) shows a project or study at the document's date; whether it continues is
 * not known, so it is unconfirmed. A user's what-if grouping is what the user made it (active).
 * @example membershipStatusOf('converted') // 'ended' (八戸市's 定住自立圏 became a 連携中枢都市圏)
 */
export function membershipStatusOf(status: RegionStatus): MembershipStatus {
  switch (status) {
    case 'active':
    case 'custom':
      return 'active';
    case 'planned':
    case 'declared':
      return 'planned';
    case 'converted':
    case 'abolished':
    case 'dissolved':
    case 'superseded':
      return 'ended';
    case 'unconfirmed':
    case 'documented':
      return 'unconfirmed';
  }
}

/**
 * How completely the sources list a region's members: all of them; some (the sources name only part); or only its
 * centre city (the zone exists but no source read names its members, e.g. 甘楽富岡). Totals of a region that is not
 * `all` are totals of the known members only.
 */
export const membersKnownValues = ['all', 'partial', 'centre_only'] as const;
export type MembersKnown = (typeof membersKnownValues)[number];

const RegionType = pure(() => z.enum(regionTypes));
const RegionStatus = pure(() => z.enum(regionStatuses));
const MembershipStatus = pure(() => z.enum(membershipStatuses));
const Role = pure(() => z.enum(['center', 'member']));

/** A region a municipality belongs to, as listed in its detail. */
export const MunicipalityRegion = pure(() =>
  z.object({
    id: z.string(),
    type: RegionType,
    name: z.string(),
    nameEn: z.string().nullable().describe('English name from the centres\' romaji and the type ("Fukuyama central city region"); null for what-if groupings.'),
    role: Role,
    membershipStatus: MembershipStatus.describe('Whether the membership holds today (ended 定住自立圏, planned joins and unconfirmed candidates say so).'),
    statusDetail: RegionStatus.describe("The finer status behind it: the member's own (e.g. planned to join) or its region's (e.g. converted)."),
  }),
);
export type MunicipalityRegion = z.infer<typeof MunicipalityRegion>;

/** One region in a list. `memberCodes` are its current members (members planned to join are in the detail only). */
export const RegionSummary = pure(() =>
  z.object({
    id: z.string(),
    type: RegionType,
    name: z.string(),
    nameEn: z.string().nullable().describe("English name from the centres' (else first members') romaji and the type; null for what-if groupings."),
    status: RegionStatus,
    centerCodes: z.array(z.string()),
    memberCodes: z.array(z.string()),
    population: z.number().describe("Totals over the known current members: complete only where `membersKnown` is 'all'."),
    areaKm2: z.number(),
    memberCount: z.number(),
    membersKnown: z.enum(membersKnownValues).describe('Whether the sources name all members, some, or only the centre city.'),
    centerShare: z.number().nullable().describe("Centre cities' share of the region's population, in percent; null without a centre."),
    asOf: z.string(),
    sources: z.array(Citation).describe('Where the region and its members are documented, as readable citations.'),
    note: z.string(),
    outline: MultiPolygon.optional().describe('Dissolved outline; only with `?geometry=true` in lists, always in the detail.'),
  }),
);
export type RegionSummary = z.infer<typeof RegionSummary>;

/** The official totals of a region type, all from one publication (`asOf`). */
export const OfficialCounts = pure(() =>
  z.object({
    regions: z.number().describe('Regions formed (連携中枢都市圏: ビジョン策定; 定住自立圏: 協定締結 or 形成方針策定).'),
    declaredCities: z.number().nullable().describe('Centre cities that declared (宣言連携中枢都市 / 宣言中心市); null where the publication gives none.'),
    municipalities: z.number().nullable().describe('Member municipalities incl. centres, counted once per region (延べ); null where the publication gives none.'),
  }),
);
export type OfficialCounts = z.infer<typeof OfficialCounts>;

/** How complete the list is: regions known here against the official count. */
export const RegionCoverage = pure(() =>
  z.object({
    known: z.number().describe('Regions of the type in force here (status active; every region for groupings, prefectures and custom).'),
    official: z.number().nullable().describe('Official count of regions (= officialCounts.regions), or null where none exists.'),
    officialCounts: OfficialCounts.nullable(),
    byStatus: z.partialRecord(RegionStatus, z.number()).describe("Regions of the type listed here by status, e.g. {active: 37, unconfirmed: 1}; the list's length is their sum."),
    asOf: z.string().nullable(),
    sources: z.array(Citation).describe('The publication of the official counts (empty where there are none).'),
  }),
);
export type RegionCoverage = z.infer<typeof RegionCoverage>;

export const RegionList = pure(() => z.object({ items: z.array(RegionSummary), coverage: RegionCoverage }));
export type RegionList = z.infer<typeof RegionList>;

export const RegionMemberInfo = pure(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    prefecture: z.string(),
    role: Role,
    joined: z.string().describe("YYYY, YYYY-MM or YYYY-MM-DD, or '' when unknown."),
    status: RegionStatus.describe("The region's status unless this member differs (e.g. planned to join)."),
    membershipStatus: MembershipStatus.describe('Whether this membership holds today (from `status`).'),
    population: z.number(),
    areaKm2: z.number(),
    note: z.string(),
  }),
);
export type RegionMemberInfo = z.infer<typeof RegionMemberInfo>;

/** 都市雇用圏: MEA 大都市雇用圏 (centre DID population ≥ 50,000), MCEA 小都市雇用圏 (10,000–50,000). */
export const EmploymentAreaKind = pure(() => z.enum(['MEA', 'MCEA']));
export type EmploymentAreaKind = z.infer<typeof EmploymentAreaKind>;

/** A 2020 都市雇用圏: its centres (with 従業常住比) and suburbs (order, what they commute to, rate). */
export const EmploymentAreaDetail = pure(() =>
  z.object({
    kind: EmploymentAreaKind,
    didPopulation: z.number().describe('DID (densely inhabited district) population of the primary centre, 2020.'),
    centres: z.array(z.object({ code: z.string(), name: z.string(), population: z.number(), employmentResidenceRatio: z.number() })),
    suburbs: z
      .array(z.object({ code: z.string(), name: z.string(), order: z.number(), toCode: z.string().nullable(), toName: z.string().nullable(), rate: z.number() }))
      .describe('Order 1 commutes to the centres together (`toCode` null); order k ≥ 2 to a suburb of order k − 1.'),
    source: z.string(),
  }),
);
export type EmploymentAreaDetail = z.infer<typeof EmploymentAreaDetail>;

/**
 * How a member relates to the region's centre(s) in the 2020 employment areas: the centre itself; commutes ≥ 10 % to a
 * centre; in the centre's area but through another suburb (higher order); in another area (as suburb or as its centre);
 * in no area (commutes < 10 % to every centre).
 */
export const CommutingRelation = pure(() => z.enum(['centre', 'commutes_to_centre', 'same_area_indirect', 'other_area', 'centre_of_other_area', 'no_area']));
export type CommutingRelation = z.infer<typeof CommutingRelation>;

const ViaSuburb = pure(() => z.object({ code: z.string(), name: z.string(), rate: z.number() }));

export const CommutingMember = pure(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    role: Role,
    relation: CommutingRelation,
    centre: z.string().nullable().describe('The region centre commuted to, with `rate` (0.10–1); null where the data has no rate to a centre.'),
    rate: z.number().nullable(),
    toGroup: z.array(z.string()).describe('When the rate is to several centres together (a multi-centre employment area), their codes.'),
    within: z.boolean().describe("Inside a centre's 10 % commuting area (the centre itself, or ≥ 10 % to it)."),
    areaId: z.string().nullable(),
    order: z.number().nullable(),
    via: ViaSuburb.nullable().describe('For a suburb of order ≥ 2: the municipality it commutes to, and the rate.'),
    otherArea: z.object({ id: z.string(), name: z.string() }).optional(),
  }),
);
export type CommutingMember = z.infer<typeof CommutingMember>;

/** A formal region beside the functional one: see domain/scoring/commuting.ts. */
export const CommutingComparison = pure(() =>
  z.object({
    centres: z.array(
      z.object({ code: z.string(), name: z.string(), areaId: z.string().nullable(), areaName: z.string().nullable(), place: z.enum(['primary', 'secondary', 'suburb', 'none']) }),
    ),
    members: z.array(CommutingMember),
    candidates: z
      .array(z.object({ code: z.string(), name: z.string(), population: z.number(), centre: z.string(), rate: z.number(), toGroup: z.array(z.string()) }))
      .describe("Non-members commuting ≥ 10 % to a centre: candidates by MIC's 10 % rule."),
    furtherSuburbs: z
      .array(z.object({ code: z.string(), name: z.string(), population: z.number(), order: z.number(), via: ViaSuburb }))
      .describe("Non-members in a centre's employment area through a suburb (order ≥ 2), for context."),
    counts: z.object({ members: z.number(), withRate: z.number(), outside: z.number(), candidates: z.number() }),
    centreAssumed: z.boolean().describe('True when no centre was given and the most populous member stands in for it.'),
    source: z.string().describe('The dataset, as a readable citation.'),
    caveat: z.string().describe('What the figures are and are not (commuting to work only; each suburb listed under its strongest centre).'),
  }),
);
export type CommutingComparison = z.infer<typeof CommutingComparison>;

export const RegionDetail = pure(() =>
  RegionSummary.extend({
    members: z.array(RegionMemberInfo),
    outline: MultiPolygon,
    createdAt: z.string().nullable(),
    outlook: Outlook.describe('IPSS 2023 projection summed over the current members (see Outlook.excluded).'),
    commuting: CommutingComparison.optional().describe('連携中枢都市圏, 定住自立圏 and custom regions: the formal region beside the 2020 10 % commuting area of its centre(s).'),
    employmentArea: EmploymentAreaDetail.optional().describe('`employment_area` regions: centres and suburbs with order and commuting rate.'),
  }),
);
export type RegionDetail = z.infer<typeof RegionDetail>;

export const eligibilitySchemes = ['central_city_region', 'settlement_zone'] as const;
export type EligibilityScheme = (typeof eligibilitySchemes)[number];
/** lead: centre of a region of the scheme; eligible: meets every rule; needs_check (要確認): the data cannot decide a rule; near_miss: misses narrowly. */
export const eligibilityStatuses = ['lead', 'eligible', 'needs_check', 'near_miss'] as const;
export type EligibilityStatus = (typeof eligibilityStatuses)[number];
/** The outcome of the rules for a city, whatever it leads: `no` fails a rule outright. */
export type EligibilityVerdict = 'eligible' | 'needs_check' | 'near_miss' | 'no';
/** Where a day/night figure comes from: 東京都's measured table, the 2020 従業常住比 of an employment-area centre, or our estimate. */
export const dayNightSources = ['measured', 'employment_residence_2020', 'estimate'] as const;
export type DayNightSource = (typeof dayNightSources)[number];

/** The criteria of the eligibility tests; _self / _partner in the two-city test of 連携中枢都市. */
export const eligibilityCriterionIds = [
  'kind',
  'population',
  'day_night_ratio',
  'outside_big_metro',
  'partner_is_city',
  'population_self',
  'population_partner',
  'population_total',
  'day_night_ratio_self',
  'day_night_ratio_partner',
  'outside_big_metro_self',
  'outside_big_metro_partner',
  'within_an_hour',
  'not_central_city',
  'not_central_city_self',
  'not_central_city_partner',
] as const;
export type EligibilityCriterionId = (typeof eligibilityCriterionIds)[number];

/** One rule applied to one city: the figure, the threshold, and whether it is met, narrowly missed or undecidable. */
export const EligibilityCriterion = pure(() =>
  z.object({
    id: z.enum(eligibilityCriterionIds),
    label: z.string(),
    value: z.union([z.number(), z.string(), z.boolean()]),
    threshold: z.string(),
    met: z.boolean(),
    near: z.boolean().describe('Not met, but within the named margin (おおむね / 程度 / 5 points).'),
    needsCheck: z.boolean().describe('要確認: the data cannot decide; `reason` says why.'),
    reason: z.string().optional(),
    source: z.enum(dayNightSources).optional().describe('For a day/night rule: where the figure comes from.'),
    note: z.string().optional().describe('What the figure is (e.g. 従業常住比 2020), or how the rule was read (おおむね, 程度).'),
  }),
);
export type EligibilityCriterion = z.infer<typeof EligibilityCriterion>;

export const EligibilityCandidate = pure(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    prefName: z.string(),
    kind: z.enum(municipalityKinds),
    population: z.number(),
    dayNightRatio: z.number().nullable().describe('The day/night figure the rules used, in percent (see `dayNightSource`); null where nobody lives there.'),
    dayNightEstimated: z.boolean().describe('True when `dayNightSource` is `estimate`.'),
    dayNightSource: z.enum(dayNightSources),
    dayNightThreshold: z.number().describe('The lowest figure accepted, in percent: 95 for 連携中枢都市 (おおむね1以上), else 100.'),
    lon: z.number(),
    lat: z.number(),
    status: z.enum(eligibilityStatuses),
    verdict: z.enum(['eligible', 'needs_check', 'near_miss', 'no']),
    meetsCriteria: z.boolean(),
    path: z.enum(['single', 'two_city']).describe('Which test the criteria belong to: the city alone, or with a neighbouring city (連携中枢 two-city case).'),
    partnerCode: z.string().nullable(),
    leadsRegion: z.object({ id: z.string(), name: z.string(), status: RegionStatus }).nullable(),
    criteria: z.array(EligibilityCriterion),
  }),
);
export type EligibilityCandidate = z.infer<typeof EligibilityCandidate>;

export const EligibilityList = pure(() =>
  z.object({
    scheme: z.enum(eligibilitySchemes),
    items: z.array(EligibilityCandidate),
    counts: z.record(z.enum(eligibilityStatuses), z.number()),
    parameters: z.record(z.string(), z.unknown()).describe('The thresholds and the definition of the three big metropolitan areas used.'),
  }),
);
export type EligibilityList = z.infer<typeof EligibilityList>;

/** Whether a grouping could form a region of a scheme. */
export const GroupSchemeResult = pure(() =>
  z.object({
    scheme: z.enum(eligibilitySchemes),
    met: z.boolean(),
    centres: z.array(z.string()).describe('Members that could lead it (codes; "a+b" for a two-city pair).'),
    needsCheck: z.array(z.string()).describe('Members (or pairs) whose test the data cannot decide (empty when `met`).'),
    nearMisses: z.array(z.string()).describe('Members that miss the centre criteria only narrowly (empty when `met`).'),
  }),
);
export type GroupSchemeResult = z.infer<typeof GroupSchemeResult>;

/** What a set of municipalities adds up to (what-if preview and saved custom regions). */
export const GroupSummary = pure(() =>
  z.object({
    memberCount: z.number(),
    population: z.number(),
    areaKm2: z.number(),
    centerShare: z.number().nullable(),
    parts: z.number().describe('Number of separate pieces of the dissolved outline (1 = contiguous, islands excepted).'),
    outline: MultiPolygon,
    schemes: z.array(GroupSchemeResult),
    commuting: CommutingComparison.optional().describe('The grouping beside the 10 % commuting area of its centre(s) (given, else the most populous member).'),
  }),
);
export type GroupSummary = z.infer<typeof GroupSummary>;

/** Body of POST /api/regions and POST /api/regions/preview. */
export interface CustomRegionInput {
  type?: 'custom';
  name: string;
  memberCodes: string[];
  centerCodes?: string[];
  note?: string;
}
