import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SeedError } from './errors.ts';
import { buildSeeds, exchangeKind, splitDate } from './import-facts.ts';
import { Master } from './master.ts';

describe('splitDate', () => {
  it('keeps a leading date and moves the wording to the note', () => {
    expect(splitDate('2024-04-01 (no later designation found as of 2025)')).toEqual(['2024-04-01', 'no later designation found as of 2025']);
    expect(splitDate('2026-04 (planned, 令和8年度から加入予定)')).toEqual(['2026-04', 'planned, 令和8年度から加入予定']);
    expect(splitDate('2019')).toEqual(['2019', '']);
  });

  it('takes the year of an approximate date but keeps the whole text', () => {
    expect(splitDate('c.2020 (joined after 2019 declaration of intent)')).toEqual(['2020', 'c.2020 (joined after 2019 declaration of intent)']);
  });

  it('leaves the date empty for wording without a leading date', () => {
    expect(splitDate('before 2025-07-01')).toEqual(['', 'before 2025-07-01']);
    expect(splitDate('new FY after signing (date not in excerpt)')).toEqual(['', 'new FY after signing (date not in excerpt)']);
    expect(splitDate('')).toEqual(['', '']);
  });
});

describe('exchangeKind', () => {
  it('turns a named agreement of kind other into a partnership', () => {
    expect(exchangeKind('other', '区民健康村相互協力に関する協定(縁組協定)')).toBe('partnership');
    expect(exchangeKind('other', '三市連携交流提携書 (2007-08-04)')).toBe('partnership');
    expect(exchangeKind('other', '相互交流宣言 (2012-03-20)')).toBe('partnership');
  });

  it('keeps other when the agreement is only a label or lies in a parenthesis', () => {
    expect(exchangeKind('other', '国内交流都市 (18都市, 2009)')).toBe('other');
    expect(exchangeKind('other', '交流自治体 (協定宿泊施設)')).toBe('other');
    expect(exchangeKind('other', '姉妹郵便局盟約 (武雄郵便局–雄武郵便局)')).toBe('other');
    expect(exchangeKind('sister', '姉妹都市提携')).toBe('sister');
  });
});

describe('buildSeeds errors', () => {
  const master = new Master([{ code: '34207', prefecture: '広島県', name: '福山市' }]);

  it('names the fact file, the row and the alias table for a name that does not resolve', () => {
    const dir = mkdtempSync(join(tmpdir(), 'facts-'));
    writeFileSync(
      join(dir, 'renkei_chusu_toshiken.csv'),
      'region_name,center_city,prefecture,member_municipality,member_prefecture,role,joined,as_of,source,note\n' +
        '備後圏域,福山市,広島県,福山市,広島県,center,2015-03-25,2024-04-01,s,\n' +
        '備後圏域,福山市,広島県,X町,広島県,member,,2024-04-01,s,\n',
    );
    let error: unknown;
    try {
      buildSeeds(master, dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeedError);
    const err = error as SeedError;
    expect(err.file).toBe('facts/renkei_chusu_toshiken.csv');
    expect(err.row).toBe(3);
    expect(err.message).toContain("'X町' (広島県) matches no municipality");
    expect(err.message).toContain('domain/names/aliases.ts');
  });

  it('refuses a missing facts folder with a hint', () => {
    expect(() => buildSeeds(master, join(tmpdir(), 'no-such-facts-dir'))).toThrowError(/RENKEI_FACTS_DIR/);
  });
});
