/**
 * The one search over municipality names, used by the API (`?q=`), the search box and every picker, so that
 * what one accepts the others accept too. A query may be kanji (with ヶ/ケ/ヵ/が written any way, old or variant
 * kanji, spaces anywhere), hiragana or katakana, Hepburn or kunrei romaji (`setagaya`, `Tōkyō`, `tigasaki`), or a
 * 5-digit code.
 */
import { toHiragana, toRomaji } from 'wanakana';
import { foldVariantKanji } from './variants.ts';

/** Kanji (and 々), after which a ヶ-like character is the particle ヶ of a place name. */
const kanji = '\\p{Script=Han}々〆';
const smallKe = new RegExp(`(?<=[${kanji}])[ヶヵケカガゖゕけかが]`, 'gu');

/**
 * Folds Japanese text for comparison: NFKC (full-width → half-width), no spaces or variation selectors,
 * variant kanji to one form, the particle ヶ however written (ヶ, ケ, ヵ, が, か … after a kanji) to ヶ,
 * katakana to hiragana. Both sides of a comparison go through it.
 * @example normaliseSearch('茅ヶ崎') === normaliseSearch('茅ケ崎') // true
 * @example normaliseSearch('セタガヤ ') // 'せたがや'
 */
export function normaliseSearch(text: string): string {
  return foldVariantKanji(
    text
      .normalize('NFKC')
      .replace(/\s|\p{Variation_Selector}/gu, '')
      .replace(smallKe, 'ヶ'),
  ).replace(/[\u30a1-\u30f5]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** True when a query is written in Latin letters (romaji), not kana, kanji or digits. */
export function isRomaji(text: string): boolean {
  return /\p{Script=Latin}/u.test(text) && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\d]/u.test(text);
}

/**
 * A folding of romaji that Hepburn, kunrei and the usual English spellings share: lower case, no marks,
 * hyphens, apostrophes or spaces, long vowels single (ou, oo, oh → o; uu → u), ん as n, っち as cch.
 * For what people type: kunrei and nihon-shiki (si, tu, tya) are first read as kana and written back as Hepburn.
 * @example romajiKey('Tōkyō-to') === romajiKey('toukyouto') // true
 * @example romajiKey('Shimbashi') // 'shinbashi'
 */
export function romajiKey(text: string): string {
  const letters = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/m(?=[bmp])/g, 'n');
  return foldHepburn(toRomaji(toHiragana(letters)));
}

/**
 * {@link romajiKey} of text already in Hepburn (a romanised name, or wanakana's romaji of a reading), without the
 * round trip through kana, which is slow enough to matter over 1,741 names.
 * @example foldHepburn('Setagaya-ku') // 'setagayaku'
 */
export function foldHepburn(hepburn: string): string {
  return hepburn
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/tch/g, 'cch')
    .replace(/oh(?![aeiouy])/g, 'o')
    .replace(/o[ou]/g, 'o')
    .replace(/uu/g, 'u');
}

/** The fields a municipality is searched by (every API municipality record has them). */
export interface Searchable {
  code: string;
  name: string;
  nameKana: string | null;
  /** Romanised name (records have it); else the reading is romanised here. */
  nameRomaji?: string | null;
  prefName: string;
  population: number;
}

/** Folded keys of one place, computed once per list. */
interface Keys {
  name: string;
  kana: string;
  romaji: string;
  prefAndName: string;
}

const keyCache = new WeakMap<object, Keys>();
function keysOf(m: Searchable): Keys {
  let k = keyCache.get(m);
  if (!k) {
    const kana = m.nameKana ?? '';
    const romaji = m.nameRomaji ? foldHepburn(m.nameRomaji) : kana ? foldHepburn(toRomaji(kana)) : '';
    k = { name: normaliseSearch(m.name), kana, romaji, prefAndName: normaliseSearch(m.prefName + m.name) };
    keyCache.set(m, k);
  }
  return k;
}

/** A query read once: a code, romaji (folded) or Japanese text (folded). */
type Query = { kind: 'code' | 'romaji' | 'text'; q: string };

function readQuery(query: string): Query {
  const raw = query.trim();
  if (/^\d{5}$/.test(raw)) return { kind: 'code', q: raw };
  // "Setagaya City", "Nagano Prefecture": English kind words are not part of the reading.
  if (isRomaji(raw)) return { kind: 'romaji', q: romajiKey(raw.replace(/\b(city|ward|town|village)\b/gi, '')) };
  return { kind: 'text', q: normaliseSearch(raw) };
}

function rank(m: Searchable, { kind, q }: Query): number {
  if (!q) return -1;
  if (kind === 'code') return m.code === q ? 0 : -1;
  const k = keysOf(m);
  if (kind === 'romaji') return !k.romaji ? -1 : k.romaji.startsWith(q) ? 2 : k.romaji.includes(q) ? 3 : -1;
  if (k.name === q) return 0;
  if (k.name.startsWith(q)) return 1;
  if (k.kana.startsWith(q)) return 2;
  return k.name.includes(q) || k.kana.includes(q) || k.prefAndName.includes(q) ? 3 : -1;
}

/**
 * How well a place matches a query, lower is better, or -1 for no match: 0 exact name or code, 1 name prefix,
 * 2 reading prefix (kana or romaji), 3 anywhere in the name, reading, or prefecture + name.
 * @example matchRank(setagaya, '田谷') // 3
 */
export function matchRank(m: Searchable, query: string): number {
  return rank(m, readQuery(query));
}

/**
 * Every place matching a query, best first (see {@link matchRank}); larger places first within a rank.
 * @example searchMunicipalities(list, '茅ヶ崎市')[0].code // '14207' (茅ヶ崎市)
 * @example searchMunicipalities(list, 'setagaya')[0].code // '13112' (世田谷区)
 */
export function searchMunicipalities<T extends Searchable>(list: Iterable<T>, query: string, limit = Number.POSITIVE_INFINITY): T[] {
  const q = readQuery(query);
  const scored: [number, T][] = [];
  for (const m of list) {
    const r = rank(m, q);
    if (r >= 0) scored.push([r, m]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || b[1].population - a[1].population || a[1].code.localeCompare(b[1].code))
    .slice(0, limit)
    .map(([, m]) => m);
}
