import { describe, expect, it } from 'vitest';
import { foldHepburn, isRomaji, matchRank, normaliseSearch, romajiKey, type Searchable, searchMunicipalities } from './search.ts';

const m = (code: string, name: string, nameKana: string, prefName: string, population: number): Searchable => ({ code, name, nameKana, prefName, population });
const list = [
  m('13112', '世田谷区', 'せたがやく', '東京都', 943_664),
  m('13219', '狛江市', 'こまえし', '東京都', 84_772),
  m('14207', '茅ヶ崎市', 'ちがさきし', '神奈川県', 242_389),
  m('08208', '龍ケ崎市', 'りゅうがさきし', '茨城県', 76_420),
  m('12224', '鎌ケ谷市', 'かまがやし', '千葉県', 109_932),
  m('41327', '吉野ヶ里町', 'よしのがりちょう', '佐賀県', 15_405),
  m('02411', '六ヶ所村', 'ろっかしょむら', '青森県', 10_423),
  m('39405', '檮原町', 'ゆすはらちょう', '高知県', 3_324),
  m('04203', '塩竈市', 'しおがまし', '宮城県', 52_203),
  m('01400', '倶知安町', 'くっちゃんちょう', '北海道', 15_018),
  m('13101', '千代田区', 'ちよだく', '東京都', 66_680),
  m('15202', '長岡市', 'ながおかし', '新潟県', 266_936),
  m('26209', '長岡京市', 'ながおかきょうし', '京都府', 80_608),
  m('44201', '大分市', 'おおいたし', '大分県', 475_614),
];
const first = (q: string) => searchMunicipalities(list, q)[0]?.code;

describe('normaliseSearch', () => {
  it('folds the particle ヶ however it is written after a kanji', () => {
    for (const v of ['茅ヶ崎', '茅ケ崎', '茅ヵ崎', '茅が崎', '茅ガ崎']) expect(normaliseSearch(v)).toBe(normaliseSearch('茅ヶ崎'));
    expect(normaliseSearch('六か所')).toBe(normaliseSearch('六ヶ所'));
  });
  it('keeps kana that follow no kanji as kana, katakana as hiragana', () => {
    expect(normaliseSearch('セタガヤ')).toBe('せたがや');
    expect(normaliseSearch('ケセンヌマ')).toBe('けせんぬま');
    expect(normaliseSearch('ニセコ町')).toBe('にせこ町');
    expect(normaliseSearch('ちがさき')).toBe('ちがさき');
  });
  it('folds old and variant kanji, spaces and full-width forms', () => {
    expect(normaliseSearch('檮原')).toBe(normaliseSearch('梼原'));
    expect(normaliseSearch('曾爾村')).toBe(normaliseSearch('曽爾村'));
    expect(normaliseSearch('飛驒市')).toBe(normaliseSearch('飛騨市'));
    expect(normaliseSearch(' 世田谷　区 ')).toBe('世田谷区');
    expect(normaliseSearch('ｾﾀｶﾞﾔ')).toBe('せたがや');
  });
});

describe('romajiKey', () => {
  it('gives Hepburn, kunrei and English spellings one key', () => {
    expect(romajiKey('Tōkyō-to')).toBe(romajiKey('toukyouto'));
    expect(romajiKey('tokyo')).toBe(romajiKey('toukyou'));
    expect(romajiKey('tigasaki')).toBe('chigasaki');
    expect(romajiKey('Shimbashi')).toBe('shinbashi');
    expect(romajiKey('Kutchan')).toBe(romajiKey('kucchan'));
    expect(romajiKey('Ohta')).toBe('ota');
  });
  it('tells romaji from kana, kanji and codes', () => {
    expect(isRomaji('setagaya')).toBe(true);
    expect(isRomaji('Tōkyō')).toBe(true);
    expect(isRomaji('せたがや')).toBe(false);
    expect(isRomaji('13112')).toBe(false);
  });
});

describe('searchMunicipalities', () => {
  it('finds names written with ヶ, ケ, ヵ or が whichever the official name uses', () => {
    expect(first('茅ヶ崎市')).toBe('14207');
    expect(first('茅ケ崎')).toBe('14207');
    expect(first('龍ヶ崎')).toBe('08208');
    expect(first('竜ヶ崎')).toBe('08208');
    expect(first('鎌ヶ谷市')).toBe('12224');
    expect(first('吉野ケ里')).toBe('41327');
    expect(first('六か所村')).toBe('02411');
  });
  it('finds old and variant kanji', () => {
    expect(first('檮原')).toBe('39405');
    expect(first('梼原町')).toBe('39405');
    expect(first('塩釜')).toBe('04203');
  });
  it('finds by kana, katakana, romaji (Hepburn or kunrei, any case, with marks) and code', () => {
    expect(first('せたがや')).toBe('13112');
    expect(first('セタガヤ')).toBe('13112');
    expect(first('setagaya')).toBe('13112');
    expect(first('Setagaya-ku')).toBe('13112');
    expect(first('SETAGAYA')).toBe('13112');
    expect(first('tigasaki')).toBe('14207');
    expect(first('kutchan')).toBe('01400');
    expect(first('Ōita')).toBe('44201');
    expect(first('oita')).toBe('44201');
    expect(first('13219')).toBe('13219');
  });
  it('puts exact names before prefixes and prefixes before partial matches, larger places first', () => {
    expect(searchMunicipalities(list, '長岡市').map((x) => x.code)).toEqual(['15202']);
    expect(searchMunicipalities(list, '長岡').map((x) => x.code)).toEqual(['15202', '26209']);
    expect(searchMunicipalities(list, 'nagaoka').map((x) => x.code)).toEqual(['15202', '26209']);
    expect(matchRank(list[0]!, '田谷')).toBe(3);
  });
  it('matches prefecture plus name, and nothing for blank input', () => {
    expect(first('東京都狛江')).toBe('13219');
    expect(searchMunicipalities(list, '  ')).toEqual([]);
    expect(searchMunicipalities(list, 'zzzz')).toEqual([]);
  });
  it('keeps the limit', () => {
    expect(searchMunicipalities(list, 'し', 2)).toHaveLength(2);
  });
});

describe('foldHepburn', () => {
  it('folds romanised names as romajiKey folds what people type', () => {
    for (const [name, typed] of [
      ['Setagaya-ku', 'setagayaku'],
      ['Kutchan-cho', 'kucchancho'],
      ["Nan'yo-shi", 'nanyoshi'],
      ['Oita-shi', 'ooitashi'],
    ]) {
      expect(foldHepburn(name!)).toBe(romajiKey(typed!));
    }
  });
});
