/**
 * Pipeline step: exchange agreements (seeds/exchanges.csv, seeds/exchange_networks.csv) → table `exchanges`.
 *
 * One row per agreement between two partners (a municipality, or a prefecture with code "PP000"), with
 * both endpoints' current names, prefecture and representative point resolved here so the map can draw
 * arcs without joins. Every row here has `origin` 'seed': agreements users import through
 * POST /api/exchanges/import live in the user store, which the build never reads or writes; the server shows both
 * through one view (server/store.ts).
 *
 * Multilateral networks whose members are listed (e.g. the 24 members of the 義士親善友好都市 disaster-aid pact)
 * become one arc per pair of members, marked with the network's id and name: in such a pact every member may call
 * on every other, so each pair is a real tie. Where the facts already list a pair of the same kind (pacts entered
 * "around the source municipality"), that row is marked with the network instead of adding a second arc.
 * Networks defined by a designation (21大都市, 中核市: every city of the kind is a party) stay memberships in
 * `exchange_networks` only; 1,891 arcs among 中核市 would bury every other tie, and the partner ranking counts a
 * shared membership as an existing tie all the same.
 *
 * `pair_key` ("<smaller code>-<larger code>:<kind>") is unique: one agreement of a kind per pair, whoever
 * entered it (the server hides an import that a later build lists as a seed). The number of agreements per pair
 * (arc width) is counted at query time, so user imports change it without a rebuild.
 */
import type { Exchange, ExchangeNetworkMember } from './seeds/index.ts';
import { isPrefecturePartnerCode, loadExchangeNetworks, loadExchanges } from './seeds/index.ts';
import type { MunicipalityRow } from './municipalities.ts';
import { writeTable } from './database.ts';
import type { BuildStep, PrefectureRow } from './steps.ts';
import { type ExchangeEnd, type ExchangeRow, type NetworkMemberRow, builtTables, pairKey } from '../domain/tables.ts';

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

export type { NetworkMemberRow } from '../domain/tables.ts';

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

export const exchangeStep: BuildStep = {
  name: 'exchanges (seeds/exchanges.csv + exchange_networks.csv)',
  async run(ctx) {
    const codes = new Set(ctx.municipalities.map((m) => m.code));
    const seedRows = loadExchanges(codes);
    const networkMembers = loadExchangeNetworks(codes);
    const resolve = endpointResolver(ctx.municipalities, ctx.prefectures);
    const rows = exchangeRows(seedRows, networkMembers, resolve);
    await writeTable(ctx.conn, builtTables.exchanges, rows);
    const members = networkMemberRows(networkMembers, resolve);
    await writeTable(ctx.conn, builtTables.exchangeNetworks, members);
    const fromNetworks = rows.filter((r) => r.id.startsWith('net-')).length;
    const marked = rows.filter((r) => r.network && !r.id.startsWith('net-')).length;
    const networkCount = (membership: string) => new Set(networkMembers.filter((m) => m.membership === membership).map((m) => m.network)).size;
    return `exchanges (${rows.length} agreements: ${seedRows.length} listed + ${fromNetworks} pairs of ${networkCount('listed')} listed networks; ${marked} listed rows marked with their network, exchange_networks (${members.length} memberships of ${networkCount('listed') + networkCount('designation')} networks, ${networkCount('designation')} by designation)`;
  },
};
