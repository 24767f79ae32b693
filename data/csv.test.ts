import { describe, expect, it } from 'vitest';
import { DataFileError, csvRecords } from './csv.ts';

describe('csvRecords', () => {
  it('keys rows by header and reports file line numbers, skipping blank lines', () => {
    const recs = csvRecords('code,name\n01100,札幌市\n\n13112,世田谷区\n');
    expect(recs).toEqual([
      { line: 2, values: { code: '01100', name: '札幌市' } },
      { line: 4, values: { code: '13112', name: '世田谷区' } },
    ]);
  });
});

describe('DataFileError', () => {
  it('names the file, row and fix', () => {
    expect(new DataFileError('a.csv', 7, 'code "x" is not 5 digits', 'write 01100').message).toBe('a.csv row 7: code "x" is not 5 digits. Fix: write 01100');
  });
});
