/**
 * Exchange routes: GET /api/exchanges (every agreement as a pair of points, for arcs) and
 * POST /api/exchanges/import (a user's own agreements from a CSV, checked row by row, written in one
 * transaction and kept with origin 'user').
 */
import iconv from 'iconv-lite';
import { z } from 'zod';
import { type ExchangeRow, exchangeColumns, pairKey } from '../../domain/tables.ts';
import { CsvSyntaxError, parseCsv } from '../../domain/csv.ts';
import type { AtlasDb, Row } from '../db.ts';
import { ApiError } from '../errors.ts';
import { defineRoute, queryString } from '../route.ts';
import { csvMediaTypes } from '../security.ts';
import { type Exchange, type ExchangeKind, type ExchangeList, type ImportProblem, type ImportReport, type ImportRow, exchangeKinds } from '../../domain/records/exchanges.ts';

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
    source: String(r.source),
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

// ---------------------------------------------------------------------------------------------------
// Import

/** Largest CSV accepted (bytes) and most data rows: a prefecture's agreements fit many times over. */
export const importLimits = { maxBytes: 1024 * 1024, maxRows: 5000 };

/**
 * Decodes a CSV upload: UTF-8 when the bytes are valid UTF-8 (BOM dropped), else Shift_JIS (CP932, as Excel saves it).
 * @example decodeCsv(iconv.encode('a,b\n', 'cp932')).encoding // 'utf-8' (plain ASCII is valid UTF-8)
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: ImportReport['encoding'] } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\ufeff/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'cp932'), encoding: 'shift_jis' };
  }
}

/** Header spellings recognised for each column (compared after NFKC, lower case, no spaces, "_" or "-"). */
const columnAliases = {
  aCode: ['acode', 'codea', 'コードa', '団体コードa', '自治体コードa'],
  aName: ['aname', 'a', 'namea', 'municipalitya', '自治体a', '自治体1', '自治体名a', '自治体名1', '市区町村a', '市区町村1', '市区町村名a', '団体名a'],
  aPref: ['aprefecture', 'apref', 'prefecturea', '都道府県a', '都道府県1', '都道府県名a'],
  bCode: ['bcode', 'codeb', 'コードb', '団体コードb', '自治体コードb'],
  bName: [
    'bname',
    'b',
    'nameb',
    'municipalityb',
    '自治体b',
    '自治体2',
    '自治体名b',
    '自治体名2',
    '市区町村b',
    '市区町村2',
    '市区町村名b',
    '団体名b',
    '相手先',
    '相手自治体',
    'partner',
  ],
  bPref: ['bprefecture', 'bpref', 'prefectureb', '都道府県b', '都道府県2', '都道府県名b'],
  kind: ['kind', 'type', '種別', '種類', '協定種別', '区分'],
  year: ['year', 'sinceyear', 'since', '締結年', '提携年', '協定年', '年'],
  agreement: ['agreement', '協定名', '名称', '協定'],
  note: ['note', '備考', 'メモ'],
  source: ['source', '出典'],
} as const;
type ColumnKey = keyof typeof columnAliases;

const fold = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/** Which header cell is which column; throws a 400 naming the expected headers when a side or the kind is missing. */
export function recogniseColumns(header: string[]): Partial<Record<ColumnKey, number>> {
  const found: Partial<Record<ColumnKey, number>> = {};
  header.forEach((h, i) => {
    const f = fold(h);
    for (const [key, aliases] of Object.entries(columnAliases) as [ColumnKey, readonly string[]][]) {
      if (found[key] === undefined && aliases.includes(f)) found[key] = i;
    }
  });
  const missing: string[] = [];
  if (found.aCode === undefined && found.aName === undefined) missing.push('a_name or a_code (the first municipality)');
  if (found.bCode === undefined && found.bName === undefined) missing.push('b_name or b_code (the partner)');
  if (found.kind === undefined) missing.push('kind');
  if (missing.length) {
    throw new ApiError(
      400,
      'invalid_csv',
      `the CSV header has no column for ${missing.join(', ')}; expected columns a_name (e.g. 東京都世田谷区) or a_code, optional a_prefecture, the same for b, kind, optional year, agreement, note, source — header found: ${header.join(', ') || '(empty)'}`,
    );
  }
  return found;
}

