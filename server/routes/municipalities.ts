import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { codeSchema, defineRoute, queryString } from '../route.ts';
import { type Municipality, type MunicipalityDetail, type MunicipalityList, municipalityKinds } from '../../domain/records/municipalities.ts';
import type { AtlasDb } from '../db.ts';
import { matchPrefectures } from '../../domain/names/prefectures.ts';
import { type Searchable, searchMunicipalities } from '../../domain/names/search.ts';
import { exchangesOf, networksOf } from './exchanges-of.ts';
import { outlookOf } from './outlook-of.ts';
import { regionsOf } from './regions-of.ts';

const kinds: readonly string[] = municipalityKinds;

/** SELECT list mapping the municipalities table to the API's field names. */
export const municipalityColumns = `code, name, name_kana AS "nameKana", name_romaji AS "nameRomaji", pref_code AS "prefCode", pref_name AS "prefName",
  pref_name_romaji AS "prefNameRomaji", kind,
  population, population_2015 AS "population2015", pop_change_pct AS "popChangePct", households, area_km2 AS "areaKm2",
  density, share_65plus AS "share65plus", share_primary AS "sharePrimary", share_secondary AS "shareSecondary",
  share_tertiary AS "shareTertiary", jobs_per_resident AS "jobsPerResident", daytime_population AS "daytimePopulation",
  day_night_ratio AS "dayNightRatio", day_night_estimated AS "dayNightEstimated", lon, lat`;

const listQuery = z
  .object({
    pref: queryString(30)
      .refine(
        (v) => matchPrefectures(v).length > 0,
        'must name a prefecture: a code (1–47) or the start of its name in kanji, kana or romaji (北海道, 北海, ほっかいどう, hokkaido)',
      )
      .optional(),
    q: queryString(50).optional(),
    kind: queryString(120)
      .refine((v) => v.split(',').every((k) => kinds.includes(k)), `must be one or more of ${kinds.join(', ')} (comma-separated)`)
      .optional(),
    limit: z.coerce.number().int().min(1).max(2000).optional(),
    offset: z.coerce.number().int().min(0).max(100_000).optional(),
  })
  .strict();

/**
 * Municipalities matching the list filters: ordered by code, or with `q` by the shared search's ranking
 * (domain/names/search.ts: exact name first, then prefixes, larger places first), so the API finds what the
 * search box finds.
 */
export async function listMunicipalities(db: AtlasDb, filter: z.infer<typeof listQuery>): Promise<MunicipalityList> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const bind = (v: string | number) => (params.push(v), `$${params.length}`);
  if (filter.pref) where.push(`pref_code IN (${matchPrefectures(filter.pref).map(bind).join(', ')})`);
  if (filter.kind) where.push(`kind IN (${filter.kind.split(',').map(bind).join(', ')})`);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const select = `SELECT ${municipalityColumns} FROM municipalities`;
  if (filter.q?.trim()) {
    // Rank on the few searched columns, then read whole records for the page only.
    const searched = `SELECT code, name, name_kana AS "nameKana", name_romaji AS "nameRomaji", pref_name AS "prefName", population FROM municipalities ${whereSql}`;
    const found = searchMunicipalities((await db.all(searched, params)) as unknown as Searchable[], filter.q);
    const from = filter.offset ?? 0;
    const codes = found.slice(from, filter.limit === undefined ? undefined : from + filter.limit).map((m) => m.code);
    const rows = codes.length ? ((await db.all(`${select} WHERE code IN (${codes.map((_, i) => `$${i + 1}`).join(', ')})`, codes)) as unknown as Municipality[]) : [];
    const byCode = new Map(rows.map((m) => [m.code, m]));
    return { items: codes.map((c) => byCode.get(c)!), total: found.length };
  }
  const total = Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM municipalities ${whereSql}`, params))!.n);
  let page = '';
  if (filter.limit !== undefined) page += ` LIMIT ${bind(filter.limit)}`;
  if (filter.offset !== undefined) page += ` OFFSET ${bind(filter.offset)}`;
  const items = (await db.all(`${select} ${whereSql} ORDER BY code${page}`, params)) as unknown as Municipality[];
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
  const [regions, exchanges, networks, outlook] = await Promise.all([regionsOf(db, code), exchangesOf(db, code), networksOf(db, code), outlookOf(db, code)]);
  return { ...(row as unknown as Omit<MunicipalityDetail, 'regions' | 'exchanges' | 'networks' | 'outlook'>), regions, exchanges, networks, outlook };
}

export const municipalityRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/municipalities',
    tag: 'municipalities',
    summary:
      'List municipalities, filtered by prefecture (code or partial name in kanji, kana or romaji), kind and a search by name (kanji with ヶ/ケ and old kanji folded, kana, romaji, partial) or code.',
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
