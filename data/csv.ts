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

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF, a leading BOM) into rows of strings.
 * @example parseCsv('a,b\n"x,1",2') // [['a','b'],['x,1','2']]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows of a CSV with a header line as objects keyed by column name; `line` is the 1-based line in the file. */
export function csvRecords(text: string): { line: number; values: Record<string, string> }[] {
  const [header, ...body] = parseCsv(text);
  if (!header) return [];
  return body
    .map((cells, i) => ({ line: i + 2, cells }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''))
    .map(({ line, cells }) => ({
      line,
      values: Object.fromEntries(header.map((name, j) => [name.trim(), (cells[j] ?? '').trim()])),
    }));
}
