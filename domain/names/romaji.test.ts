import { describe, expect, it } from 'vitest';
import { municipalityRomaji, municipalityStemRomaji, prefectureRomaji, romanise, splitReading } from './romaji.ts';

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
