import { toRomaji } from 'wanakana';
import { prefectureRomaji } from './romaji.ts';
import { foldHepburn, isRomaji, normaliseSearch, romajiKey } from './search.ts';

/**
 * The 47 prefectures with their two-digit JIS X 0401 codes and readings, and the five-character code the seeds
 * use for a prefecture that is itself a partner (e.g. 長野県 with 世田谷区): the two digits + "000".
 * No municipality code ends in "000", so the two kinds of code never collide.
 *
 * @example
 * prefecturePartnerCode('長野県') // '20000'
 * isPrefecturePartnerCode('20000') // true
 */
export const PREFECTURES: readonly (readonly [code: string, name: string, kana: string])[] = [
  ['01', '北海道', 'ほっかいどう'],
  ['02', '青森県', 'あおもりけん'],
  ['03', '岩手県', 'いわてけん'],
  ['04', '宮城県', 'みやぎけん'],
  ['05', '秋田県', 'あきたけん'],
  ['06', '山形県', 'やまがたけん'],
  ['07', '福島県', 'ふくしまけん'],
  ['08', '茨城県', 'いばらきけん'],
  ['09', '栃木県', 'とちぎけん'],
  ['10', '群馬県', 'ぐんまけん'],
  ['11', '埼玉県', 'さいたまけん'],
  ['12', '千葉県', 'ちばけん'],
  ['13', '東京都', 'とうきょうと'],
  ['14', '神奈川県', 'かながわけん'],
  ['15', '新潟県', 'にいがたけん'],
  ['16', '富山県', 'とやまけん'],
  ['17', '石川県', 'いしかわけん'],
  ['18', '福井県', 'ふくいけん'],
  ['19', '山梨県', 'やまなしけん'],
  ['20', '長野県', 'ながのけん'],
  ['21', '岐阜県', 'ぎふけん'],
  ['22', '静岡県', 'しずおかけん'],
  ['23', '愛知県', 'あいちけん'],
  ['24', '三重県', 'みえけん'],
  ['25', '滋賀県', 'しがけん'],
  ['26', '京都府', 'きょうとふ'],
  ['27', '大阪府', 'おおさかふ'],
  ['28', '兵庫県', 'ひょうごけん'],
  ['29', '奈良県', 'ならけん'],
  ['30', '和歌山県', 'わかやまけん'],
  ['31', '鳥取県', 'とっとりけん'],
  ['32', '島根県', 'しまねけん'],
  ['33', '岡山県', 'おかやまけん'],
  ['34', '広島県', 'ひろしまけん'],
  ['35', '山口県', 'やまぐちけん'],
  ['36', '徳島県', 'とくしまけん'],
  ['37', '香川県', 'かがわけん'],
  ['38', '愛媛県', 'えひめけん'],
  ['39', '高知県', 'こうちけん'],
  ['40', '福岡県', 'ふくおかけん'],
  ['41', '佐賀県', 'さがけん'],
  ['42', '長崎県', 'ながさきけん'],
  ['43', '熊本県', 'くまもとけん'],
  ['44', '大分県', 'おおいたけん'],
  ['45', '宮崎県', 'みやざきけん'],
  ['46', '鹿児島県', 'かごしまけん'],
  ['47', '沖縄県', 'おきなわけん'],
];

const CODE_BY_NAME = new Map(PREFECTURES.map(([code, name]) => [name, code]));
const NAME_BY_CODE = new Map(PREFECTURES.map(([code, name]) => [code, name]));

/** Two-digit code of a prefecture name, or undefined for anything else. */
export function prefectureCode(name: string): string | undefined {
  return CODE_BY_NAME.get(name);
}

/** Prefecture name of a two-digit code, or undefined. */
export function prefectureName(code: string): string | undefined {
  return NAME_BY_CODE.get(code);
}

/** Five-character partner code of a prefecture ("20000" for 長野県), or undefined for a non-prefecture. */
export function prefecturePartnerCode(name: string): string | undefined {
  const code = CODE_BY_NAME.get(name);
  return code === undefined ? undefined : `${code}000`;
}

/** True for "01000" … "47000". */
export function isPrefecturePartnerCode(code: string): boolean {
  return code.length === 5 && code.endsWith('000') && NAME_BY_CODE.has(code.slice(0, 2));
}

/** Folded keys of each prefecture: name, reading, romaji of the reading with and without 都府県. */
const KEYS = PREFECTURES.map(([code, name, kana]) => ({
  code,
  name: normaliseSearch(name),
  kana,
  romaji: [foldHepburn(toRomaji(kana)), foldHepburn(prefectureRomaji(name, kana))],
}));

/**
 * The prefectures a query names, in code order: a code (1–47, with or without the leading zero), or the start of a
 * name written in kanji (with or without 都道府県, old or variant kanji), kana or romaji ("Tokyo-to", "Nagano
 * Prefecture"). Several prefectures where the start is shared (福 → 福井県, 福岡県, 福島県); none for anything else.
 * @example matchPrefectures('北海') // ['01']
 * @example matchPrefectures('ながの') // ['20']
 * @example matchPrefectures('hokkaido') // ['01']
 */
export function matchPrefectures(query: string): string[] {
  const raw = query.normalize('NFKC').trim();
  if (/^\d{1,2}$/.test(raw)) {
    const code = raw.padStart(2, '0');
    return NAME_BY_CODE.has(code) ? [code] : [];
  }
  if (isRomaji(raw)) {
    const q = romajiKey(raw.replace(/\b(prefecture|pref)\b\.?/gi, ''));
    return q ? KEYS.filter((k) => k.romaji.some((r) => r.startsWith(q))).map((k) => k.code) : [];
  }
  const q = normaliseSearch(raw);
  return q ? KEYS.filter((k) => k.name.startsWith(q) || k.kana.startsWith(q)).map((k) => k.code) : [];
}