/** Kind spellings accepted besides the API values. */
const kindAliases: Record<string, ExchangeKind> = {
  姉妹都市: 'sister',
  姉妹: 'sister',
  姉妹都市提携: 'sister',
  友好都市: 'friendship',
  友好: 'friendship',
  ふるさと友好都市: 'friendship',
  友好都市提携: 'friendship',
  縁組: 'partnership',
  縁組協定: 'partnership',
  交流協定: 'partnership',
  協定: 'partnership',
  連携協定: 'partnership',
  災害時相互応援: 'disaster_aid',
  災害時相互応援協定: 'disaster_aid',
  災害応援: 'disaster_aid',
  相互応援: 'disaster_aid',
  災害協定: 'disaster_aid',
  災害: 'disaster_aid',
  防災: 'disaster_aid',
  関係人口: 'relationship_population',
  その他: 'other',
  交流: 'other',
};

/** An exchange kind from an API value or a Japanese label, or null. @example parseKind('姉妹都市') // 'sister' */
export function parseKind(value: string): ExchangeKind | null {
  const f = fold(value);
  const api = exchangeKinds.find((k) => fold(k) === f);
  return api ?? kindAliases[value.normalize('NFKC').replace(/\s/g, '')] ?? null;
}

/** A partner as resolved for import: municipality or prefecture ("PP000"). */
interface Resolved {
  code: string;
  name: string;
  prefName: string;
  lon: number;
  lat: number;
}

/** Municipalities and prefectures by code and by (folded) name, to resolve what users write. */
export class PartnerDirectory {
  private byCode = new Map<string, Resolved>();
  private byName = new Map<string, Resolved[]>();
  private prefByName = new Map<string, Resolved>();

  constructor(municipalities: Resolved[], prefectures: { code: string; name: string; lon: number; lat: number }[]) {
    for (const p of prefectures) {
      const r = { code: `${p.code}000`, name: p.name, prefName: p.name, lon: p.lon, lat: p.lat };
      this.byCode.set(r.code, r);
      this.prefByName.set(PartnerDirectory.key(p.name), r);
    }
    for (const m of municipalities) {
      this.byCode.set(m.code, m);
      const k = PartnerDirectory.key(m.name);
      this.byName.set(k, [...(this.byName.get(k) ?? []), m]);
    }
  }

  /** Folded form of a name: NFKC, no spaces, ヶ/ケ alike (龍ケ崎市 = 龍ヶ崎市). */
  static key(name: string): string {
    return name
      .normalize('NFKC')
      .replace(/\s/g, '')
      .replace(/[ヶヵケ]/g, 'ケ');
  }

  static async load(db: AtlasDb | ((sql: string) => Promise<Row[]>)): Promise<PartnerDirectory> {
    const all = typeof db === 'function' ? db : (sql: string) => db.all(sql);
    const munis = await all('SELECT code, name, pref_name AS "prefName", lon, lat FROM municipalities');
    const prefs = await all('SELECT code, name, lon, lat FROM prefectures');
    return new PartnerDirectory(munis as unknown as Resolved[], prefs as unknown as { code: string; name: string; lon: number; lat: number }[]);
  }

