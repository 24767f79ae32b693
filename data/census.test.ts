import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DataFileError, csvRecords } from './csv.ts';
import { decodeShiftJis, deriveCensusMetrics, parseSsdse, ssdseItems } from './census.ts';
import { sourceFiles } from './sources.ts';
import { besideSource, localSource } from '../tests/helpers/sources.ts';

const codes = Object.values(ssdseItems);
function fixture(dataRows: string[]): string {
  return [
    `SSDSE-A-2026,Prefecture,Municipality,${codes.join(',')}`,
    `,,年度,${codes.map(() => 2020).join(',')}`,
    `地域コード,都道府県,市区町村,${codes.join(',')}`,
    ...dataRows,
  ].join('\r\n');
}
const good = `R13112,東京都,世田谷区,${[943664, 100000, 600000, 200000, 480000, 5805, 500000, 1000, 60000, 400000, 300000].join(',')}`;

describe('parseSsdse', () => {
  it('reads Shift_JIS bytes with the three header rows as shipped', () => {
    const bytes = iconv.encode(fixture([good]), 'cp932');
    const rows = parseSsdse(decodeShiftJis(bytes), 'fixture.csv');
    const setagaya = rows.get('13112')!;
    expect(setagaya.name).toBe('世田谷区');
    expect(setagaya.prefName).toBe('東京都');
    expect(setagaya.items.population).toBe(943664);
  });

  it('names the file, row and fix for a malformed value', () => {
    const bad = good.replace('943664', 'x');
    expect(() => parseSsdse(fixture([good.replace('R13112', 'R13113'), bad]), 'fixture.csv')).toThrowError(
      /fixture\.csv row 5: column A1101 \(population\) of 13112 is "x", not a number\. Fix: /,
    );
  });

  it('rejects a malformed code and a duplicate code', () => {
    expect(() => parseSsdse(fixture([good.replace('R13112', '13112')]), 'f.csv')).toThrow(DataFileError);
    expect(() => parseSsdse(fixture([good, good]), 'f.csv')).toThrow(/appears twice/);
  });

  it('rejects a file that is not SSDSE-A', () => {
    expect(() => parseSsdse('a,b\n1,2\n3,4\n5,6', 'other.csv')).toThrow(/not an SSDSE-A edition label/);
  });
});

describe('deriveCensusMetrics', () => {
  it('returns null shares instead of NaN where the base is zero', () => {
    const row = parseSsdse(fixture([good]), 'f.csv').get('13112')!;
    const zero = {
      ...row,
      items: { ...row.items, population: 0, age0to14: 0, age15to64: 0, age65plus: 0, employedPrimary: 0, employedSecondary: 0, employedTertiary: 0, employed: 0 },
    };
    const m = deriveCensusMetrics(zero, 0);
    expect(m.popChangePct).toBeNull();
    expect(m.share65plus).toBeNull();
    expect(m.jobsPerResident).toBeNull();
  });
});

describe('the real SSDSE-A 2026 file', () => {
  it('matches the 2020 census total and the publisher-side derived indicators', () => {
    const path = localSource(sourceFiles.census2020);
    const rows = parseSsdse(decodeShiftJis(readFileSync(path)), 'SSDSE-A-2026.csv');
    expect(rows.size).toBe(1741);
    const total = [...rows.values()].reduce((s, r) => s + r.items.population, 0);
    expect(total).toBe(126_146_099);
    const indicators = csvRecords(readFileSync(besideSource(sourceFiles.census2020, /raw\/SSDSE-A-2026\.csv$/, 'municipality_indicators.csv'), 'utf8'));
    for (const { values } of indicators.slice(0, 200)) {
      const m = deriveCensusMetrics(rows.get(values.code)!, Number(values.pop_2015));
      expect(m.population).toBe(Number(values.pop_2020));
      if (values.share_65plus_pct) expect(m.share65plus).toBeCloseTo(Number(values.share_65plus_pct), 1);
      if (values.share_primary_pct) expect(m.sharePrimary).toBeCloseTo(Number(values.share_primary_pct), 1);
    }
  });
});
