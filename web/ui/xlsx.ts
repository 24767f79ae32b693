/**
 * Tables as Excel workbooks (.xlsx, written by exceljs). Loaded only when a user asks for one (web/ui/export.ts imports
 * this module dynamically), so exceljs is not part of the first page's JavaScript.
 *
 * Why beside the CSV: Excel opens a CSV by guessing each cell's type, so 01100 becomes 1100. Here every cell's type is
 * decided by the value: text (codes, names, anything a user wrote) is a string cell — never a formula, so '=1+1' stays
 * the four characters typed — and numbers are number cells.
 */
import ExcelJS from 'exceljs';

/** One cell: numbers (and bigints) as numbers, booleans as booleans, nothing for null, everything else as text. */
function cellValue(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value;
  return String(value);
}

/**
 * The bytes of a one-sheet workbook: a bold, frozen header row and the rows below it.
 * @example await xlsxBytes(['code', 'population'], [['01100', 1973395]]) // A2 is the text '01100', B2 the number 1973395
 */
export async function xlsxBytes(header: readonly string[], rows: readonly (readonly unknown[])[], sheetName = 'data'): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Renkei Atlas';
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...header]).font = { bold: true };
  for (const row of rows) {
    const added = sheet.getRow(sheet.rowCount + 1);
    row.forEach((v, i) => {
      // Assigned cell by cell with an explicit type: a string is never parsed (no formulas, no dates, no numbers).
      const value = cellValue(v);
      if (value !== null) added.getCell(i + 1).value = value;
    });
    added.commit();
  }
  header.forEach((h, i) => {
    const widest = Math.max(h.length, ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
    sheet.getColumn(i + 1).width = Math.min(40, Math.max(8, widest * 1.6));
  });
  return new Uint8Array(await book.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
}

/** The workbook as a Blob to download. */
export async function xlsxBlob(header: readonly string[], rows: readonly (readonly unknown[])[]): Promise<Blob> {
  return new Blob([await xlsxBytes(header, rows)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