  /**
   * Resolves a code (5 digits, or the 6-digit 全国地方公共団体コード with its check digit), or a name with or
   * without its prefecture ("東京都世田谷区", "世田谷区" + prefecture "東京都", "群馬県利根郡川場村"), or a prefecture.
   */
  resolve(value: string, prefecture: string, field: 'a' | 'b', codeGiven: boolean): Resolved | ImportProblem {
    const v = value.normalize('NFKC').trim();
    if (v === '') return { code: 'missing_value', field, message: `${field}: no municipality given` };
    if (codeGiven || /^\d{5,6}$/.test(v)) {
      const code = /^\d{6}$/.test(v) ? v.slice(0, 5) : v;
      return this.byCode.get(code) ?? { code: 'unknown_code', field, message: `${field}: ${v} is not the code of a municipality or prefecture (write 5 digits, e.g. 13112)` };
    }
    let pref = PartnerDirectory.key(prefecture);
    let name = PartnerDirectory.key(v);
    if (!pref) {
      const lead = [...this.prefByName.keys()].find((p) => name.startsWith(p));
      if (lead) {
        pref = lead;
        name = name.slice(lead.length);
      }
    } else if (!this.prefByName.has(pref)) {
      const withSuffix = ['都', '道', '府', '県'].map((s) => pref + s).find((p) => this.prefByName.has(p));
      if (!withSuffix) return { code: 'unknown_name', field, message: `${field}: ${prefecture} is not a prefecture` };
      pref = withSuffix;
    }
    if (pref && name.startsWith(pref)) name = name.slice(pref.length);
    if (pref && name === '') return this.prefByName.get(pref)!;
    const prefName = pref ? this.prefByName.get(pref)!.name : null;
    const lookup = (n: string) => (this.byName.get(n) ?? []).filter((m) => prefName === null || m.prefName === prefName);
    // 郡 (district) names are not part of a town's name: 利根郡川場村 → 川場村.
    let found = lookup(name);
    if (found.length === 0 && /郡./.test(name)) found = lookup(name.replace(/^.+?郡/, ''));
    const shown = prefecture && !v.startsWith(prefecture) ? `${prefecture}${v}` : v;
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      return {
        code: 'ambiguous_name',
        field,
        message: `${field}: ${shown} is the name of ${found.length} municipalities (${found.map((m) => `${m.prefName}${m.name} ${m.code}`).join(', ')}); add the prefecture, e.g. ${found[0]!.prefName}${found[0]!.name}, or give the code`,
      };
    }
    return {
      code: 'unknown_name',
      field,
      message: `${field}: no current municipality is called ${shown}; check the spelling, use today's name for merged municipalities (e.g. 川口町 → 長岡市), or give the code`,
    };
  }
}

/** A checked row ready to write. */
interface ValidRow {
  line: number;
  a: Resolved;
  b: Resolved;
  kind: ExchangeKind;
  sinceYear: number | null;
  agreement: string | null;
  note: string | null;
  source: string | null;
}

/** Parses a year cell: "1995", "1995年", "1995-04-01", "1995/4/1"; '' → null. */
function parseYear(cell: string): number | null | 'bad' {
  const v = cell.normalize('NFKC').trim().replace(/年$/, '');
  if (v === '') return null;
  const m = /^(\d{4})(?:[-/.]\d{1,2}(?:[-/.]\d{1,2})?)?$/.exec(v);
  if (!m) return 'bad';
  const y = Number(m[1]);
  return y >= 1850 && y <= new Date().getFullYear() + 1 ? y : 'bad';
}

/**
 * Checks every data row of a parsed CSV: both partners resolved, kind known, year valid, no self-pair, no
 * duplicate within the file or of an agreement already stored (`existing`: pair key → id).
 */
