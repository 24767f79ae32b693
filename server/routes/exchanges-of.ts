import type { AtlasDb } from '../db.ts';
import type { MunicipalityExchange } from '../../domain/records/exchanges.ts';

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
    source: String(r.source),
  }));
}
