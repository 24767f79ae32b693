import { describe, expect, it } from 'vitest';
import type { Municipality, Prefecture } from '../domain/records/municipalities.ts';
import { displayName, displayPrefName, displayRegionName, kanjiBeside, nameOfCode, type Places, prefNameOfCode, regionKanjiBeside } from './names.ts';

const muni = (code: string, name: string, nameRomaji: string, prefName: string, prefNameRomaji: string) => ({ code, name, nameRomaji, prefName, prefNameRomaji }) as Municipality;
const places: Places = {
  munis: new Map([muni('13112', '世田谷区', 'Setagaya-ku', '東京都', 'Tokyo'), muni('34207', '福山市', 'Fukuyama-shi', '広島県', 'Hiroshima')].map((m) => [m.code, m])),
  prefectures: [{ code: '20', name: '長野県', nameKana: 'ながのけん', nameRomaji: 'Nagano', lon: 0, lat: 0 } satisfies Prefecture],
};
const setagaya = places.munis.get('13112')!;

describe('names in the UI language', () => {
  it('shows kanji in Japanese and romaji with the kanji beside in English', () => {
    expect(displayName(setagaya, 'ja')).toBe('世田谷区');
    expect(displayName(setagaya, 'en')).toBe('Setagaya-ku');
    expect(kanjiBeside(setagaya, 'en')).toBe('世田谷区');
    expect(kanjiBeside(setagaya, 'ja')).toBe('');
    expect(displayPrefName(setagaya, 'en')).toBe('Tokyo');
    expect(displayName({ name: '架空町', nameRomaji: null }, 'en')).toBe('架空町');
  });
  it('names records by code, prefecture partners included', () => {
    expect(nameOfCode(places, '13112', '世田谷区', 'en')).toBe('Setagaya-ku');
    expect(nameOfCode(places, '20000', '長野県', 'en')).toBe('Nagano');
    expect(nameOfCode(places, '20000', '長野県', 'ja')).toBe('長野県');
    expect(nameOfCode(places, '99999', '不明', 'en')).toBe('不明');
    expect(prefNameOfCode(places, '34207', '広島県', 'en')).toBe('Hiroshima');
    expect(prefNameOfCode(places, '20000', '長野県', 'en')).toBe('Nagano');
  });
  it('names regions by their English name, what-if groupings by their own', () => {
    const bingo = { name: '備後圏域連携中枢都市圏', nameEn: 'Fukuyama central city region' };
    expect(displayRegionName(bingo, 'ja')).toBe('備後圏域連携中枢都市圏');
    expect(displayRegionName(bingo, 'en')).toBe('Fukuyama central city region');
    expect(regionKanjiBeside(bingo, 'en')).toBe('備後圏域連携中枢都市圏');
    expect(displayRegionName({ name: '私の圏域', nameEn: null }, 'en')).toBe('私の圏域');
    expect(regionKanjiBeside({ name: '私の圏域', nameEn: null }, 'en')).toBe('');
  });
});
