/**
 * Table schemas shared by the pipeline (which writes them) and the server (which reads them and checks them at
 * start-up): each table's columns once, with the record field each column is read from.
 */
import type { ExchangeEnd as ApiExchangeEnd } from './records/exchanges.ts';

/** SQL column types the pipeline writes. */
export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BIGINT' | 'BOOLEAN';
/** A table's columns in order: [name, type], plus the row key each value is read from. */
export type Columns<R> = readonly (readonly [column: string, type: ColumnType, key: keyof R])[];

/** One side of an exchange as stored: the API's end without the former name, which is kept per agreement. */
export type ExchangeEnd = Omit<ApiExchangeEnd, 'formerName'>;

/** One stored agreement (a row of the `exchanges` table). */
export interface ExchangeRow {
  id: string;
  aCode: string;
  aName: string;
  aPrefName: string;
  aLon: number;
  aLat: number;
  aFormerName: string | null;
  bCode: string;
  bName: string;
  bPrefName: string;
  bLon: number;
  bLat: number;
  bFormerName: string | null;
  kind: string;
  sinceYear: number | null;
  agreement: string | null;
  source: string;
  note: string | null;
  network: string | null;
  networkName: string | null;
  origin: 'seed' | 'user';
  pairKey: string;
}

/** The unique key of an agreement: unordered pair + kind. @example pairKey('15202', '13219', 'friendship') // '13219-15202:friendship' */
export function pairKey(a: string, b: string, kind: string): string {
  return `${a < b ? a : b}-${a < b ? b : a}:${kind}`;
}

export const exchangeColumns: Columns<ExchangeRow> = [
  ['id', 'VARCHAR', 'id'],
  ['a_code', 'VARCHAR', 'aCode'],
  ['a_name', 'VARCHAR', 'aName'],
  ['a_pref_name', 'VARCHAR', 'aPrefName'],
  ['a_lon', 'DOUBLE', 'aLon'],
  ['a_lat', 'DOUBLE', 'aLat'],
  ['a_former_name', 'VARCHAR', 'aFormerName'],
  ['b_code', 'VARCHAR', 'bCode'],
  ['b_name', 'VARCHAR', 'bName'],
  ['b_pref_name', 'VARCHAR', 'bPrefName'],
  ['b_lon', 'DOUBLE', 'bLon'],
  ['b_lat', 'DOUBLE', 'bLat'],
  ['b_former_name', 'VARCHAR', 'bFormerName'],
  ['kind', 'VARCHAR', 'kind'],
  ['since_year', 'INTEGER', 'sinceYear'],
  ['agreement', 'VARCHAR', 'agreement'],
  ['source', 'VARCHAR', 'source'],
  ['note', 'VARCHAR', 'note'],
  ['network', 'VARCHAR', 'network'],
  ['network_name', 'VARCHAR', 'networkName'],
  ['origin', 'VARCHAR', 'origin'],
  ['pair_key', 'VARCHAR', 'pairKey'],
];

/** One former name of a municipality of today (a row of the `former_names` table; see domain/names/resolver.ts). */
export interface FormerNameRow {
  prefecture: string;
  /** 郡 or 支庁 it belonged to, if any. */
  district: string | null;
  name: string;
  /** The former municipality's code then (全国地方公共団体コード without check digit). */
  formerCode: string;
  /** Today's municipality. */
  code: string;
  date: string;
  change: string;
}

export const formerNameColumns: Columns<FormerNameRow> = [
  ['prefecture', 'VARCHAR', 'prefecture'],
  ['district', 'VARCHAR', 'district'],
  ['name', 'VARCHAR', 'name'],
  ['former_code', 'VARCHAR', 'formerCode'],
  ['code', 'VARCHAR', 'code'],
  ['date', 'VARCHAR', 'date'],
  ['change', 'VARCHAR', 'change'],
];
