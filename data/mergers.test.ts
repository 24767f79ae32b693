import { describe, expect, it } from 'vitest';
import { parseMunicipalEvents } from './municipal-changes.ts';
import { mergersSince } from './mergers.ts';

const header = '"date","type","from_code","from_pref","from_gun","from_name","to_code","to_pref","to_gun","to_name","event"';
const row = (date: string, type: string, from: string, fromName: string, to: string, toName: string) =>
  `"${date}","${type}","${from}","p",NA,"${fromName}","${to}","p",NA,"${toName}","e"`;

describe('mergersSince', () => {
  const text = [
    header,
    // Before 1999: not a 合併市 in the 要綱's sense.
    row('1975-02-01', '編入合併', '34502', '加茂町', '34207', '福山市'),
    row('2006-03-01', '編入合併', '34501', '神辺町', '34207', '福山市'),
    // Two towns form a new town (2005) that later becomes a city with a new code (2010).
    row('2005-03-01', '新設合併', '01001', '甲町', '01003', '丙町'),
    row('2005-03-01', '新設合併', '01002', '乙町', '01003', '丙町'),
    row('2010-10-01', '市制施行', '01003', '丙町', '01299', '丙市'),
    // A town absorbed by a designated city's ward rolls up to the city.
    row('2008-04-01', '編入合併', '22341', '蒲原町', '22103', '静岡市清水区'),
    row('2010-01-01', '名称変更', '40001', '旧村', '40002', '新村'),
  ].join('\n');
  const rows = mergersSince(
    parseMunicipalEvents(text, 'events.csv'),
    new Map([
      ['34207', '福山市'],
      ['01299', '丙市'],
      ['22100', '静岡市'],
    ]),
  );
  it('lists mergers since 1999-04 under today’s code, the absorbing city included as a former one', () => {
    expect(rows.filter((r) => r.code === '34207').map((r) => [r.mergedOn, r.formerName])).toEqual([
      ['2006-03-01', '福山市'],
      ['2006-03-01', '神辺町'],
    ]);
  });
  it('follows a later change of code, rolls a ward up to its city, ignores renamings', () => {
    expect(rows.filter((r) => r.code === '01299').map((r) => r.formerName)).toEqual(['甲町', '乙町']);
    expect(rows.find((r) => r.formerName === '蒲原町')?.code).toBe('22100');
    expect(rows.some((r) => r.formerName === '旧村')).toBe(false);
  });
});
