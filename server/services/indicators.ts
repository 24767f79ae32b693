/**
 * Own indicators: a CSV (UTF-8 or Shift_JIS) or .xlsx of one figure per municipality, keyed by code or name (names,
 * former names included, resolved by the one resolver of domain/names through the import's PartnerDirectory), checked
 * row by row and, unless a dry run, saved in the user store. Read back with choropleth classes of domain/scoring.
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { CsvSyntaxError, parseCsv } from '../../domain/csv.ts';
import type { ImportProblem } from '../../domain/records/exchanges.ts';
import type { IndicatorList, IndicatorReport, IndicatorRow, IndicatorSummary, IndicatorValues } from '../../domain/records/indicators.ts';
import type { ClassMethod } from '../../domain/records/metrics.ts';
import { classifyAround } from '../../domain/scoring/classes.ts';
import { type UserIndicatorRow, userTables } from '../../domain/tables.ts';
import type { AtlasDb, Row } from '../db.ts';
import { ApiError } from '../errors.ts';
import { insertRows, userTable } from '../store.ts';
import { decodeCsv } from './exchange-import/decode.ts';
import { PartnerDirectory } from './exchange-import/partners.ts';

/** Largest file accepted (bytes) and most data rows (Japan has 1,741 municipalities). */
export const indicatorLimits = { maxBytes: 2 * 1024 * 1024, maxRows: 5000 };

const table = () => userTable(userTables.userIndicators);

/** Header spellings of the place columns (compared after NFKC, lower case, no spaces, "_" or "-"). */
const placeColumns = {
  code: ['code', 'jiscode', 'citycode', '団体コード', '市区町村コード', '自治体コード', '全国地方公共団体コード', 'コード'],
  name: ['name', 'municipality', 'city', '市区町村', '市区町村名', '自治体', '自治体名', '団体名', '名称'],
  prefecture: ['prefecture', 'pref', '都道府県', '都道府県名'],
} as const;
const valueAliases = ['value', '値', '数値'];

const fold = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/** A file's rows as text cells: the first sheet of an .xlsx (a zip: starts with "PK"), else a CSV in UTF-8 or Shift_JIS. */
async function readTable(bytes: Uint8Array): Promise<{ records: string[][]; lines: number[]; encoding: IndicatorReport['encoding'] }> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    } catch {
      throw new ApiError(400, 'invalid_file', 'the file starts like an .xlsx workbook but cannot be read; save it again from Excel, or as CSV');
    }
    const sheet = book.worksheets[0];
    if (!sheet) throw new ApiError(400, 'invalid_file', 'the workbook has no sheet');
    const records: string[][] = [];
    const lines: number[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: string[] = [];
      for (let i = 1; i <= sheet.columnCount; i++) {
        const cell = row.getCell(i);
        // A formula's cached result, a number as written (no thousands separators), text as typed.
        const v = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
        cells.push(v === null || v === undefined ? '' : typeof v === 'object' ? cell.text : String(v));
      }
      records.push(cells);
      lines.push(n);
    });
    return { records, lines, encoding: 'xlsx' };
  }
  const { text, encoding } = decodeCsv(bytes);
  if (text.includes('\u0000')) throw new ApiError(400, 'invalid_csv', 'the body is neither a CSV text file nor an .xlsx workbook');
  try {
    return { ...parseCsv(text, 'upload'), encoding };
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new ApiError(400, 'invalid_csv', `the CSV cannot be read: ${err.message}`);
    throw err;
  }
}

/** Which column is the code, name, prefecture and value; `valueColumn` names the value column when several could be. */
function recognise(header: string[], valueColumn: string | undefined): { code?: number; name?: number; prefecture?: number; value: number } {
  const found: { code?: number; name?: number; prefecture?: number } = {};
  header.forEach((h, i) => {
    for (const [key, aliases] of Object.entries(placeColumns) as [keyof typeof found, readonly string[]][])
      if (found[key] === undefined && aliases.includes(fold(h))) found[key] = i;
  });
  if (found.code === undefined && found.name === undefined)
    throw new ApiError(
      400,
      'invalid_csv',
      `the header has no column for the municipality: name one column code (or 団体コード) or name (or 市区町村); header found: ${header.join(', ') || '(empty)'}`,
    );
  const place = new Set([found.code, found.name, found.prefecture]);
  let value: number;
  if (valueColumn !== undefined) {
    value = header.findIndex((h) => h.trim() === valueColumn.trim());
    if (value < 0) throw new ApiError(400, 'invalid_input', `query column: the header has no column "${valueColumn}"; header found: ${header.join(', ')}`);
  } else {
    const named = header.findIndex((h) => valueAliases.includes(fold(h)));
    value = named >= 0 ? named : header.findIndex((h, i) => !place.has(i) && h.trim() !== '');
    if (value < 0) throw new ApiError(400, 'invalid_csv', 'the header has no column for the value: add a column (e.g. value or 値) beside the municipality');
  }
  return { ...found, value };
}

