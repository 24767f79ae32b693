import { parseCsv } from '../domain/csv.ts';

/** A parse or validation problem in an input file, with the place to look and what to do. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly row: number | null,
    problem: string,
    readonly fix: string,
  ) {
    super(`${file}${row === null ? '' : ` row ${row}`}: ${problem}. Fix: ${fix}`);
    this.name = 'DataFileError';
  }
}

/** Rows of a CSV with a header line as objects keyed by column name; `line` is the 1-based line in the file. */
export function csvRecords(text: string, file = '<csv>'): { line: number; values: Record<string, string> }[] {
  const { records, lines } = parseCsv(text, file);
  const [header, ...body] = records;
  if (!header) return [];
  return body
    .map((cells, i) => ({ line: lines[i + 1], cells }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''))
    .map(({ line, cells }) => ({
      line,
      values: Object.fromEntries(header.map((name, j) => [name.trim(), (cells[j] ?? '').trim()])),
    }));
}
