import type { AtlasDb } from '../db.ts';
import { citationsOf } from '../../domain/citations.ts';
import type { MunicipalityExchange, MunicipalityNetwork } from '../../domain/records/exchanges.ts';

/** The exchanges a municipality takes part in, ordered by kind then year. */
export async function exchangesOf(db: AtlasDb, code: string): Promise<MunicipalityExchange[]> {
  const rows = await db.all(
    `SELECT id, kind, since_year AS "sinceYear", agreement, source,
       CASE WHEN a_code = $1 THEN b_code ELSE a_code END AS code,
       CASE WHEN a_code = $1 THEN b_name ELSE a_name END AS name,
       CASE WHEN a_code = $1 THEN b_pref_name ELSE a_pref_name END AS "prefName"
     FROM exchanges WHERE a_code = $1 OR b_code = $1
     ORDER BY kind, since_year NULLS LAST, name`,
    [code],
  );
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind as MunicipalityExchange['kind'],
    partner: { code: String(r.code), name: String(r.name), prefName: String(r.prefName) },
    sinceYear: r.sinceYear === null ? null : Number(r.sinceYear),
    agreement: r.agreement === null ? null : String(r.agreement),
    sources: citationsOf(String(r.source), r.sinceYear === null ? undefined : String(r.sinceYear)),
  }));
}

/**
 * The multilateral pacts a municipality is a party to, with their member counts.
 * @example (await networksOf(db, '34207')).map((n) => n.name) // ['中核市災害相互応援協定']
 */
export async function networksOf(db: AtlasDb, code: string): Promise<MunicipalityNetwork[]> {
  const rows = await db.all(
    `SELECT n.network AS id, n.network_name AS name, n.kind, (SELECT count(*) FROM exchange_networks x WHERE x.network = n.network) AS "memberCount",
       n.membership, n.since_year AS "sinceYear", n.as_of AS "asOf", n.source, n.note
     FROM exchange_networks n WHERE n.code = $1 ORDER BY n.network`,
    [code],
  );
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    kind: r.kind as MunicipalityNetwork['kind'],
    memberCount: Number(r.memberCount),
    membership: r.membership as MunicipalityNetwork['membership'],
    sinceYear: r.sinceYear === null ? null : Number(r.sinceYear),
    asOf: String(r.asOf ?? ''),
    // The as-of date is the member list's, not the pages': no year for them.
    sources: citationsOf(String(r.source)),
    note: String(r.note ?? ''),
  }));
}
