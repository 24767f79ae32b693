/**
 * Exchange routes: GET /api/exchanges (every agreement as a pair of points, for arcs) and
 * POST /api/exchanges/import (a user's own agreements from a CSV; the work is in server/services/exchange-import/).
 */
import { citationsOf } from '../../domain/citations.ts';
import { z } from 'zod';
import type { AtlasDb, Row } from '../db.ts';
import { defineRoute, queryString } from '../route.ts';
import { csvMediaTypes } from '../security.ts';
import { importExchanges } from '../services/exchange-import/index.ts';
import { type Exchange, type ExchangeKind, ExchangeList, type ExchangeNetwork, ExchangeNetworkList, ImportReport, exchangeKinds } from '../../domain/records/exchanges.ts';

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

/** The columns of an exchange row as the API's fields (with the number of agreements per pair). */
const listSql = `
  WITH counted AS (SELECT *, count(*) OVER (PARTITION BY least(a_code, b_code), greatest(a_code, b_code)) AS pair_count FROM exchanges)
  SELECT * FROM counted`;

function toExchange(r: Row): Exchange {
  const end = (p: 'a' | 'b') => ({
    code: String(r[`${p}_code`]),
    name: String(r[`${p}_name`]),
    prefName: String(r[`${p}_pref_name`]),
    lon: Number(r[`${p}_lon`]),
    lat: Number(r[`${p}_lat`]),
    formerName: r[`${p}_former_name`] === null ? null : String(r[`${p}_former_name`]),
  });
  return {
    id: String(r.id),
    a: end('a'),
    b: end('b'),
    kind: r.kind as ExchangeKind,
    sinceYear: r.since_year === null ? null : Number(r.since_year),
    agreement: r.agreement === null ? null : String(r.agreement),
    sources: citationsOf(String(r.source), r.since_year === null ? undefined : String(r.since_year)),
    note: r.note === null ? null : String(r.note),
    origin: r.origin as Exchange['origin'],
    network: r.network === null ? null : { id: String(r.network), name: String(r.network_name) },
    pairCount: Number(r.pair_count),
  };
}

/**
 * Agreements matching the filters. With `from`/`to`, agreements without a known year are left out.
 * @example await listExchanges(db, { code: '13219', kind: 'disaster_aid' })
 */
export async function listExchanges(db: AtlasDb, filter: z.infer<typeof listQuery>): Promise<ExchangeList> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const p = (v: string | number) => (params.push(v), `$${params.length}`);
  if (filter.code) {
    const c = p(filter.code);
    where.push(`(a_code = ${c} OR b_code = ${c})`);
  }
  if (filter.kind) where.push(`kind IN (${filter.kind.split(',').map(p).join(', ')})`);
  if (filter.from !== undefined) where.push(`since_year >= ${p(filter.from)}`);
  if (filter.to !== undefined) where.push(`since_year <= ${p(filter.to)}`);
  if (filter.origin) where.push(`origin = ${p(filter.origin)}`);
  const rows = await db.all(`${listSql} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`, params);
  return { items: rows.map(toExchange), total: rows.length };
}

/**
 * Every multilateral pact with its parties and their points; a prefecture party (東京都 in the 21大都市 pact) at
 * its prefecture's point.
 * @example (await listNetworks(db)).items.find((n) => n.id === 'net-core-cities')?.members.length // 62
 */
export async function listNetworks(db: AtlasDb): Promise<ExchangeNetworkList> {
  const rows = await db.all(
    `SELECT n.network, n.network_name, n.kind, n.membership, n.since_year, n.as_of, n.note, n.source, n.code, n.name, n.pref_name,
       coalesce(m.lon, p.lon) AS lon, coalesce(m.lat, p.lat) AS lat
     FROM exchange_networks n LEFT JOIN municipalities m ON m.code = n.code
       LEFT JOIN prefectures p ON n.code LIKE '__000' AND p.code = left(n.code, 2)
     ORDER BY n.network, n.code`,
  );
  const byId = new Map<string, ExchangeNetwork>();
  for (const r of rows) {
    const id = String(r.network);
    let n = byId.get(id);
    if (!n) {
      n = {
        id,
        name: String(r.network_name),
        kind: r.kind as ExchangeKind,
        membership: r.membership as ExchangeNetwork['membership'],
        sinceYear: r.since_year === null ? null : Number(r.since_year),
        asOf: String(r.as_of ?? ''),
        note: String(r.note ?? ''),
        // The as-of date is the member list's, not the pages': no year for them.
        sources: citationsOf(String(r.source)),
        members: [],
      };
      byId.set(id, n);
    }
    if (r.lon !== null && r.lat !== null) n.members.push({ code: String(r.code), name: String(r.name), prefName: String(r.pref_name), lon: Number(r.lon), lat: Number(r.lat) });
  }
  const items = [...byId.values()];
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
    handle: ({ deps, query }) => listExchanges(deps.db, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/exchanges/networks',
    response: ExchangeNetworkList,
    tag: 'exchanges',
    summary:
      'Every multilateral pact (21大都市, 中核市, 義士親善友好都市 …) with its parties as points: membership "listed" (named one by one in the source) or "designation" (every 政令指定都市 or 中核市 takes part).',
    returns: '{items:[{id,name,kind,membership,sinceYear,asOf,note,sources:[{title,publisher,year,url}],members:[{code,name,prefName,lon,lat}]}], total}',
    handle: ({ deps }) => listNetworks(deps.db),
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
