/**
 * Pipeline step: exchange agreements (seeds/exchanges.csv, seeds/exchange_networks.csv) → table `exchanges`.
 *
 * One row per agreement between two partners (a municipality, or a prefecture with code "PP000"), with
 * both endpoints' current names, prefecture and representative point resolved here so the map can draw
 * arcs without joins. `origin` is 'seed' for these rows and 'user' for agreements imported through
 * POST /api/exchanges/import, which survive restarts because they live in the same table.
 *
 * Multilateral networks whose members are listed (e.g. the 24 members of the 義士親善友好都市 disaster-aid pact)
 * become one arc per pair of members, marked with the network's id and name: in such a pact every member may call
 * on every other, so each pair is a real tie. Where the facts already list a pair of the same kind (pacts entered
 * "around the source municipality"), that row is marked with the network instead of adding a second arc.
 * Networks defined by a designation (21大都市, 中核市: every city of the kind is a party) stay memberships in
 * `exchange_networks` only; 1,891 arcs among 中核市 would bury every other tie, and the partner ranking counts a
 * shared membership as an existing tie all the same.
 *
 * A rebuild carries the user's agreements over from the database it replaces (re-resolving both ends), so
 * imports survive `npm run data:build` as well as restarts.
 *
 * `pair_key` ("<smaller code>-<larger code>:<kind>") is unique: one agreement of a kind per pair, whoever
 * entered it. The number of agreements per pair (arc width) is counted at query time, so user imports
 * change it without a rebuild.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Exchange, ExchangeNetworkMember } from './seeds/index.ts';
import { isPrefecturePartnerCode, loadExchangeNetworks, loadExchanges } from './seeds/index.ts';
import type { MunicipalityRow } from './municipalities.ts';
import { writeTable } from './database.ts';
import { buildDir } from './sources.ts';
import type { BuildStep, PrefectureRow } from './steps.ts';
import { type ExchangeEnd, type ExchangeRow, exchangeColumns, pairKey } from '../domain/tables.ts';

/** Resolves partner codes (municipality or "PP000" prefecture) to names and points. */
export function endpointResolver(municipalities: readonly MunicipalityRow[], prefectures: readonly PrefectureRow[]): (code: string) => ExchangeEnd {
  const munis = new Map(municipalities.map((m) => [m.code, m]));
  const prefs = new Map(prefectures.map((p) => [p.code, p]));
  return (code) => {
    if (isPrefecturePartnerCode(code)) {
      const p = prefs.get(code.slice(0, 2));
      if (p) return { code, name: p.name, prefName: p.name, lon: p.lon, lat: p.lat };
    }
    const m = munis.get(code);
    if (!m) throw new Error(`exchange partner ${code} is neither a municipality nor a prefecture of the database`);
    return { code, name: m.name, prefName: m.prefName, lon: m.lon, lat: m.lat };
  };
}

const blank = (s: string) => (s.trim() === '' ? null : s);

/**
 * Seed agreements plus one agreement per pair of network members (see the module comment).
 * @example exchangeRows(loadExchanges(codes), loadExchangeNetworks(codes), resolve).length // 528 + network pairs not already listed
 */
