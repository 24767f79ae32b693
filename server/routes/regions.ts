/**
 * Regions: lists and details of 連携中枢都市圏, 定住自立圏, prefectures, seed groupings and custom (what-if) regions;
 * eligibility of cities to lead a region; what-if previews; saving and deleting custom regions.
 *
 * `POST /api/regions/preview` (no token, nothing saved) answers the same summary a saved region would have —
 * population, area, dissolved outline, and which schemes a member could lead — for the live what-if panel.
 */
import { Deleted } from '../../domain/records/municipalities.ts';
import type { Topology } from 'topojson-specification';
import { z } from 'zod';
import type { AtlasDb } from '../db.ts';
import { ApiError } from '../errors.ts';
import { answerJson } from '../response-cache.ts';
import { codeSchema, defineRoute } from '../route.ts';
import { checkGroup, deleteCustomRegion, saveCustomRegion } from '../services/custom-regions.ts';
import { type Reference, reference } from '../services/reference.ts';
import { compareWithCommuting } from '../../domain/scoring/commuting.ts';
import { type LeadRegion, bigMetro, eligibility, summariseGroup, thresholds } from '../../domain/scoring/eligibility.ts';
import {
  type CommutingComparison,
  type EmploymentAreaDetail,
  type EmploymentAreaKind,
  EligibilityList,
  GroupSummary,
  RegionDetail,
  RegionList,
  type RegionStatus,
} from '../../domain/records/regions.ts';
import { regionTypes } from '../../domain/records/regions.ts';
import { type BuiltData, builtData } from '../built.ts';
import { currentData, listRegions } from '../current.ts';
import { outlookOfMembers } from './outlook-of.ts';

/** Most members a custom region may have (the largest 連携中枢都市圏 has under 40; a prefecture at most 179). */
export const maxCustomMembers = 300;
const regionIdSchema = z.string().regex(/^[a-z0-9-]{1,60}$/, 'must be a region id such as "ccr-34207" or "pref-13"');
/** Statuses that make a centre city count as leading a region. */
const leadingStatuses = ['active', 'declared', 'planned'];

/** Readable citation of the 2020 employment areas, with what the figures are. */
const commutingSource = '都市雇用圏 2020（金本・徳岡 2002 の基準、2020年国勢調査）東京大学空間情報科学研究センター';
const commutingCaveat =
  '通勤（就業者）のみ、通学を含まない。各市町村は最も通勤率の高い行き先の圏域にだけ載るため、別の中心へ10 %以上通勤していても表に出ないことがある。 Commuting to work only (not school); each municipality is listed under its strongest destination only.';

let parsed: { text: string; topology: Topology } | null = null;
function topologyOf(asset: string): Topology {
  if (parsed?.text !== asset) parsed = { text: asset, topology: JSON.parse(asset) as Topology };
  return parsed.topology;
}

/** One region with its members (role, join date, population) and outline, from memory; 404 when unknown. */
export async function regionDetail(db: AtlasDb, id: string): Promise<RegionDetail> {
  const [current, ref, built] = await Promise.all([currentData(db), reference(db), builtData(db)]);
  const region = current.regionsById.get(id);
  if (!region) throw new ApiError(404, 'not_found', `no region has id ${id}; list them with GET /api/regions?type=…`);
  const { summary, members } = region;
  const currentMembers = members.filter((m) => m.status === summary.status);
  const compared = ['central_city_region', 'settlement_zone', 'custom'].includes(summary.type);
  return {
    ...summary,
    outline: region.outline,
    members,
    createdAt: region.createdAt,
    outlook: await outlookOfMembers(db, currentMembers),
    ...(compared ? { commuting: commutingOf(ref, summary.memberCodes, summary.centerCodes) } : {}),
    ...(summary.type === 'employment_area' ? { employmentArea: employmentAreaOf(built, ref, summary.id) } : {}),
  } as RegionDetail;
}

/** A grouping beside the 2020 10 % commuting area of its centre(s). */
function commutingOf(ref: Reference, memberCodes: readonly string[], centerCodes: readonly string[]): CommutingComparison {
  return { ...compareWithCommuting(ref.commute, memberCodes, centerCodes, ref.names), source: commutingSource, caveat: commutingCaveat };
}

