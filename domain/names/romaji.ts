/**
 * Romanised names for English mode, from the kana readings (Hepburn as road signs, passports and most
 * municipalities' own English pages write it: long vowels unmarked — Tokyo, Osaka, Oita — ん as n,
 * っち as tch).
 *
 * Decision: a municipality keeps its kind as a romanised suffix joined by a hyphen, read as the place reads it:
 * 市 -shi, 区 -ku, 町 -cho or -machi, 村 -son or -mura (世田谷区 Setagaya-ku, 倶知安町 Kutchan-cho, 森町 Mori-machi,
 * 読谷村 Yomitan-son, 檜原村 Hinohara-mura). The suffix is part of the name (府中市 Fuchu-shi and 府中町 Fuchu-cho are
 * different places) and English words would hide which reading is meant. Prefectures drop 都道府県 as English
 * maps do (Tokyo, Hokkaido, Osaka, Nagano).
 */
import { toRomaji } from 'wanakana';

/**
 * Hepburn for display: long vowels single (おう, おお → o; うう → u), first letter upper case.
 * @example romanise('ほっかいどう') // 'Hokkaido'
 */
export function romanise(kana: string): string {
  const plain = toRomaji(kana).replace(/o[ou]/g, 'o').replace(/uu/g, 'u');
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

/** Readings of a municipality's suffix and their romaji, longest reading first. */
const suffixes: readonly (readonly [kanji: string, kana: string, romaji: string])[] = [
  ['町', 'ちょう', 'cho'],
  ['町', 'まち', 'machi'],
  ['村', 'そん', 'son'],
  ['村', 'むら', 'mura'],
  ['市', 'し', 'shi'],
  ['区', 'く', 'ku'],
];

/**
 * The stem and suffix of a municipality's reading, or null where the reading does not end with its kind's reading.
 * @example splitReading('倶知安町', 'くっちゃんちょう') // { stem: 'くっちゃん', suffix: 'cho' }
 */
export function splitReading(name: string, kana: string): { stem: string; suffix: string } | null {
  for (const [kanji, reading, romaji] of suffixes) {
    if (name.endsWith(kanji) && kana.endsWith(reading) && kana.length > reading.length) return { stem: kana.slice(0, -reading.length), suffix: romaji };
  }
  return null;
}

/**
 * A municipality's romanised name (see the module comment for the suffix rule).
 * @example municipalityRomaji('世田谷区', 'せたがやく') // 'Setagaya-ku'
 * @example municipalityRomaji('森町', 'もりまち') // 'Mori-machi'
 */
export function municipalityRomaji(name: string, kana: string): string {
  const split = splitReading(name, kana);
  return split ? `${romanise(split.stem)}-${split.suffix}` : romanise(kana);
}

/**
 * A municipality's romanised name without its suffix, for region names built from centre cities.
 * @example municipalityStemRomaji('福山市', 'ふくやまし') // 'Fukuyama'
 */
export function municipalityStemRomaji(name: string, kana: string): string {
  return romanise(splitReading(name, kana)?.stem ?? kana);
}

const prefectureSuffixes: Readonly<Record<string, string>> = { 都: 'と', 府: 'ふ', 県: 'けん' };

/**
 * A prefecture's romanised name without 都府県 (北海道 keeps its 道, as in English).
 * @example prefectureRomaji('東京都', 'とうきょうと') // 'Tokyo'
 * @example prefectureRomaji('北海道', 'ほっかいどう') // 'Hokkaido'
 */
export function prefectureRomaji(name: string, kana: string): string {
  const suffix = prefectureSuffixes[name.slice(-1)];
  return romanise(suffix && kana.endsWith(suffix) ? kana.slice(0, -suffix.length) : kana);
}

/**
 * A romanised municipality name without its kind.
 * @example stemOfRomaji('Fukuyama-shi') // 'Fukuyama'
 */
export function stemOfRomaji(nameRomaji: string): string {
  return nameRomaji.replace(/-(shi|ku|cho|machi|son|mura)$/, '');
}

/**
 * A region's English name: its centres' romanised names and its type ("Fukuyama central city region",
 * "Sapporo central city region"); without a centre its first members ("Kokubunji, Kodaira seed grouping",
 * "Higashikawa, Sarabetsu, Marumori and 8 more seed grouping"). Names are given in romaji, with or without suffix;
 * the type as its English label (domain/glossary.ts).
 * @example regionNameEn('Settlement zone', ['Ibusuki-shi'], []) // 'Ibusuki settlement zone'
 */
export function regionNameEn(typeLabel: string, centres: readonly string[], members: readonly string[]): string {
  const names = centres.length ? centres : members;
  const shown = names.slice(0, 3).map(stemOfRomaji);
  const list = shown.join(centres.length ? '–' : ', ') + (names.length > shown.length ? ` and ${names.length - shown.length} more` : '');
  return list ? `${list} ${typeLabel.toLowerCase()}` : typeLabel;
}
