import { describe, expect, it } from 'vitest';
import type { Municipality } from '../../domain/records/municipalities.ts';
import { searchMunicipalities } from './search.ts';

const m = (code: string, name: string, nameKana: string, prefName: string, population: number) => ({ code, name, nameKana, prefName, population }) as Municipality;
const list = [
  m('13112', '世田谷区', 'せたがやく', '東京都', 943_664),
  m('13219', '狛江市', 'こまえし', '東京都', 84_772),
  m('01100', '札幌市', 'さっぽろし', '北海道', 1_973_395),
  m('22203', '沼津市', 'ぬまづし', '静岡県', 189_386),
  m('15202', '長岡市', 'ながおかし', '新潟県', 266_936),
  m('26209', '長岡京市', 'ながおかきょうし', '京都府', 80_608),
];

describe('searchMunicipalities', () => {
  it('finds by kanji, hiragana, katakana and partial names', () => {
    expect(searchMunicipalities(list, '世田谷')[0].code).toBe('13112');
    expect(searchMunicipalities(list, 'せたがや')[0].code).toBe('13112');
    expect(searchMunicipalities(list, 'セタガヤ')[0].code).toBe('13112');
    expect(searchMunicipalities(list, '田谷')[0].code).toBe('13112');
  });
  it('puts exact names before prefixes and prefixes before partial matches', () => {
    expect(searchMunicipalities(list, '長岡市').map((x) => x.code)).toEqual(['15202']);
    expect(searchMunicipalities(list, '長岡').map((x) => x.code)).toEqual(['15202', '26209']);
  });
  it('matches prefecture plus name', () => {
    expect(searchMunicipalities(list, '東京都狛江')[0].code).toBe('13219');
  });
  it('returns nothing for blank input', () => {
    expect(searchMunicipalities(list, '  ')).toEqual([]);
  });
});
