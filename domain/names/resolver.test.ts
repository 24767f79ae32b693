import { describe, expect, it } from 'vitest';
import { type FormerName, NameResolver } from './resolver.ts';

const places = [
  { code: '15202', name: '長岡市', prefName: '新潟県' },
  { code: '01233', name: '伊達市', prefName: '北海道' },
  { code: '07213', name: '伊達市', prefName: '福島県' },
  { code: '39405', name: '檮原町', prefName: '高知県' },
  { code: '08208', name: '龍ケ崎市', prefName: '茨城県' },
  { code: '10448', name: '川場村', prefName: '群馬県' },
  { code: '03205', name: '花巻市', prefName: '岩手県' },
  { code: '07210', name: '二本松市', prefName: '福島県' },
  { code: '19201', name: '甲府市', prefName: '山梨県' },
  { code: '19430', name: '富士河口湖町', prefName: '山梨県' },
  { code: '21206', name: '中津川市', prefName: '岐阜県' },
];
const former: FormerName[] = [
  { prefecture: '新潟県', name: '川口町', code: '15202', date: '2010-03-31', change: '編入合併' },
  { prefecture: '岩手県', name: '東和町', code: '03205', date: '2006-01-01', change: '新設合併' },
  { prefecture: '福島県', name: '東和町', code: '07210', date: '2005-12-01', change: '新設合併' },
  { prefecture: '山梨県', name: '上九一色村', code: '19201', date: '2006-03-01', change: '編入合併' },
  { prefecture: '山梨県', name: '上九一色村', code: '19430', date: '2006-03-01', change: '編入合併' },
  { prefecture: '長野県', name: '山口村', code: '21206', date: '2005-02-13', change: '編入合併' },
  { prefecture: '新潟県', name: '消えた町', code: '99999', date: '2000-01-01', change: '編入合併' },
];
const resolver = new NameResolver(places, former);
const codeOf = (name: string, pref?: string) => {
  const r = resolver.resolve(name, pref);
  return r.ok ? r.code : r.reason;
};

describe('NameResolver', () => {
  it('resolves today’s names, within a prefecture or with the prefecture written first', () => {
    expect(codeOf('長岡市')).toBe('15202');
    expect(codeOf('伊達市', '北海道')).toBe('01233');
    expect(codeOf('伊達市', '福島')).toBe('07213');
    expect(codeOf('福島県伊達市')).toBe('07213');
    expect(codeOf('群馬県利根郡川場村')).toBe('10448');
    expect(codeOf('伊達市', '10')).toBe('none');
  });
  it('reports a name shared by several places as ambiguous with every candidate', () => {
    const r = resolver.resolve('伊達市');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('ambiguous');
    expect(!r.ok && r.candidates.map((c) => `${c.prefName}${c.name}`)).toEqual(['北海道伊達市', '福島県伊達市']);
  });
  it('resolves variant spellings and says so', () => {
    const r = resolver.resolve('梼原町', '高知県');
    expect(r).toMatchObject({ ok: true, code: '39405', name: '檮原町', via: { kind: 'variant', written: '梼原町' } });
    expect(codeOf('竜ヶ崎市')).toBe('08208');
    expect(resolver.resolve('檮原町', '高知県')).not.toHaveProperty('via');
  });
  it('resolves former names to today’s municipality with the date and kind of change', () => {
    expect(resolver.resolve('新潟県川口町')).toMatchObject({
      ok: true,
      code: '15202',
      name: '長岡市',
      via: { kind: 'former', written: '川口町', date: '2010-03-31', change: '編入合併' },
    });
    expect(codeOf('川口町')).toBe('15202');
    expect(codeOf('北魚沼郡川口町', '新潟県')).toBe('15202');
    expect(codeOf('山口村', '長野県')).toBe('21206');
  });
  it('tells apart former towns of one name in one prefecture by their district', () => {
    const r = new NameResolver(
      [
        { code: '10443', name: '東吾妻町', prefName: '群馬県' },
        { code: '10212', name: '伊勢崎市', prefName: '群馬県' },
      ],
      [
        { prefecture: '群馬県', district: '吾妻郡', name: '東村', code: '10443', date: '2006-03-27', change: '新設合併' },
        { prefecture: '群馬県', district: '佐波郡', name: '東村', code: '10212', date: '2005-01-01', change: '新設合併' },
      ],
    );
    expect(r.resolve('吾妻郡東村', '群馬県')).toMatchObject({ ok: true, code: '10443' });
    expect(r.resolve('群馬県佐波郡東村')).toMatchObject({ ok: true, code: '10212' });
    expect(r.resolve('東村', '群馬県')).toMatchObject({ ok: false, reason: 'ambiguous' });
  });
  it('needs the prefecture for a former name found in several, and reports a split as ambiguous', () => {
    const r = resolver.resolve('東和町');
    expect(!r.ok && r.candidates.map((c) => c.code)).toEqual(['03205', '07210']);
    expect(codeOf('東和町', '岩手県')).toBe('03205');
    expect(codeOf('東和町', '福島県')).toBe('07210');
    const split = resolver.resolve('上九一色村', '山梨県');
    expect(!split.ok && split.candidates.map((c) => c.name)).toEqual(['甲府市', '富士河口湖町']);
  });
  it('finds nothing for unknown names, a prefecture alone, or a former name of a place not known today', () => {
    expect(codeOf('長岡', '新潟県')).toBe('none');
    expect(codeOf('新潟県')).toBe('none');
    expect(codeOf('消えた町', '新潟県')).toBe('none');
    expect(codeOf('', '新潟県')).toBe('none');
  });
  it('reads prefectures with or without 都府県, or by code', () => {
    expect(resolver.prefectureOf('新潟')).toBe('新潟県');
    expect(resolver.prefectureOf('15')).toBe('新潟県');
    expect(resolver.prefectureOf('')).toBe('');
    expect(resolver.prefectureOf('パリ')).toBeUndefined();
  });

  it('suggests places for a name that resolves to none: today’s names and former names sharing its stem', () => {
    expect(resolver.resolve('川口村').ok).toBe(false);
    expect(resolver.suggest('川口村')).toEqual([
      { code: '15202', name: '長岡市', prefName: '新潟県', via: { kind: 'former', written: '川口町', prefecture: '新潟県', date: '2010-03-31', change: '編入合併' } },
    ]);
    expect(resolver.suggest('伊達町', '福島').map((c) => c.code)).toEqual(['07213']);
    expect(resolver.suggest('伊達町').map((c) => c.code)).toEqual(['01233', '07213']);
    expect(resolver.suggest('岩手県東和村').map((c) => c.code)).toEqual(['03205']);
    // A stem of one character would match half the country: no suggestion rather than noise.
    expect(resolver.suggest('東村')).toEqual([]);
    expect(resolver.suggest('存在しない市')).toEqual([]);
  });
});
