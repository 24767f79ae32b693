import { describe, expect, it } from 'vitest';
import { csvRecords, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('handles quotes, commas, doubled quotes, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,b\r\n"x,1","say ""hi"""\n')).toEqual([
      ['a', 'b'],
      ['x,1', 'say "hi"'],
    ]);
  });
  it('keeps newlines inside quoted fields', () => {
    expect(parseCsv('a\n"1\n2"')).toEqual([['a'], ['1\n2']]);
  });
  it('keeps empty trailing fields', () => {
    expect(parseCsv('a,b,\n1,,')).toEqual([
      ['a', 'b', ''],
      ['1', '', ''],
    ]);
  });
});

describe('csvRecords', () => {
  it('keys rows by header and reports file line numbers, skipping blank lines', () => {
    const recs = csvRecords('code,name\n01100,札幌市\n\n13112,世田谷区\n');
    expect(recs).toEqual([
      { line: 2, values: { code: '01100', name: '札幌市' } },
      { line: 4, values: { code: '13112', name: '世田谷区' } },
    ]);
  });
});