/** An employment area's centres (with 従業常住比) and suburbs (order, destination, rate). */
function employmentAreaOf(built: BuiltData, ref: Reference, id: string): EmploymentAreaDetail {
  const area = built.employmentAreas.get(id);
  const links = [...ref.commute.byCode.values()].filter((l) => l.areaId === id);
  const nameOf = (code: string) => ref.cities.get(code)?.name ?? code;
  const units = [...new Set(links.filter((l) => l.order === 0).map((l) => l.unitCode))];
  return {
    kind: String(area?.kind) as EmploymentAreaKind,
    didPopulation: area?.didPopulation ?? 0,
    centres: units.map((unit) => {
      const own = links.filter((l) => l.unitCode === unit && l.order === 0);
      return {
        code: unit,
        name: unit === '13100' ? '東京都特別区部' : nameOf(unit),
        population: own.reduce((s, l) => s + (ref.cities.get(l.code)?.population ?? 0), 0),
        employmentResidenceRatio: own[0]?.employmentResidenceRatio ?? 0,
      };
    }),
    suburbs: links
      .filter((l) => l.order > 0)
      .map((l) => ({ code: l.code, name: nameOf(l.code), order: l.order, toCode: l.toCode, toName: l.toCode ? nameOf(l.toCode) : null, rate: l.rate ?? 0 })),
    source: commutingSource,
  };
}

const groupBody = z
  .object({
    type: z.literal('custom').optional(),
    name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
    memberCodes: z.array(codeSchema).min(1, 'needs at least one municipality').max(maxCustomMembers, `may list at most ${maxCustomMembers} municipalities`),
    centerCodes: z.array(codeSchema).max(10).optional(),
    note: z.string().max(500, 'must be at most 500 characters').optional(),
  })
  .strict();
const previewBody = groupBody.extend({ name: z.string().max(80).optional() });

/** Centre cities of the regions of a scheme in force or announced, with their co-centres (第9 / 複眼型). */
async function leadsOf(db: AtlasDb, scheme: 'central_city_region' | 'settlement_zone'): Promise<Map<string, LeadRegion & { centerCodes: string[] }>> {
  const rows = await db.all<{ id: string; name: string; status: RegionStatus; center_codes: string }>(
    `SELECT id, name, status, center_codes FROM regions WHERE type = $1 AND status IN (${leadingStatuses.map((_, i) => `$${i + 2}`).join(', ')}) ORDER BY id`,
    [scheme, ...leadingStatuses],
  );
  const leads = new Map<string, LeadRegion & { centerCodes: string[] }>();
  for (const r of rows) {
    const centres = r.center_codes.split(';').filter(Boolean);
    for (const c of centres) if (!leads.has(c)) leads.set(c, { id: r.id, name: r.name, status: r.status, centerCodes: centres });
  }
  return leads;
}

const eligibilityLists = new WeakMap<AtlasDb, Map<string, Promise<EligibilityList>>>();

/**
 * Candidates to lead a region of the scheme, with each criterion and the day/night figure's source. Everything it
 * reads is built data (the rules, the cities, the regions of the two schemes; users' own groupings are `custom`), so
 * each scheme's list is computed once per database and a read after a write costs nothing.
 */
export function eligibilityList(db: AtlasDb, scheme: 'central_city_region' | 'settlement_zone'): Promise<EligibilityList> {
  const lists = eligibilityLists.get(db) ?? new Map<string, Promise<EligibilityList>>();
  eligibilityLists.set(db, lists);
  let list = lists.get(scheme);
  if (!list) {
    list = computeEligibility(db, scheme);
    list.catch(() => lists.delete(scheme));
    lists.set(scheme, list);
  }
  return list;
}

