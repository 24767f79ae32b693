import { DataFileError, csvRecords } from './csv.ts';

/** Measured daytime population of one municipality (Tokyo table 1, census 2020). */
export interface MeasuredDaytime {
  code: string;
  daytime: number;
  resident: number;
  /** 昼夜間人口比率 in percent (100 = as many people by day as by night). */
  ratioPct: number;
}

/**
 * Parses 東京都「昼間人口」第1表 (UTF-8 CSV with BOM); keeps the 62 municipalities (階層 = 2).
 * Footnote rows at the end have no level and are skipped.
 */
export function parseTokyoDaytime(text: string, file: string): Map<string, MeasuredDaytime> {
  const records = csvRecords(text);
  const out = new Map<string, MeasuredDaytime>();
  for (const { line, values } of records) {
    const level = values['階層'] ?? values['地域階層'];
    if (level !== '2') continue;
    const code = values['地域コード'];
    const daytime = Number(values['昼間人口／総数（人）']);
    const resident = Number(values['常住人口／総数（人）']);
    const ratioPct = Number(values['昼夜間人口比率／総数（％）']);
    if (!/^13\d{3}$/.test(code ?? '')) throw new DataFileError(file, line, `地域コード "${code}" is not a Tokyo municipality code`, 'use the table as published');
    if (![daytime, resident, ratioPct].every(Number.isFinite) || resident <= 0) {
      throw new DataFileError(file, line, `daytime/resident/ratio of ${code} are not numbers`, 'restore the row from the published table');
    }
    out.set(code, { code, daytime, resident, ratioPct });
  }
  if (out.size !== 62) throw new DataFileError(file, null, `found ${out.size} municipalities at level 2, expected 62`, 'use 第1表 of the 2020 table unchanged');
  return out;
}

/** Inputs of the daytime estimate for a municipality without a measured figure. */
export interface CommuteProxy {
  population: number;
  /** Employed residents (就業者数, place of residence). */
  employed: number;
  /** Private-sector jobs located there (従業者数, place of work). */
  jobs: number;
}

/**
 * Scale from private-sector jobs (経済センサス) to all jobs located in a municipality. 1 means "private
 * jobs stand for all jobs": public-sector jobs missing from the count roughly offset commuting students
 * who are not counted at all. Checked against measured ratios (see ratioErrorPoints); a Tokyo-wide
 * least-squares fit gives 0.78, pulled down by the 23 wards' office districts, and 1.15 without them.
 */
export const jobScale = 1;

/**
 * Estimated daytime population: residents minus those who work, plus jobScale × the jobs located there.
 * @example estimateDaytime({ population: 100, employed: 50, jobs: 60 }) // 110
 */
export function estimateDaytime(p: CommuteProxy, k = jobScale): number {
  return Math.max(0, p.population - p.employed + k * p.jobs);
}

/**
 * Mean absolute error, in percentage points of 昼夜間人口比率, of the estimate against measured figures.
 * @example ratioErrorPoints([{ population: 100, employed: 50, jobs: 60, daytime: 120 }]) // 10
 */
export function ratioErrorPoints(samples: (CommuteProxy & { daytime: number })[], k = jobScale): number {
  const usable = samples.filter((s) => s.population > 0);
  if (usable.length === 0) throw new Error('ratioErrorPoints needs at least one sample with residents');
  const total = usable.reduce((sum, s) => sum + Math.abs(estimateDaytime(s, k) - s.daytime) / s.population, 0);
  return (total / usable.length) * 100;
}
