/**
 * File exports of what the user sees: tables as CSV (written by domain/csv.ts: UTF-8 with BOM, formulas neutralised) or
 * Excel (.xlsx by web/ui/xlsx.ts: codes as text, numbers as numbers, loaded on demand), and GeoJSON.
 */
import { formatSpreadsheetCsv } from '../../domain/csv.ts';
import { type Html, html } from './html.ts';

/** Downloads a Blob as a file (also used by "Save image"). */
export function download(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The file of a table download; every CSV the client offers goes through here.
 * @example csvBlob(['name'], [['=1+1']]) // a text/csv Blob holding "\ufeffname\r\n'=1+1\r\n"
 */
export function csvBlob(header: string[], rows: unknown[][]): Blob {
  return new Blob([formatSpreadsheetCsv(header, rows)], { type: 'text/csv;charset=utf-8' });
}

/** The two files a table is offered as. */
export type TableFormat = 'csv' | 'xlsx';

/**
 * Downloads a table as `${name}.csv` (UTF-8 with BOM, formulas neutralised) or `${name}.xlsx` (exceljs fetched on
 * first use, so it never weighs on the first page).
 * @example await downloadTable('renkei-atlas-population', 'xlsx', ['code', 'population'], [['01100', 1973395]])
 */
export async function downloadTable(name: string, format: TableFormat, header: string[], rows: unknown[][]): Promise<void> {
  if (format === 'csv') return download(`${name}.csv`, csvBlob(header, rows));
  const { xlsxBlob } = await import('./xlsx.ts');
  download(`${name}.xlsx`, await xlsxBlob(header, rows));
}

/**
 * A table's pair of download buttons (CSV and Excel), each marked with data-export="csv|xlsx" for {@link onExport}.
 * @example exportButtons('ex', t('CSVで書き出す', 'Export CSV')) // buttons #ex-csv and #ex-xlsx
 */
export function exportButtons(id: string, csvText: string, title = ''): Html {
  return html`<button type="button" class="btn secondary" id="${id}-csv" data-export="csv" title="${title}">${csvText}</button><button type="button" class="btn secondary" id="${id}-xlsx" data-export="xlsx" title="${title}">Excel (.xlsx)</button>`;
}

/** Calls `save` with the format of whichever of `exportButtons(id)` is clicked inside `root`; errors go to `fail`. */
export function onExport(root: ParentNode, id: string, save: (format: TableFormat) => Promise<void> | void, fail: (err: Error) => void): void {
  for (const format of ['csv', 'xlsx'] as const) {
    root.querySelector(`#${id}-${format}`)?.addEventListener('click', () => {
      void Promise.resolve()
        .then(() => save(format))
        .catch(fail);
    });
  }
}

/** Downloads a GeoJSON FeatureCollection. */
export function downloadGeoJson(filename: string, collection: GeoJSON.FeatureCollection): void {
  download(filename, new Blob([JSON.stringify(collection)], { type: 'application/geo+json' }));
}