async function computeEligibility(db: AtlasDb, scheme: 'central_city_region' | 'settlement_zone'): Promise<EligibilityList> {
  const ref = await reference(db);
  const leads = await leadsOf(db, scheme);
  const centralLeads = scheme === 'settlement_zone' ? await leadsOf(db, 'central_city_region') : new Map<string, LeadRegion>();
  const items = eligibility(scheme, [...ref.cities.values()], ref.rules, leads, centralLeads);
  const counts = { lead: 0, eligible: 0, needs_check: 0, near_miss: 0 };
  for (const i of items) counts[i.status]++;
  return { scheme, items, counts, parameters: { ...thresholds, bigMetro, estimateErrorPoints: ref.rules.estimateErrorPoints } };
}

export const regionRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/regions',
    response: RegionList,
    tag: 'regions',
    summary: 'Regions of a type (all types without one) with population, area and members; coverage against the official count.',
    returns: '{items:[RegionSummary], coverage:{known, official, officialCounts:{regions, declaredCities, municipalities}, byStatus, asOf, sources}}; outlines with geometry=true',
    query: z
      .object({
        type: z.enum(regionTypes, { message: `must be one of ${regionTypes.join(', ')}` }).optional(),
        geometry: z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' }).optional(),
      })
      .strict(),
    handle: async ({ c, deps, query }) => {
      const current = await currentData(deps.db);
      const withOutline = query.geometry === 'true' || query.geometry === '1';
      // Every region without outlines, the regions view's first call, is serialised and compressed once per write.
      if (!query.type && !withOutline) return answerJson(c, current.regionList);
      return listRegions(current, query.type, withOutline);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/regions/preview',
    response: GroupSummary,
    tag: 'regions',
    summary:
      'What a grouping would add up to, without saving it: population, area, dissolved outline, schemes it could form, and the grouping beside the 2020 commuting area of its centre.',
    returns: 'GroupSummary with commuting; 400 naming unknown codes, for an empty list or more than 300 members',
    body: previewBody,
    handle: async ({ deps, body }): Promise<GroupSummary> => {
      const ref = await reference(deps.db);
      const { members, centres } = checkGroup(ref, body);
      const summary = summariseGroup(members, ref.rules, topologyOf(deps.boundaryAsset), centres, await leadsOf(deps.db, 'central_city_region'));
      return { ...summary, commuting: commutingOf(ref, members, centres) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/regions/:id',
    response: RegionDetail,
    tag: 'regions',
    summary:
      'One region with its members (code, name, role, joined) and its dissolved outline as GeoJSON; 連携中枢都市圏, 定住自立圏 and custom regions add `commuting` (each member beside the 2020 10 % commuting area of the centre), employment areas add `employmentArea`.',
    returns: 'RegionDetail; 404 for an unknown id',
    params: z.object({ id: regionIdSchema }),
    handle: ({ deps, params }) => regionDetail(deps.db, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/api/regions',
    response: RegionDetail,
    tag: 'regions',
    summary: 'Saves a what-if grouping as a custom region (kept in the user store across restarts and rebuilds). Needs the write token.',
    returns: '201 RegionDetail; 400 naming unknown codes, for an empty list, more than 300 members or a missing name; 401 without the token',
    body: groupBody,
    write: true,
    handle: async ({ c, deps, body }) => c.json(await regionDetail(deps.db, await saveCustomRegion(deps.db, topologyOf(deps.boundaryAsset), body)), 201),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/regions/:id',
    response: Deleted,
    tag: 'regions',
    summary: 'Deletes a custom region. Needs the write token.',
    returns: '{deleted:id}; 404 for an unknown id, 403 for a seed region, 401 without the token',
    params: z.object({ id: regionIdSchema }),
    write: true,
    handle: ({ deps, params }) => deleteCustomRegion(deps.db, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/api/eligibility',
    response: EligibilityList,
    tag: 'regions',
    summary:
      'Cities that lead, could lead (meet every rule of MIC’s 要綱), need a check (要確認: the data cannot decide a rule) or narrowly miss leading a 連携中枢都市圏 or 定住自立圏, with each criterion, its figure and threshold, and the day/night figure’s source.',
    returns: '{scheme, items:[EligibilityCandidate], counts, parameters}',
    query: z.object({ scheme: z.enum(['central_city_region', 'settlement_zone'], { message: 'must be central_city_region or settlement_zone' }) }).strict(),
    handle: ({ deps, query }) => eligibilityList(deps.db, query.scheme),
  }),
];
