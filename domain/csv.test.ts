import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, formatCsv, formatCsvField, formatSpreadsheetCsv, neutraliseFormula, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads a plain file with a header', () => {
    expect(parseCsv('code,name\n01400,倶知安町\n').records).toEqual([
      ['code', 'name'],
      ['01400', '倶知安町'],
    ]);
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(parseCsv('\uFEFFcode,name\r\n13112,世田谷区\r\n').records[0]).toEqual(['code', 'name']);
  });

  it('accepts CRLF, LF and a missing final newline', () => {
    expect(parseCsv('a,b\r\n1,2\n3,4').records).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quotes', () => {
    const { records, lines } = parseCsv('id,note\nx1,"a, b"\nx2,"say ""hi"""\nx3,"two\nlines"\nx4,end\n');
    expect(records.slice(1)).toEqual([
      ['x1', 'a, b'],
      ['x2', 'say "hi"'],
      ['x3', 'two\nlines'],
      ['x4', 'end'],
    ]);
    // x4 starts on line 6 because x3's field spans two lines.
    expect(lines).toEqual([1, 2, 3, 4, 6]);
  });

  it('keeps empty fields, including a trailing one and a quoted empty one', () => {
    expect(parseCsv('a,,c,\n"",x,"",\n').records).toEqual([
      ['a', '', 'c', ''],
      ['', 'x', '', ''],
    ]);
  });

  it('skips blank lines between records and counts them in line numbers', () => {
    const { records, lines } = parseCsv('h\n\n1\r\n\r\n2\n');
    expect(records).toEqual([['h'], ['1'], ['2']]);
    expect(lines).toEqual([1, 3, 5]);
  });

  it('keeps leading zeros and spaces as text', () => {
    expect(parseCsv('code\n" 01100 "\n').records[1]).toEqual([' 01100 ']);
  });

  it('reports an unclosed quote with the line where the field starts', () => {
    expect(() => parseCsv('a,b\n1,"open\nstill open\n', 'f.csv')).toThrowError(/f\.csv line 2: a quoted field is never closed/);
  });

  it('rejects a quote inside an unquoted field', () => {
    expect(() => parseCsv('a\nab"c\n')).toThrow(CsvSyntaxError);
  });

  it('rejects text after a closing quote', () => {
    expect(() => parseCsv('a\n"x"y\n', 'g.csv')).toThrowError(/g\.csv line 2: unexpected 'y'/);
  });
});

describe('formatCsv', () => {
  it('quotes only what needs quoting', () => {
    expect(formatCsvField('01400')).toBe('01400');
    expect(formatCsvField('a, b')).toBe('"a, b"');
    expect(formatCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(formatCsvField('two\nlines')).toBe('"two\nlines"');
    expect(formatCsvField(' padded')).toBe('" padded"');
    expect(
      formatCsv([
        ['code', 'note'],
        ['01400', 'a, b'],
      ]),
    ).toBe('code,note\n01400,"a, b"\n');
  });

  it('round-trips any table through parseCsv', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'あ', ',', '"', '\n', '\r', ' ', '0') });
    // A record of one empty field would be a blank line, which the reader skips by design.
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, (records) => {
        expect(parseCsv(formatCsv(records)).records).toEqual(records);
      }),
    );
  });
});

describe('formatSpreadsheetCsv', () => {
  it('neutralises every text cell that a spreadsheet would run as a formula, in any column', () => {
    for (const hostile of ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1+1', '\r=1+1', '=HYPERLINK("http://evil.example","x")']) {
      expect(neutraliseFormula(hostile)).toBe(`'${hostile}`);
      const text = formatSpreadsheetCsv(['a', 'b'], [[hostile, `x${hostile}`]]);
      const [, row] = parseCsv(text.slice(1)).records;
      expect(row[0], JSON.stringify(hostile)).toBe(`'${hostile}`);
      expect(row[1]).toBe(`x${hostile}`);
    }
  });
  it('keeps numbers as numbers and ordinary text unchanged', () => {
    expect(formatSpreadsheetCsv(['name', 'change', 'empty'], [['世田谷区', -3.5, null]])).toBe('\ufeffname,change,empty\r\n世田谷区,-3.5,\r\n');
    expect(neutraliseFormula('a=1')).toBe('a=1');
    expect(neutraliseFormula('')).toBe('');
  });
  it('quotes cells with commas, quotes and line breaks after neutralising', () => {
    expect(formatSpreadsheetCsv(['x'], [['=a,"b"\nc']])).toBe('\ufeffx\r\n"\'=a,""b""\nc"\r\n');
  });
});
