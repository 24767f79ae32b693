/** The UI language. Japanese first; every string is written as a ja/en pair where it is used. */
import { type GlossarySet, type Term, labelIn } from '../domain/glossary.ts';

export type Lang = 'ja' | 'en';

let current: Lang = 'ja';

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
}

export function getLang(): Lang {
  return current;
}

/**
 * The string for the current language.
 * @example t('人口', 'Population')
 */
export function t(ja: string, en: string): string {
  return current === 'ja' ? ja : en;
}

/**
 * A text written in both languages (stories, captions), in the current one; English falls back to the Japanese
 * where a presenter wrote only that.
 * @example inLang({ ja: '人口', en: 'Population' })
 */
export function inLang(text: { ja: string; en?: string }): string {
  return current === 'ja' ? text.ja : (text.en ?? text.ja);
}

/**
 * The label of a value of a closed set (domain/glossary.ts) in the current language.
 * @example label('regionType', 'settlement_zone') // '定住自立圏'
 */
export function label<S extends GlossarySet>(set: S, value: Term<S>): string {
  return labelIn(current, set, value);
}
