import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxBytes } from './xlsx.ts';

/** The first sheet of a workbook read back with exceljs, as Excel would open it. */
async function readBack(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return book.worksheets[0]!;
}

describe('xlsxBytes', () => {
  it('keeps a code as text with its leading zero and a population as a number', async () => {
    const sheet = await readBack(await xlsxBytes(['code', 'name', 'population'], [['01100', '札幌市', 1973395]]));
    expect(sheet.getCell('A1').value).toBe('code');
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A2').value).toBe('01100');
    expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('C2').value).toBe(1973395);
  });
  it('writes text a user typed as =1+1 as a string cell, never a formula', async () => {
    const sheet = await readBack(
      await xlsxBytes(
        ['region_name', 'note'],
        [
          ['=1+1', '@SUM(A1)'],
          ['-3', '+81'],
        ],
      ),
    );
    for (const ref of ['A2', 'B2', 'A3', 'B3']) expect(sheet.getCell(ref).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A2').value).toBe('=1+1');
    expect(sheet.getCell('A2').formula).toBeUndefined();
    expect(sheet.getCell('A3').value).toBe('-3');
  });
  it('leaves missing values empty and writes negative numbers and booleans as such', async () => {
    const sheet = await readBack(await xlsxBytes(['a', 'b', 'c', 'd'], [[null, -3.5, true, Number.NaN]]));
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.Null);
    expect(sheet.getCell('B2').value).toBe(-3.5);
    expect(sheet.getCell('C2').value).toBe(true);
    expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Null);
  });
});
