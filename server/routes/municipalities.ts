import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { codeSchema, defineRoute, queryString } from '../route.ts';
import { type Municipality, MunicipalityDetail, MunicipalityList, municipalityKinds } from '../../domain/records/municipalities.ts';
import type { AtlasDb } from '../db.ts';
import { matchPrefectures } from '../../domain/names/prefectures.ts';
import { searchMunicipalities } from '../../domain/names/search.ts';
import { builtData } from '../built.ts';
import { currentData } from '../current.ts';
import { answerJson } from '../response-cache.ts';
import { outlookOf } from './outlook-of.ts';

const kinds: readonly string[] = municipalityKinds;

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
 * Municipalities matching the list filters, from the built rows in memory: ordered by code, or with `q` by the
 * shared search's ranking (domain/names/search.ts: exact name first, then prefixes, larger places first), so
 * the API finds what the search box finds.
 */
export function listMunicipalities(all: readonly Municipality[], filter: z.infer<typeof listQuery>): MunicipalityList {
  const prefs = filter.pref ? new Set(matchPrefectures(filter.pref)) : null;
  const wanted = filter.kind ? new Set(filter.kind.split(',')) : null;
  const filtered = all.filter((m) => (!prefs || prefs.has(m.prefCode)) && (!wanted || wanted.has(m.kind)));
  const found = filter.q?.trim() ? searchMunicipalities(filtered, filter.q) : filtered;
  const from = filter.offset ?? 0;
  return { items: found.slice(from, filter.limit === undefined ? undefined : from + filter.limit), total: found.length };
}

/** One municipality with every metric, its regions, exchanges and 2050 outlook, from memory; 404 when the code is unknown. */
export async function municipalityDetail(db: AtlasDb, code: string): Promise<MunicipalityDetail> {
  const [built, current, outlook] = await Promise.all([builtData(db), currentData(db), outlookOf(db, code)]);
  const row = built.details.get(code);
  if (!row) throw new ApiError(404, 'not_found', `no municipality has code ${code}`);
  return {
    ...row,
    regions: current.regionsOf.get(code) ?? [],
    exchanges: (current.exchangesOf.get(code) ?? []).map((s) => s.exchange),
    networks: built.networksOf.get(code) ?? [],
    outlook,
  };
}

export const municipalityRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/municipalities',
    response: MunicipalityList,
    tag: 'municipalities',
    summary:
      'List municipalities, filtered by prefecture (code or partial name in kanji, kana or romaji), kind and a search by name (kanji with ヶ/ケ and old kanji folded, kana, romaji, partial) or code.',
    returns: '{items:[Municipality], total}; every match unless limit/offset are given',
    query: listQuery,
    async handle({ c, deps, query }) {
      const built = await builtData(deps.db);
      // The whole list, the page's first call, is serialised and compressed once.
      if (Object.values(query).every((v) => v === undefined)) return answerJson(c, built.municipalityList);
      return listMunicipalities(built.municipalities, query);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/municipalities/:code',
    response: MunicipalityDetail,
    tag: 'municipalities',
    summary: 'One municipality with every metric, its regions and its exchanges.',
    returns: 'MunicipalityDetail; 404 for an unknown code, 400 for a malformed one',
    params: z.object({ code: codeSchema }),
    handle: ({ deps, params }) => municipalityDetail(deps.db, params.code),
  }),
];
