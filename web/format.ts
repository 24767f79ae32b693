import type { MetricInfo } from '../domain/records/metrics.ts';
import { getLang } from './i18n.ts';

const nf = (digits: number) => new Intl.NumberFormat('ja-JP', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const int = nf(0);
const one = nf(1);
const two = nf(2);

/** 1,234,567 */
export const fmtInt = (v: number) => int.format(Math.round(v));

/** A number with its unit, formatted for Japanese readers: 1,234,567人, 12.3%, 2,509 km², −4.2% (a true minus sign). */
export function fmtValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return getLang() === 'ja' ? 'データなし' : 'no data';
  return withUnit(value, unit).replace(/^-/, '\u2212');
}

function withUnit(value: number, unit: string): string {
  switch (unit) {
    case '人':
      return getLang() === 'ja' ? `${fmtInt(value)}人` : `${fmtInt(value)} people`;
    case '世帯':
      return getLang() === 'ja' ? `${fmtInt(value)}世帯` : `${fmtInt(value)} households`;
    case '%':
      return `${one.format(value)}%`;
    case 'km²':
      // Small wards and islands keep a decimal (狛江市 6.4 km², not 6).
      return `${Math.abs(value) < 10 ? one.format(value) : fmtInt(value)} km²`;
    case '人/km²':
      return getLang() === 'ja' ? `${fmtInt(value)}人/km²` : `${fmtInt(value)} /km²`;
    case 'km':
      return `${fmtInt(value)} km`;
    case '倍':
      return getLang() === 'ja' ? `${two.format(value)}倍` : `×${two.format(value)}`;
    default:
      return `${two.format(value)}${unit ? ` ${unit}` : ''}`;
  }
}

const upToTwo = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 2 });

/** A user's own figure with the unit they gave: 170 床, 0.25 (up to two decimals, none added). */
export function fmtFigure(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return getLang() === 'ja' ? 'データなし' : 'no data';
  return `${upToTwo.format(value).replace(/^-/, '\u2212')}${unit ? ` ${unit}` : ''}`;
}

const unitsEn: Record<string, string> = { 人: 'people', 世帯: 'households', '人/km²': 'people/km²', 倍: 'ratio' };

/** A unit as written in the current language (legend headers). @example unitLabel('人/km²') // '人/km²' in Japanese */
export function unitLabel(unit: string): string {
  return getLang() === 'ja' ? unit : (unitsEn[unit] ?? unit);
}

/** A metric value with the metric's unit. */
export const fmtMetric = (info: MetricInfo, value: number | null | undefined) => fmtValue(value, info.unit);
