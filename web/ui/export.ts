/**
 * File exports of what the user sees: CSV (UTF-8 with BOM, so Excel opens Japanese correctly) and GeoJSON.
 */

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

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * CSV text with a BOM: a header row, then one row per record.
 * @example toCsv(['code', 'name'], [['13112', '世田谷区']]) // '\ufeffcode,name\r\n13112,世田谷区\r\n'
 */
export function toCsv(header: string[], rows: unknown[][]): string {
  return `\ufeff${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Downloads a table as CSV (UTF-8 with BOM). */
export function downloadCsv(filename: string, header: string[], rows: unknown[][]): void {
  download(filename, new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
}

/** Downloads a GeoJSON FeatureCollection. */
export function downloadGeoJson(filename: string, collection: GeoJSON.FeatureCollection): void {
  download(filename, new Blob([JSON.stringify(collection)], { type: 'application/geo+json' }));
}
