/**
 * Exchange routes: GET /api/exchanges (every agreement as a pair of points, for arcs) and
 * POST /api/exchanges/import (a user's own agreements from a CSV; the work is in server/services/exchange-import/).
 */
import { z } from 'zod';
import { builtData } from '../built.ts';
import { type CurrentData, currentData } from '../current.ts';
import { answerJson } from '../response-cache.ts';
import { defineRoute, queryString } from '../route.ts';
import { csvMediaTypes } from '../security.ts';
import { importExchanges } from '../services/exchange-import/index.ts';
import { ExchangeList, ExchangeNetworkList, ImportReport, exchangeKinds } from '../../domain/records/exchanges.ts';

const partnerCode = z.string().regex(/^\d{5}$/, 'must be a 5-digit code such as "13112" (a prefecture as partner: "20000")');
const yearSchema = z.coerce.number({ error: 'must be a year such as 1995' }).int('must be a whole year').min(1850, 'must be 1850 or later').max(2100, 'must be 2100 or earlier');

const listQuery = z
  .object({
    code: partnerCode.optional(),
    kind: queryString(200)
      .refine((v) => v.split(',').every((k) => (exchangeKinds as readonly string[]).includes(k)), `must be one or more of ${exchangeKinds.join(', ')} (comma-separated)`)
      .optional(),
    from: yearSchema.optional(),
    to: yearSchema.optional(),
    origin: z.enum(['seed', 'user'], { error: 'must be seed or user' }).optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

/**
 * Agreements matching the filters, from memory (server/current.ts). With `from`/`to`, agreements without a known
 * year are left out.
 * @example listExchanges(await currentData(db), { code: '13219', kind: 'disaster_aid' })
 */
export function listExchanges(current: CurrentData, filter: z.infer<typeof listQuery>): ExchangeList {
  const kinds = filter.kind ? new Set(filter.kind.split(',')) : null;
  const items = current.exchanges.filter(
    (e) =>
      (!filter.code || e.a.code === filter.code || e.b.code === filter.code) &&
      (!kinds || kinds.has(e.kind)) &&
      (filter.from === undefined || (e.sinceYear !== null && e.sinceYear >= filter.from)) &&
      (filter.to === undefined || (e.sinceYear !== null && e.sinceYear <= filter.to)) &&
      (!filter.origin || e.origin === filter.origin),
  );
  return { items, total: items.length };
}

export const exchangeRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/exchanges',
    response: ExchangeList,
    tag: 'exchanges',
    summary:
      'Every known exchange agreement (sister, friendship, partnership, disaster_aid, relationship_population, other) with both partners as points, filtered by partner code, kind, year range and origin.',
    returns:
      '{items:[{id,a:{code,name,prefName,lon,lat,formerName},b,kind,sinceYear,agreement,sources:[{title,publisher,year,url}],note,origin,network,pairCount}], total}; with from/to, agreements of unknown year are left out',
    query: listQuery,
    async handle({ c, deps, query }) {
      const current = await currentData(deps.db);
      // The whole list, the exchanges view's first call, is serialised and compressed once per write.
      if (Object.values(query).every((v) => v === undefined)) return answerJson(c, current.exchangeList);
      return listExchanges(current, query);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/exchanges/networks',
    response: ExchangeNetworkList,
    tag: 'exchanges',
    summary:
      'Every multilateral pact (21大都市, 中核市, 義士親善友好都市 …) with its parties as points: membership "listed" (named one by one in the source) or "designation" (every 政令指定都市 or 中核市 takes part).',
    returns: '{items:[{id,name,kind,membership,sinceYear,asOf,note,sources:[{title,publisher,year,url}],members:[{code,name,prefName,lon,lat}]}], total}',
    handle: async ({ deps }) => (await builtData(deps.db)).networks,
  }),
  defineRoute({
    method: 'post',
    path: '/api/exchanges/import',
    response: ImportReport,
    tag: 'exchanges',
    write: true,
    accepts: csvMediaTypes,
    summary:
      'Imports the user\'s own agreements from a CSV body (UTF-8 or Shift_JIS; columns a_name or a_code [+ a_prefecture], b_name or b_code [+ b_prefecture], kind, year, optional agreement, note, source; Japanese headers such as 自治体A, 種別, 締結年 also work). Every row is checked; with dryRun=1 nothing is written, otherwise all valid rows are written in one transaction as origin "user".',
    returns:
      'ImportReport {dryRun, encoding, columns, rows:[{line,status,a,b,kind,sinceYear,problems,id}], valid, invalid, imported}; 400 for a CSV without the needed columns, 401 without the write token, 413 for more than 1 MiB or 5,000 rows',
    query: z.object({ dryRun: z.enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0' }).optional() }).strict(),
    async handle({ c, deps, query }) {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return importExchanges(deps.db, bytes, query.dryRun === '1' || query.dryRun === 'true');
    },
  }),
];