export function exchangeRows(seedRows: readonly Exchange[], networkMembers: readonly ExchangeNetworkMember[], resolve: (code: string) => ExchangeEnd): ExchangeRow[] {
  const rows = new Map<string, ExchangeRow>();
  for (const x of seedRows) {
    const a = resolve(x.aCode);
    const b = resolve(x.bCode);
    const key = pairKey(a.code, b.code, x.kind);
    rows.set(key, {
      id: x.id,
      aCode: a.code,
      aName: a.name,
      aPrefName: a.prefName,
      aLon: a.lon,
      aLat: a.lat,
      aFormerName: blank(x.aFormerName),
      bCode: b.code,
      bName: b.name,
      bPrefName: b.prefName,
      bLon: b.lon,
      bLat: b.lat,
      bFormerName: blank(x.bFormerName),
      kind: x.kind,
      sinceYear: x.sinceYear,
      agreement: blank(x.agreement),
      source: x.source,
      note: blank(x.note),
      network: null,
      networkName: null,
      origin: 'seed',
      pairKey: key,
    });
  }
  const networks = new Map<string, ExchangeNetworkMember[]>();
  for (const m of networkMembers.filter((x) => x.membership === 'listed')) networks.set(m.network, [...(networks.get(m.network) ?? []), m]);
  for (const [network, members] of networks) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const [p, q] = [members[i]!, members[j]!];
        // A pair shares the pact from when the later of the two joined.
        const since = p.sinceYear !== null && q.sinceYear !== null ? Math.max(p.sinceYear, q.sinceYear) : (p.sinceYear ?? q.sinceYear);
        const key = pairKey(p.code, q.code, p.kind);
        const existing = rows.get(key);
        if (existing) {
          existing.network ??= network;
          existing.networkName ??= p.networkName;
          continue;
        }
        const a = resolve(p.code);
        const b = resolve(q.code);
        rows.set(key, {
          id: `${network}:${a.code}-${b.code}`,
          aCode: a.code,
          aName: a.name,
          aPrefName: a.prefName,
          aLon: a.lon,
          aLat: a.lat,
          aFormerName: null,
          bCode: b.code,
          bName: b.name,
          bPrefName: b.prefName,
          bLon: b.lon,
          bLat: b.lat,
          bFormerName: null,
          kind: p.kind,
          sinceYear: since,
          agreement: p.networkName,
          source: p.source,
          note: blank(p.note) ?? blank(q.note),
          network,
          networkName: p.networkName,
          origin: 'seed',
          pairKey: key,
        });
      }
    }
  }
  return [...rows.values()];
}

/** A network member as the `exchange_networks` table holds it, with the member's current name and prefecture. */
export interface NetworkMemberRow {
  network: string;
  networkName: string;
  code: string;
  name: string;
  prefName: string;
  kind: string;
  sinceYear: number | null;
  asOf: string;
  membership: string;
  source: string;
  note: string;
}

/** Every network's members (listed ones too), for memberships in details and ties in rankings. */
export function networkMemberRows(networkMembers: readonly ExchangeNetworkMember[], resolve: (code: string) => ExchangeEnd): NetworkMemberRow[] {
  return networkMembers.map((m) => {
    const end = resolve(m.code);
    return {
      network: m.network,
      networkName: m.networkName,
      code: end.code,
      name: end.name,
      prefName: end.prefName,
      kind: m.kind,
      sinceYear: m.sinceYear,
      asOf: m.asOf,
      membership: m.membership,
      source: m.source,
      note: m.note,
    };
  });
}

