/**
 * Normalises search text: NFKC (full-width → half-width), katakana → hiragana, no spaces,
 * so that "セタガヤ", "せたがや" and "世田谷" all find 世田谷区. Used by the API and by the client's search box.
 * @example normaliseSearch('セタガヤ ') // 'せたがや'
 */
export function normaliseSearch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
    .replace(/\s+/g, '');
}
