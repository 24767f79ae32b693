import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { codeSchema, defineRoute, queryString } from '../route.ts';
import { type Municipality, type MunicipalityDetail, type MunicipalityList, municipalityKinds } from '../../domain/records/municipalities.ts';
import type { AtlasDb } from '../db.ts';
import { normaliseSearch } from '../../domain/names/search.ts';
import { exchangesOf } from './exchanges-of.ts';
import { outlookOf } from './outlook-of.ts';
import { regionsOf } from './regions-of.ts';

const kinds: readonly string[] = municipalityKinds;

/** SELECT list mapping the municipalities table to the API's field names. */
export const municipalityColumns = `code, name, name_kana AS "nameKana", pref_code AS "prefCode", pref_name AS "prefName", kind,
  population, population_2015 AS "population2015", pop_change_pct AS "popChangePct", households, area_km2 AS "areaKm2",
  density, share_65plus AS "share65plus", share_primary AS "sharePrimary", share_secondary AS "shareSecondary",
  share_tertiary AS "shareTertiary", jobs_per_resident AS "jobsPerResident", daytime_population AS "daytimePopulation",
  day_night_ratio AS "dayNightRatio", day_night_estimated AS "dayNightEstimated", lon, lat`;

const listQuery = z
  .object({
    pref: queryString(10)
      .regex(/^(\d{1,2}|[\u3000-\u9fff]{2,4})$/, 'must be a prefecture code (1–47) or name such as 東京都')
      .optional(),
    q: queryString(50).optional(),
    kind: queryString(120)
      .refine((v) => v.split(',').every((k) => kinds.includes(k)), `must be one or more of ${kinds.join(', ')} (comma-separated)`)
      .optional(),
    limit: z.coerce.number().int().min(1).max(2000).optional(),
    offset: z.coerce.number().int().min(0).max(100_000).optional(),
  })
  .strict();

/** Municipalities matching the list filters, ordered by code. */
export async function listMunicipalities(db: AtlasDb, filter: z.infer<typeof listQuery>): Promise<MunicipalityList> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.pref) {
    const pref = filter.pref;
    if (/^\d+$/.test(pref)) {
      const n = Number(pref);
      if (n < 1 || n > 47) throw new ApiError(400, 'invalid_input', `query pref: ${pref} is not a prefecture code; use 1–47 or a name such as 東京都`);
      params.push(String(n).padStart(2, '0'));
      where.push(`pref_code = $${params.length}`);
    } else {
      params.push(pref);
      where.push(`(pref_name = $${params.length} OR pref_name = $${params.length} || '県' OR pref_name = $${params.length} || '府' OR pref_name = $${params.length} || '都')`);
    }
  }
  let order = 'ORDER BY code';
  const q = filter.q ? normaliseSearch(filter.q) : '';
  if (q) {
    params.push(q);
    const p = `$${params.length}`;
    where.push(`(contains(name, ${p}) OR contains(name_kana, ${p}) OR contains(pref_name || name, ${p}))`);
    // Exact and prefix matches first, so Enter picks the obvious place.
    order = `ORDER BY (name = ${p}) DESC, starts_with(name, ${p}) DESC, starts_with(name_kana, ${p}) DESC, population DESC`;
  }
  if (filter.kind) {
    const list = filter.kind.split(',');
    where.push(`kind IN (${list.map((k) => (params.push(k), `$${params.length}`)).join(', ')})`);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM municipalities ${whereSql}`, params))!.n);
  let page = '';
  if (filter.limit !== undefined) {
    params.push(filter.limit);
    page += ` LIMIT $${params.length}`;
  }
  if (filter.offset !== undefined) {
    params.push(filter.offset);
    page += ` OFFSET $${params.length}`;
  }
  const items = (await db.all(`SELECT ${municipalityColumns} FROM municipalities ${whereSql} ${order}${page}`, params)) as unknown as Municipality[];
  return { items, total };
}

/** One municipality with every metric, its regions, exchanges and 2050 outlook; 404 when the code is unknown. */
export async function municipalityDetail(db: AtlasDb, code: string): Promise<MunicipalityDetail> {
  const row = await db.one(
    `SELECT ${municipalityColumns}, designation_since AS "designationSince", employed, private_employees AS "privateEmployees",
       boundary_area_km2 AS "boundaryAreaKm2" FROM municipalities WHERE code = $1`,
    [code],
  );
  if (!row) throw new ApiError(404, 'not_found', `no municipality has code ${code}`);
  const [regions, exchanges, outlook] = await Promise.all([regionsOf(db, code), exchangesOf(db, code), outlookOf(db, code)]);
  return { ...(row as unknown as Omit<MunicipalityDetail, 'regions' | 'exchanges' | 'outlook'>), regions, exchanges, outlook };
}

export const municipalityRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/municipalities',
    tag: 'municipalities',
    summary: 'List municipalities, filtered by prefecture, kind and a kanji or kana search (partial match).',
    returns: '{items:[Municipality], total}; every match unless limit/offset are given',
    query: listQuery,
    handle: ({ deps, query }) => listMunicipalities(deps.db, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/municipalities/:code',
    tag: 'municipalities',
    summary: 'One municipality with every metric, its regions and its exchanges.',
    returns: 'MunicipalityDetail; 404 for an unknown code, 400 for a malformed one',
    params: z.object({ code: codeSchema }),
    handle: ({ deps, params }) => municipalityDetail(deps.db, params.code),
  }),
];
