import { afterEach, describe, expect, it } from 'vitest';
import { fmtValue, unitLabel } from './format.ts';
import { setLang } from './i18n.ts';

// i18n touches document.documentElement; a minimal stand-in is enough outside the browser.
(globalThis as { document?: unknown }).document ??= { documentElement: { lang: 'ja' } };
afterEach(() => setLang('ja'));

describe('fmtValue', () => {
  it('formats for Japanese readers with units', () => {
    expect(fmtValue(1234567, '人')).toBe('1,234,567人');
    expect(fmtValue(12.345, '%')).toBe('12.3%');
    expect(fmtValue(2509.4, 'km²')).toBe('2,509 km²');
    expect(fmtValue(6.39, 'km²')).toBe('6.4 km²');
    expect(fmtValue(-4.25, '%')).toBe('\u22124.3%');
  });
  it('says no data instead of NaN or null', () => {
    expect(fmtValue(null, '%')).toBe('データなし');
    expect(fmtValue(NaN, '人')).toBe('データなし');
    setLang('en');
    expect(fmtValue(null, '%')).toBe('no data');
  });
  it('writes units in English when asked', () => {
    setLang('en');
    expect(unitLabel('人/km²')).toBe('people/km²');
    expect(fmtValue(1500, '人')).toBe('1,500 people');
  });
});