/** A number as people write it: 1,234 / １２３４ / 12.5% / -3; '' and '-' are missing; anything else is not a number. */
export function parseFigure(cell: string): number | null | 'bad' {
  const v = cell
    .normalize('NFKC')
    .trim()
    .replace(/[,\s]/g, '')
    .replace(/[%％]$/, '');
  if (v === '' || v === '-' || v === '…' || v === '−') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(v)) return 'bad';
  const n = Number(v);
  return Number.isFinite(n) ? n : 'bad';
}

/** Checks every data row: a municipality (not a prefecture) resolved, a number, no municipality twice. */
function checkRows(records: string[][], lines: number[], cols: ReturnType<typeof recognise>, directory: PartnerDirectory): IndicatorRow[] {
  const seen = new Map<string, number>();
  return records.map((cells, i) => {
    const line = lines[i]!;
    const cell = (k: number | undefined) => (k === undefined ? '' : (cells[k] ?? '').trim());
    const problems: ImportProblem[] = [];
    // Excel drops a code's leading zero (01100 → 1100): four digits in a code column are read with it back.
    const code = /^\d{4}$/.test(cell(cols.code)) ? `0${cell(cols.code)}` : cell(cols.code);
    const pref = cell(cols.prefecture);
    const name = cell(cols.name);
    const writtenPlace = cell(cols.code) || (pref && !name.startsWith(pref) ? `${pref}${name}` : name);
    const found = code ? directory.resolve(code, '', 'place', true) : directory.resolve(name, pref, 'place', false);
    let place: IndicatorRow['place'] = null;
    if ('message' in found) problems.push(found);
    else if (found.code.endsWith('000'))
      problems.push({ code: 'unknown_name', field: 'place', written: writtenPlace, message: `place: ${writtenPlace} is a prefecture; give a municipality` });
    else {
      place = { code: found.code, name: found.name, prefName: found.prefName, ...(found.via ? { via: found.via } : {}) };
      if (seen.has(found.code))
        problems.push({
          code: 'duplicate_place',
          field: 'place',
          written: writtenPlace,
          message: `place: ${found.prefName}${found.name} is already on line ${seen.get(found.code)}`,
        });
      else seen.set(found.code, line);
    }
    const rawValue = cell(cols.value);
    const value = parseFigure(rawValue);
    if (value === null) problems.push({ code: 'missing_value', field: 'value', written: '', message: 'value: empty' });
    else if (value === 'bad') problems.push({ code: 'bad_number', field: 'value', written: rawValue, message: `value: '${rawValue}' is not a number (write e.g. 1234.5)` });
    return {
      line,
      status: problems.length ? 'error' : 'ok',
      written: { place: writtenPlace, value: rawValue },
      place,
      value: typeof value === 'number' ? value : null,
      problems,
    };
  });
}

/** What the upload says about the indicator (from the query). */
export interface IndicatorMeta {
  name?: string;
  unit?: string;
  note?: string;
  fileName?: string;
  column?: string;
}

/** A saved indicator with its values read: what the list, the detail and backups (user-data.ts) are made from. */
export type StoredIndicator = Omit<UserIndicatorRow, 'valuesJson'> & { values: Record<string, number> };

/** One `user_indicators` row as a StoredIndicator. */
export const indicatorFromRow = (r: Row): StoredIndicator => ({
  id: String(r.id),
  name: String(r.name),
  unit: String(r.unit),
  note: String(r.note),
  fileName: String(r.file_name),
  createdAt: String(r.created_at),
  values: JSON.parse(String(r.values_json)) as Record<string, number>,
});

const summaryOf = ({ values, ...rest }: StoredIndicator): IndicatorSummary => ({ ...rest, count: Object.keys(values).length });

