/**
 * Names of places in the UI language: kanji in Japanese, the romanised names the API serves in English
 * (domain/names/romaji.ts: "Setagaya-ku", "Tokyo"), with the kanji beside them where a reader may need to match
 * them to a Japanese document. Records that carry only a code and a kanji name (exchange ends, partners, region
 * members) are looked up in the municipality list; regions carry their English name (`nameEn`).
 */
import type { Municipality, Prefecture } from '../domain/records/municipalities.ts';
import { getLang, type Lang } from './i18n.ts';

/** A place as records name it. */
interface Named {
  name: string;
  nameRomaji?: string | null;
}

/** The places a code may name: municipalities, and prefectures (partner code "PP000"). */
export interface Places {
  munis: ReadonlyMap<string, Municipality>;
  prefectures: readonly Prefecture[];
}

/**
 * A place's name in the UI language.
 * @example displayName({ name: '世田谷区', nameRomaji: 'Setagaya-ku' }, 'en') // 'Setagaya-ku'
 */
export function displayName(m: Named, lang: Lang = getLang()): string {
  return lang === 'en' && m.nameRomaji ? m.nameRomaji : m.name;
}

/**
 * The kanji to show beside a romanised name, or '' where the name is already shown in kanji.
 * @example kanjiBeside({ name: '世田谷区', nameRomaji: 'Setagaya-ku' }, 'en') // '世田谷区'
 */
export function kanjiBeside(m: Named, lang: Lang = getLang()): string {
  return lang === 'en' && m.nameRomaji ? m.name : '';
}

/**
 * A municipality's prefecture in the UI language.
 * @example displayPrefName({ prefName: '東京都', prefNameRomaji: 'Tokyo' }, 'en') // 'Tokyo'
 */
export function displayPrefName(m: { prefName: string; prefNameRomaji?: string | null }, lang: Lang = getLang()): string {
  return lang === 'en' && m.prefNameRomaji ? m.prefNameRomaji : m.prefName;
}

/** The record of a code: a municipality, or the prefecture of a partner code "PP000". */
function placeOf(places: Places, code: string): Named | undefined {
  return places.munis.get(code) ?? (code.endsWith('000') ? places.prefectures.find((p) => `${p.code}000` === code) : undefined);
}

/**
 * The name of the place a code stands for, in the UI language; `fallback` (the record's kanji name) where the
 * code is unknown to the list.
 * @example nameOfCode(places, '13112', '世田谷区', 'en') // 'Setagaya-ku'
 */
export function nameOfCode(places: Places, code: string, fallback: string, lang: Lang = getLang()): string {
  const place = placeOf(places, code);
  return place ? displayName(place, lang) : fallback;
}

/** The prefecture of a code (a municipality's, or the prefecture itself) in the UI language; `fallback` where unknown. */
export function prefNameOfCode(places: Places, code: string, fallback: string, lang: Lang = getLang()): string {
  const m = places.munis.get(code);
  if (m) return displayPrefName(m, lang);
  const pref = placeOf(places, code);
  return pref ? displayName(pref, lang) : fallback;
}

/**
 * A region's name in the UI language: the API's English name (centres' romaji and the type, e.g. "Fukuyama central
 * city region") in English; what-if groupings keep the name their author gave them.
 * @example displayRegionName({ name: '備後圏域連携中枢都市圏', nameEn: 'Fukuyama central city region' }, 'en') // 'Fukuyama central city region'
 */
export function displayRegionName(r: { name: string; nameEn?: string | null }, lang: Lang = getLang()): string {
  return lang === 'en' && r.nameEn ? r.nameEn : r.name;
}

/** The region's own (Japanese) name to show beside its English one, or ''. */
export function regionKanjiBeside(r: { name: string; nameEn?: string | null }, lang: Lang = getLang()): string {
  return lang === 'en' && r.nameEn ? r.name : '';
}
