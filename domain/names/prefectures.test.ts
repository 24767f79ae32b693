import { describe, expect, it } from 'vitest';
import { PREFECTURES, isPrefecturePartnerCode, matchPrefectures, prefectureCode, prefecturePartnerCode } from './prefectures.ts';

describe('matchPrefectures', () => {
  it('matches a whole or partial name with or without 都道府県', () => {
    expect(matchPrefectures('北海道')).toEqual(['01']);
    expect(matchPrefectures('北海')).toEqual(['01']);
    expect(matchPrefectures('長野')).toEqual(['20']);
    expect(matchPrefectures('長野県')).toEqual(['20']);
    expect(matchPrefectures('東京')).toEqual(['13']);
    expect(matchPrefectures('京都')).toEqual(['26']);
  });
  it('matches kana and romaji, with or without the suffix', () => {
    expect(matchPrefectures('ほっかいどう')).toEqual(['01']);
    expect(matchPrefectures('ホッカイ')).toEqual(['01']);
    expect(matchPrefectures('hokkaido')).toEqual(['01']);
    expect(matchPrefectures('Tōkyō-to')).toEqual(['13']);
    expect(matchPrefectures('Nagano Prefecture')).toEqual(['20']);
    expect(matchPrefectures('kyoto')).toEqual(['26']);
    expect(matchPrefectures('Osaka-fu')).toEqual(['27']);
  });
  it('matches codes with or without the leading zero', () => {
    expect(matchPrefectures('1')).toEqual(['01']);
    expect(matchPrefectures('01')).toEqual(['01']);
    expect(matchPrefectures('47')).toEqual(['47']);
    expect(matchPrefectures('48')).toEqual([]);
  });
  it('returns every prefecture sharing a start, and none for what names none', () => {
    expect(matchPrefectures('福')).toEqual(['07', '18', '40']);
    expect(matchPrefectures('県')).toEqual([]);
    expect(matchPrefectures('パリ')).toEqual([]);
    expect(matchPrefectures('')).toEqual([]);
  });
  it('knows 47 prefectures with readings', () => {
    expect(PREFECTURES).toHaveLength(47);
    expect(PREFECTURES.every(([, , kana]) => /^\p{Script=Hiragana}+$/u.test(kana))).toBe(true);
  });
});

describe('prefecture partner codes', () => {
  it('use the two digits and 000', () => {
    expect(prefectureCode('長野県')).toBe('20');
    expect(prefecturePartnerCode('長野県')).toBe('20000');
    expect(isPrefecturePartnerCode('20000')).toBe(true);
    expect(isPrefecturePartnerCode('13112')).toBe(false);
  });
});