export function checkRows(
  records: string[][],
  lines: number[],
  columns: Partial<Record<ColumnKey, number>>,
  directory: PartnerDirectory,
  existing: ReadonlyMap<string, string>,
): { report: ImportRow[]; valid: ValidRow[] } {
  const report: ImportRow[] = [];
  const valid: ValidRow[] = [];
  const seen = new Map<string, number>();
  records.forEach((cells, i) => {
    const line = lines[i]!;
    const cell = (key: ColumnKey) => (columns[key] === undefined ? '' : (cells[columns[key]!] ?? '').trim());
    const problems: ImportProblem[] = [];
    const side = (field: 'a' | 'b') => {
      const code = cell(field === 'a' ? 'aCode' : 'bCode');
      const r = code ? directory.resolve(code, '', field, true) : directory.resolve(cell(field === 'a' ? 'aName' : 'bName'), cell(field === 'a' ? 'aPref' : 'bPref'), field, false);
      if ('message' in r) {
        problems.push(r);
        return null;
      }
      return r;
    };
    const a = side('a');
    const b = side('b');
    const kindCell = cell('kind');
    const kind = parseKind(kindCell);
    if (!kind)
      problems.push({
        code: kindCell ? 'unknown_kind' : 'missing_value',
        field: 'kind',
        message: `kind: ${kindCell ? `'${kindCell}' is not a kind` : 'empty'}; use one of ${exchangeKinds.join(', ')} (or 姉妹都市, 友好都市, 縁組協定, 災害時相互応援協定, 関係人口, その他)`,
      });
    const year = parseYear(cell('year'));
    if (year === 'bad') problems.push({ code: 'bad_year', field: 'year', message: `year: '${cell('year')}' is not a year between 1850 and next year (write e.g. 1995)` });
    if (a && b && a.code === b.code) problems.push({ code: 'self_pair', field: 'b', message: `b: ${a.name} cannot partner with itself` });
    if (a && b && kind && a.code !== b.code) {
      const key = pairKey(a.code, b.code, kind);
      if (seen.has(key))
        problems.push({ code: 'duplicate_in_file', field: 'b', message: `this ${kind} agreement of ${a.name} and ${b.name} is already on line ${seen.get(key)} of the file` });
      else if (existing.has(key))
        problems.push({ code: 'duplicate_existing', field: 'b', message: `${a.name} and ${b.name} already have a ${kind} agreement in the atlas (${existing.get(key)})` });
      seen.set(key, seen.get(key) ?? line);
    }
    const brief = (r: Resolved | null) => (r ? { code: r.code, name: r.name, prefName: r.prefName } : null);
    report.push({ line, status: problems.length ? 'error' : 'ok', a: brief(a), b: brief(b), kind, sinceYear: typeof year === 'number' ? year : null, problems, id: null });
    if (!problems.length) {
      valid.push({
        line,
        a: a!,
        b: b!,
        kind: kind!,
        sinceYear: year as number | null,
        agreement: cell('agreement') || null,
        note: cell('note') || null,
        source: cell('source') || null,
      });
    }
  });
  return { report, valid };
}

/**
 * Writes checked rows as origin 'user' agreements with ids u00001…, inside the caller's transaction;
 * any failure (e.g. the unique pair key) aborts the whole transaction. Returns the new ids in row order.
 */
export async function writeImport(run: (sql: string, params?: (string | number | null)[]) => Promise<Row[]>, rows: ValidRow[], importedOn: string): Promise<string[]> {
  const last = await run(`SELECT coalesce(max(CAST(substr(id, 2) AS INTEGER)), 0) AS n FROM exchanges WHERE origin = 'user' AND regexp_matches(id, '^u[0-9]+$')`);
  let next = Number(last[0]!.n) + 1;
  const ids: string[] = [];
  const records: ExchangeRow[] = rows.map((r) => {
    const id = `u${String(next++).padStart(5, '0')}`;
    ids.push(id);
    return {
      id,
      aCode: r.a.code,
      aName: r.a.name,
      aPrefName: r.a.prefName,
      aLon: r.a.lon,
      aLat: r.a.lat,
      aFormerName: null,
      bCode: r.b.code,
      bName: r.b.name,
      bPrefName: r.b.prefName,
      bLon: r.b.lon,
      bLat: r.b.lat,
      bFormerName: null,
      kind: r.kind,
      sinceYear: r.sinceYear,
      agreement: r.agreement,
      source: r.source ?? `user import ${importedOn}`,
      note: r.note,
      network: null,
      networkName: null,
      origin: 'user',
      pairKey: pairKey(r.a.code, r.b.code, r.kind),
    };
  });
  const names = exchangeColumns.map(([name]) => name).join(', ');
  const chunk = 100;
  for (let i = 0; i < records.length; i += chunk) {
    const params: (string | number | null)[] = [];
    const tuples = records
      .slice(i, i + chunk)
      .map((rec) => `(${exchangeColumns.map(([, , key]) => (params.push(rec[key] as string | number | null), `$${params.length}`)).join(', ')})`);
    await run(`INSERT INTO exchanges (${names}) VALUES ${tuples.join(', ')}`, params);
  }
  return ids;
}

