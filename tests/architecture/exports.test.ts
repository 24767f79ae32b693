/**
 * Every CSV the atlas hands to people is written by domain/csv.ts's formatSpreadsheetCsv (formulas
 * neutralised, BOM, CRLF): a file that makes a CSV download (a Blob or File typed text/csv in web/, a
 * response typed text/csv in server/) must use it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** Whether a source makes a CSV for download, and whether it writes it with the one spreadsheet writer. */
function csvExport(file: string, text: string): { makesCsv: boolean; usesWriter: boolean } {
  const makesCsv = file.startsWith('web/') ? /\btype:\s*['"`]text\/csv/.test(text) : /['"]content-type['"]\s*:\s*['"`]text\/csv/i.test(text);
  return { makesCsv, usesWriter: /\bformatSpreadsheetCsv\b/.test(text) };
}

describe('CSV exports', () => {
  it('are all written by formatSpreadsheetCsv', () => {
    const makers = ['web', 'server'].flatMap(sourceFiles).map((f) => ({ file: f, ...csvExport(f, readFileSync(join(root, f), 'utf8')) }));
    expect(makers.filter((m) => m.makesCsv).map((m) => m.file)).toContain('web/ui/export.ts');
    expect(makers.filter((m) => m.makesCsv && !m.usesWriter).map((m) => m.file)).toEqual([]);
  });
  it('spots a CSV made without the writer', () => {
    expect(csvExport('web/views/x.ts', "download('a.csv', new Blob([rows.join('\\n')], { type: 'text/csv' }))")).toEqual({ makesCsv: true, usesWriter: false });
    expect(csvExport('server/routes/x.ts', "c.body(text, 200, { 'content-type': 'text/csv; charset=utf-8' })").makesCsv).toBe(true);
    expect(csvExport('web/views/exchanges.ts', "fetch(u, { headers: { 'content-type': 'text/csv' }, body })").makesCsv).toBe(false);
  });
});
