/**
 * The exchange import service: a user's own agreements from a CSV (UTF-8 or Shift_JIS), checked row by row and, unless
 * it is a dry run, written in one transaction to the user store (origin 'user'). The route only parses the request.
 */
import { CsvSyntaxError, parseCsv } from '../../../domain/csv.ts';
import type { ImportReport, ImportRow } from '../../../domain/records/exchanges.ts';
import { type ImportedExchangeRow, pairKey, userTables } from '../../../domain/tables.ts';
import type { AtlasDb, Row } from '../../db.ts';
import { ApiError } from '../../errors.ts';
import { type Run, insertRows, userTable } from '../../store.ts';
import { decodeCsv } from './decode.ts';
import { PartnerDirectory } from './partners.ts';
import { type ValidRow, checkRows, recogniseColumns } from './rows.ts';

/** Largest CSV accepted (bytes) and most data rows: a prefecture's agreements fit many times over. */
export const importLimits = { maxBytes: 1024 * 1024, maxRows: 5000 };

/**
 * Writes checked rows to the user store as agreements with ids u00001…, inside the caller's transaction;
 * any failure (e.g. the unique pair key) aborts the whole transaction. Returns the new ids in row order.
 */
export async function writeImport(run: Run, rows: ValidRow[], importedOn: string): Promise<string[]> {
  const table = userTable(userTables.importedExchanges);
  const last = await run(`SELECT coalesce(max(CAST(substr(id, 2) AS INTEGER)), 0) AS n FROM ${table} WHERE regexp_matches(id, '^u[0-9]+$')`);
  let next = Number(last[0]!.n) + 1;
  const records: ImportedExchangeRow[] = rows.map((r) => ({
    id: `u${String(next++).padStart(5, '0')}`,
    aCode: r.a.code,
    bCode: r.b.code,
    // A partner named by a former name keeps it, as seed agreements do (川口町 for 長岡市).
    aFormerName: r.a.via?.kind === 'former' ? r.a.via.written : null,
    bFormerName: r.b.via?.kind === 'former' ? r.b.via.written : null,
    kind: r.kind,
    sinceYear: r.sinceYear,
    agreement: r.agreement,
    source: r.source ?? `user import ${importedOn}`,
    note: r.note,
    pairKey: pairKey(r.a.code, r.b.code, r.kind),
    importedAt: importedOn,
  }));
  await insertRows(run, userTables.importedExchanges, records);
  return records.map((r) => r.id);
}

// Keys of every agreement shown, and of imports hidden because a partner is missing from this build (still stored).
const existingKeysSql = `SELECT pair_key, id FROM exchanges UNION SELECT pair_key, id FROM ${userTable(userTables.importedExchanges)}`;
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