const existingKeysSql = 'SELECT pair_key, id FROM exchanges';
const keyMap = (rows: Row[]) => new Map(rows.map((r) => [String(r.pair_key), String(r.id)]));

/**
 * Checks (and unless dryRun, imports) a CSV of agreements. Rows are re-checked inside the write
 * transaction so two uploads of the same file cannot both get in.
 */
export async function importExchanges(db: AtlasDb, bytes: Uint8Array, dryRun: boolean): Promise<ImportReport> {
  if (bytes.byteLength === 0) throw new ApiError(400, 'invalid_csv', 'the request body is empty; send the CSV file as the body (Content-Type: text/csv)');
  if (bytes.byteLength > importLimits.maxBytes)
    throw new ApiError(413, 'payload_too_large', `the CSV is larger than ${importLimits.maxBytes / 1024 / 1024} MiB; split it into smaller files`);
  const { text, encoding } = decodeCsv(bytes);
  if (text.includes('\u0000')) throw new ApiError(400, 'invalid_csv', 'the body is not a text CSV file (it contains binary data)');
  let parsed: { records: string[][]; lines: number[] };
  try {
    parsed = parseCsv(text, 'upload');
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new ApiError(400, 'invalid_csv', `the CSV cannot be read: ${err.message}`);
    throw err;
  }
  const [header = [], ...records] = parsed.records;
  const lines = parsed.lines.slice(1);
  const columns = recogniseColumns(header);
  const data = records.map((r, i) => ({ r, line: lines[i]! })).filter(({ r }) => r.some((c) => c.trim() !== ''));
  if (data.length === 0) throw new ApiError(400, 'invalid_csv', 'the CSV has a header but no rows');
  if (data.length > importLimits.maxRows) throw new ApiError(413, 'payload_too_large', `the CSV has ${data.length} rows; at most ${importLimits.maxRows} are taken at once`);
  const directory = await PartnerDirectory.load(db);
  const columnNames = Object.fromEntries(Object.entries(columns).map(([k, i]) => [k, header[i as number]!]));
  const check = (existing: Map<string, string>) =>
    checkRows(
      data.map((d) => d.r),
      data.map((d) => d.line),
      columns,
      directory,
      existing,
    );
  const summary = (report: ImportRow[], imported: number): ImportReport => ({
    dryRun,
    encoding,
    columns: columnNames,
    rows: report,
    valid: report.filter((r) => r.status === 'ok').length,
    invalid: report.filter((r) => r.status === 'error').length,
    imported,
  });
  if (dryRun) return summary(check(keyMap(await db.all(existingKeysSql))).report, 0);
  return db.transaction(async (run) => {
    const { report, valid } = check(keyMap(await run(existingKeysSql)));
    const ids = await writeImport(run, valid, new Date().toISOString().slice(0, 10));
    const idByLine = new Map(valid.map((v, i) => [v.line, ids[i]!]));
    for (const r of report) r.id = idByLine.get(r.line) ?? null;
    return summary(report, ids.length);
  });
}

export const exchangeRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/exchanges',
    tag: 'exchanges',
    summary:
      'Every known exchange agreement (sister, friendship, partnership, disaster_aid, relationship_population, other) with both partners as points, filtered by partner code, kind, year range and origin.',
    returns:
      '{items:[{id,a:{code,name,prefName,lon,lat,formerName},b,kind,sinceYear,agreement,source,note,origin,network,pairCount}], total}; with from/to, agreements of unknown year are left out',
    query: listQuery,
    handle: ({ deps, query }) => listExchanges(deps.db, query),
  }),
  defineRoute({
    method: 'post',
    path: '/api/exchanges/import',
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
