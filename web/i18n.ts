/** The UI language. Japanese first; every string is written as a ja/en pair where it is used. */
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
