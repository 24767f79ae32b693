/**
 * File exports of what the user sees: CSV (written by domain/csv.ts: UTF-8 with BOM, formulas neutralised) and GeoJSON.
 */
import { formatSpreadsheetCsv } from '../../domain/csv.ts';

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

/** Downloads a table as CSV (UTF-8 with BOM, formulas neutralised). */
export function downloadCsv(filename: string, header: string[], rows: unknown[][]): void {
  download(filename, csvBlob(header, rows));
}

/** Downloads a GeoJSON FeatureCollection. */
export function downloadGeoJson(filename: string, collection: GeoJSON.FeatureCollection): void {
  download(filename, new Blob([JSON.stringify(collection)], { type: 'application/geo+json' }));
}