/** The user's agreements in the database being replaced (none when there is none, or it cannot be read). */
async function previousUserRows(log: (m: string) => void): Promise<Record<string, unknown>[]> {
  const path = join(buildDir, 'atlas.duckdb');
  if (!existsSync(path)) return [];
  try {
    const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    const conn = await instance.connect();
    try {
      const has = await conn.runAndReadAll(`SELECT count(*) FROM information_schema.tables WHERE table_name = 'exchanges'`);
      if (Number(has.getRows()[0]![0]) === 0) return [];
      return (await conn.runAndReadAll(`SELECT * FROM exchanges WHERE origin = 'user' ORDER BY id`)).getRowObjectsJS() as Record<string, unknown>[];
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  } catch (err) {
    log(`WARNING: could not read imported agreements from ${path} (${(err as Error).message.split('\n')[0]}); stop the server and rebuild to keep them`);
    return [];
  }
}

/**
 * Re-resolves carried-over user agreements against today's tables; drops (and reports) those whose partner
 * no longer exists or whose pair and kind the seeds now list themselves.
 */
export function carryUserRows(
  previous: Record<string, unknown>[],
  seedKeys: ReadonlySet<string>,
  resolve: (code: string) => ExchangeEnd,
): { kept: ExchangeRow[]; dropped: string[] } {
  const kept: ExchangeRow[] = [];
  const dropped: string[] = [];
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  for (const r of previous) {
    const kind = String(r.kind);
    const key = pairKey(String(r.a_code), String(r.b_code), kind);
    let a: ExchangeEnd;
    let b: ExchangeEnd;
    try {
      a = resolve(String(r.a_code));
      b = resolve(String(r.b_code));
    } catch {
      dropped.push(`${String(r.id)} (partner no longer exists)`);
      continue;
    }
    if (seedKeys.has(key)) {
      dropped.push(`${String(r.id)} (now in the seeds)`);
      continue;
    }
    kept.push({
      id: String(r.id),
      aCode: a.code,
      aName: a.name,
      aPrefName: a.prefName,
      aLon: a.lon,
      aLat: a.lat,
      aFormerName: text(r.a_former_name),
      bCode: b.code,
      bName: b.name,
      bPrefName: b.prefName,
      bLon: b.lon,
      bLat: b.lat,
      bFormerName: text(r.b_former_name),
      kind,
      sinceYear: r.since_year === null || r.since_year === undefined ? null : Number(r.since_year),
      agreement: text(r.agreement),
      source: String(r.source),
      note: text(r.note),
      network: null,
      networkName: null,
      origin: 'user',
      pairKey: key,
    });
  }
  return { kept, dropped };
}

export const exchangeStep: BuildStep = {
  name: 'exchanges (seeds/exchanges.csv + exchange_networks.csv)',
  async run(ctx) {
    const codes = new Set(ctx.municipalities.map((m) => m.code));
    const seedRows = loadExchanges(codes);
    const networkMembers = loadExchangeNetworks(codes);
    const resolve = endpointResolver(ctx.municipalities, ctx.prefectures);
    const seeded = exchangeRows(seedRows, networkMembers, resolve);
    const carried = carryUserRows(await previousUserRows(ctx.log), new Set(seeded.map((r) => r.pairKey)), resolve);
    if (carried.dropped.length) ctx.log(`imported agreements not carried over: ${carried.dropped.join(', ')}`);
    const rows = [...seeded, ...carried.kept];
    await writeTable(ctx.conn, 'exchanges', exchangeColumns, rows, 'id');
    await ctx.conn.run('CREATE UNIQUE INDEX exchanges_pair_key ON exchanges (pair_key)');
    await ctx.conn.run('CREATE INDEX exchanges_a ON exchanges (a_code)');
    await ctx.conn.run('CREATE INDEX exchanges_b ON exchanges (b_code)');
    const members = networkMemberRows(networkMembers, resolve);
    await writeTable(
      ctx.conn,
      'exchange_networks',
      [
        ['network', 'VARCHAR', 'network'],
        ['network_name', 'VARCHAR', 'networkName'],
        ['code', 'VARCHAR', 'code'],
        ['name', 'VARCHAR', 'name'],
        ['pref_name', 'VARCHAR', 'prefName'],
        ['kind', 'VARCHAR', 'kind'],
        ['since_year', 'INTEGER', 'sinceYear'],
        ['as_of', 'VARCHAR', 'asOf'],
        ['membership', 'VARCHAR', 'membership'],
        ['source', 'VARCHAR', 'source'],
        ['note', 'VARCHAR', 'note'],
      ],
      members,
    );
    await ctx.conn.run('CREATE INDEX exchange_networks_code ON exchange_networks (code)');
    const fromNetworks = rows.filter((r) => r.id.startsWith('net-')).length;
    const marked = rows.filter((r) => r.network && !r.id.startsWith('net-')).length;
    const networkCount = (membership: string) => new Set(networkMembers.filter((m) => m.membership === membership).map((m) => m.network)).size;
    return `exchanges (${rows.length} agreements: ${seedRows.length} listed + ${fromNetworks} pairs of ${networkCount('listed')} listed networks; ${marked} listed rows marked with their network; ${carried.kept.length} imported by users carried over), exchange_networks (${members.length} memberships of ${networkCount('listed') + networkCount('designation')} networks, ${networkCount('designation')} by designation)`;
  },
};
