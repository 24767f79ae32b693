import { describe, expect, it } from 'vitest';
import { municipalityRomaji, municipalityStemRomaji, prefectureRomaji, regionNameEn, romanise, splitReading } from './romaji.ts';

describe('romanised names', () => {
  it('writes Hepburn without long-vowel marks', () => {
    expect(romanise('ほっかいどう')).toBe('Hokkaido');
    expect(romanise('おおいた')).toBe('Oita');
    expect(romanise('じゅうにん')).toBe('Junin');
  });
  it('keeps the kind as a suffix read as the place reads it', () => {
    expect(municipalityRomaji('世田谷区', 'せたがやく')).toBe('Setagaya-ku');
    expect(municipalityRomaji('倶知安町', 'くっちゃんちょう')).toBe('Kutchan-cho');
    expect(municipalityRomaji('森町', 'もりまち')).toBe('Mori-machi');
    expect(municipalityRomaji('読谷村', 'よみたんそん')).toBe('Yomitan-son');
    expect(municipalityRomaji('檜原村', 'ひのはらむら')).toBe('Hinohara-mura');
    expect(municipalityRomaji('茅ヶ崎市', 'ちがさきし')).toBe('Chigasaki-shi');
    expect(municipalityStemRomaji('福山市', 'ふくやまし')).toBe('Fukuyama');
  });
  it('romanises the whole reading where it does not end with its kind', () => {
    expect(splitReading('町', 'まち')).toBeNull();
    expect(municipalityRomaji('某', 'なにがし')).toBe('Nanigashi');
  });
  it('drops 都府県 from prefectures but keeps 北海道 whole', () => {
    expect(prefectureRomaji('東京都', 'とうきょうと')).toBe('Tokyo');
    expect(prefectureRomaji('京都府', 'きょうとふ')).toBe('Kyoto');
    expect(prefectureRomaji('大阪府', 'おおさかふ')).toBe('Osaka');
    expect(prefectureRomaji('長野県', 'ながのけん')).toBe('Nagano');
    expect(prefectureRomaji('北海道', 'ほっかいどう')).toBe('Hokkaido');
  });
});

describe('regionNameEn', () => {
  it('names a region by its centres and type, or by its first members', () => {
    expect(regionNameEn('Central city region', ['Fukuyama-shi'], ['Fukuyama-shi', 'Mihara-shi'])).toBe('Fukuyama central city region');
    expect(regionNameEn('Settlement zone', ['Ibusuki-shi', 'Kagoshima-shi'], [])).toBe('Ibusuki–Kagoshima settlement zone');
    expect(regionNameEn('Seed grouping', [], ['Kokubunji-shi', 'Kodaira-shi'])).toBe('Kokubunji, Kodaira seed grouping');
    expect(regionNameEn('Seed grouping', [], ['A-cho', 'B-mura', 'C-shi', 'D-ku', 'E-son'])).toBe('A, B, C and 2 more seed grouping');
    expect(regionNameEn('Prefecture', ['Hokkaido'], [])).toBe('Hokkaido prefecture');
    expect(regionNameEn('What-if grouping', [], [])).toBe('What-if grouping');
  });
});
