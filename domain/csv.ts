/**
 * A small RFC 4180 CSV reader and writer: the project's seed files and compiled fact tables
 * ({@link parseCsv}, {@link formatCsv}), and every CSV a user downloads ({@link formatSpreadsheetCsv}).
 *
 * Why not a package: the seeds are small, UTF-8 and ours; a hundred lines we can test beat a
 * dependency. Handles a UTF-8 byte-order mark, CRLF or LF line ends, quoted fields with commas,
 * doubled quotes and line breaks inside quotes, and a missing final newline.
 *
 * @example
 * const { records } = parseCsv('code,name\n"01400",倶知安町\n');
 * // records = [['code', 'name'], ['01400', '倶知安町']]
 */

/** Thrown for text that is not valid CSV; `line` is 1-based. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file} line ${line}: ${detail}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Parsed CSV: every record's fields and the 1-based line on which each record starts. */
export interface ParsedCsv {
  records: string[][];
  lines: number[];
}

/**
 * Parses CSV text into records. Empty lines between records are skipped (they carry no data);
 * an empty line inside quotes is kept as part of the field.
 *
 * @example
 * parseCsv('a,b\r\n"x, y","say ""hi"""\r\n').records // [['a','b'], ['x, y', 'say "hi"']]
 */
export function parseCsv(text: string, file = '<csv>'): ParsedCsv {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  const lines: number[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  // A record is "open" once it has any character; blank lines never open one.
  let open = false;

  const endField = (): void => {
    fields.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    records.push(fields);
    lines.push(recordLine);
    fields = [];
    open = false;
  };

  while (i < src.length) {
    const ch = src[i]!;
    if (!open) {
      if (ch === '\n' || ch === '\r') {
        // Blank line: skip it.
        i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
        line += 1;
        continue;
      }
      open = true;
      recordLine = line;
    }
    if (ch === '"') {
      if (field.length > 0) {
        throw new CsvSyntaxError(file, line, 'a quote inside an unquoted field; quote the whole field and double the inner quotes');
      }
      // Quoted field: read to the closing quote.
      const startLine = line;
      i += 1;
      for (;;) {
        if (i >= src.length) {
          throw new CsvSyntaxError(file, startLine, 'a quoted field is never closed; add the closing quote');
        }
        const c = src[i]!;
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (c === '\n') line += 1;
        if (c === '\r' && src[i + 1] !== '\n') line += 1;
        field += c;
        i += 1;
      }
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(file, line, `unexpected '${next}' after a closing quote; a quoted field must end at a comma or line end`);
      }
      continue;
    }
    if (ch === ',') {
      endField();
      i += 1;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      endRecord();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line += 1;
      continue;
    }
    field += ch;
    i += 1;
  }
  if (open) endRecord();
  return { records, lines };
}

/** Quotes a field when it holds a comma, quote, line break or leading/trailing space. */
export function formatCsvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Writes records as CSV with LF line ends and a final newline (the format of every seed file).
 *
 * @example
 * formatCsv([['code', 'note'], ['01400', 'a, b']]) // 'code,note\n01400,"a, b"\n'
 */
export function formatCsv(records: readonly (readonly string[])[]): string {
  return records.map((r) => r.map(formatCsvField).join(',')).join('\n') + '\n';
}

/**
 * A text cell that a spreadsheet would read as a formula (it begins with =, +, -, @, tab or carriage return)
 * gets a leading apostrophe, so Excel, LibreOffice and Google Sheets show it as text and never run it
 * (OWASP, "CSV Injection"). Other text is returned unchanged.
 * @example neutraliseFormula('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One cell of a download: numbers and booleans as written, text neutralised, nothing for null. */
function spreadsheetCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return formatCsvField(neutraliseFormula(String(value)));
}

/**
 * CSV for people to open in a spreadsheet, the one writer of every CSV the atlas offers for download:
 * UTF-8 with a byte-order mark (Excel reads Japanese), CRLF line ends, every text cell passed through
 * {@link neutraliseFormula} (names, notes and groupings come from users); numbers stay numbers, so -3.5 is
 * still a number.
 * @example formatSpreadsheetCsv(['name', 'change'], [['=1+1', -3.5]]) // "\ufeffname,change\r\n'=1+1,-3.5\r\n"
 */
export function formatSpreadsheetCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `\ufeff${[header, ...rows].map((r) => r.map(spreadsheetCell).join(',')).join('\r\n')}\r\n`;
}