/**
 * Checks (and unless dryRun, saves) an indicator file. Rows with problems are reported and left out; the valid rows
 * are saved as one indicator in one transaction.
 */
export async function uploadIndicator(db: AtlasDb, bytes: Uint8Array, meta: IndicatorMeta, dryRun: boolean): Promise<IndicatorReport> {
  if (bytes.byteLength === 0) throw new ApiError(400, 'invalid_csv', 'the request body is empty; send the CSV or .xlsx file as the body');
  if (bytes.byteLength > indicatorLimits.maxBytes)
    throw new ApiError(413, 'payload_too_large', `the file is larger than ${indicatorLimits.maxBytes / 1024 / 1024} MiB; one value per municipality fits in far less`);
  const { records, lines, encoding } = await readTable(bytes);
  const [header = [], ...rest] = records;
  const cols = recognise(header, meta.column);
  const data = rest.map((r, i) => ({ r, line: lines[i + 1]! })).filter(({ r }) => r.some((c) => c.trim() !== ''));
  if (data.length === 0) throw new ApiError(400, 'invalid_csv', 'the file has a header but no rows');
  if (data.length > indicatorLimits.maxRows) throw new ApiError(413, 'payload_too_large', `the file has ${data.length} rows; at most ${indicatorLimits.maxRows} are taken`);
  const directory = await PartnerDirectory.load(db);
  const rows = checkRows(
    data.map((d) => d.r),
    data.map((d) => d.line),
    cols,
    directory,
  );
  const valid = rows.filter((r) => r.status === 'ok');
  const columns = Object.fromEntries(Object.entries(cols).flatMap(([k, i]) => (i === undefined ? [] : [[k, header[i]!]])));
  const report: IndicatorReport = { dryRun, encoding, columns, rows, valid: valid.length, invalid: rows.length - valid.length, indicator: null };
  if (dryRun || valid.length === 0) return report;
  const saved: StoredIndicator = {
    id: `ind-${randomBytes(5).toString('hex')}`,
    name: (meta.name?.trim() || header[cols.value]!.trim() || meta.fileName || 'indicator').slice(0, 80),
    unit: (meta.unit ?? '').trim().slice(0, 20),
    note: (meta.note ?? '').trim().slice(0, 500),
    fileName: (meta.fileName ?? '').slice(0, 200),
    createdAt: new Date().toISOString(),
    values: Object.fromEntries(valid.map((r) => [r.place!.code, r.value!])),
  };
  const { values, ...fields } = saved;
  const row: UserIndicatorRow = { ...fields, valuesJson: JSON.stringify(values) };
  await db.transaction((run) => insertRows(run, userTables.userIndicators, [row]));
  report.indicator = summaryOf(saved);
  return report;
}

/** Every saved indicator, oldest first. */
export async function listIndicators(db: AtlasDb): Promise<IndicatorList> {
  return { items: (await db.all(`SELECT * FROM ${table()} ORDER BY created_at, id`)).map((r) => summaryOf(indicatorFromRow(r))) };
}

/** One indicator's values with class breaks (the classification of the built-in metrics); 404 naming the list. */
export async function indicatorValues(db: AtlasDb, id: string, classes: number, method: ClassMethod): Promise<IndicatorValues> {
  const row = await db.one(`SELECT * FROM ${table()} WHERE id = $1`, [id]);
  if (!row) throw new ApiError(404, 'not_found', `no indicator "${id}"; GET /api/indicators lists them`);
  const saved = indicatorFromRow(row);
  const values = saved.values;
  const finite = Object.values(values).filter(Number.isFinite);
  const distinct = new Set(finite).size;
  return {
    ...summaryOf(saved),
    method,
    values,
    // One value everywhere is one class; otherwise never more classes than distinct values.
    breaks: distinct < 2 ? [Math.max(...finite)] : classifyAround(finite, Math.min(classes, distinct), method),
    min: Math.min(...finite),
    max: Math.max(...finite),
  };
}

/** Deletes an indicator; 404 for an unknown id. */
export async function deleteIndicator(db: AtlasDb, id: string): Promise<{ deleted: string }> {
  if (!(await db.one(`SELECT id FROM ${table()} WHERE id = $1`, [id]))) throw new ApiError(404, 'not_found', `no indicator "${id}"`);
  await db.transaction((run) => run(`DELETE FROM ${table()} WHERE id = $1`, [id]));
  return { deleted: id };
}
