import iconv from 'iconv-lite';
import type { MunicipalityDetail } from '../domain/records/municipalities.ts';
import { DataFileError } from './csv.ts';
import { parseCsv } from '../domain/csv.ts';

/** SSDSE-A item codes the atlas reads (row 1 of the publisher's file). */
export const ssdseItems = {
  population: 'A1101', // 総人口
  age0to14: 'A1301', // 15歳未満人口
  age15to64: 'A1302', // 15～64歳人口
  age65plus: 'A1303', // 65歳以上人口
  households: 'A7101', // 世帯数
  areaHa: 'B1101', // 総面積 (ha, 北方地域及び竹島を除く)
  employed: 'F1102', // 就業者数 (常住地)
  employedPrimary: 'F2201',
  employedSecondary: 'F2211',
  employedTertiary: 'F2221',
  privateEmployees: 'C2208', // 従業者数（民営, 従業地, 2021）
} as const;
export type SsdseItem = keyof typeof ssdseItems;

/** One municipality row of an SSDSE-A file: names and the raw item values. */
export interface SsdseRow {
  code: string;
  prefName: string;
  name: string;
  items: Record<SsdseItem, number>;
}

/** Decodes the publisher's Shift_JIS (CP932) bytes. */
export function decodeShiftJis(bytes: Buffer): string {
  return iconv.decode(bytes, 'cp932');
}

/**
 * Parses an SSDSE-A CSV as shipped: row 1 item codes, row 2 reference years, row 3 Japanese names,
 * then one row per municipality keyed by `R` + 5-digit code. Throws DataFileError with the row on bad input.
 * @example parseSsdse(decodeShiftJis(readFileSync(path)), 'SSDSE-A-2026.csv').get('13112')?.items.population
 */
export function parseSsdse(text: string, file: string, needed: readonly SsdseItem[] = Object.keys(ssdseItems) as SsdseItem[]): Map<string, SsdseRow> {
  const { records: rows, lines } = parseCsv(text, file);
  if (rows.length < 4) throw new DataFileError(file, null, 'fewer than 4 rows (3 header rows + data expected)', "use the publisher's SSDSE-A CSV unchanged");
  const header = rows[0].map((c) => c.trim());
  if (!/^SSDSE-A/.test(header[0] ?? '')) {
    throw new DataFileError(file, 1, `first cell is "${header[0]}", not an SSDSE-A edition label`, 'check the file is SSDSE-A in Shift_JIS (CP932), as shipped');
  }
  const columns = new Map<SsdseItem, number>();
  for (const item of needed) {
    const idx = header.indexOf(ssdseItems[item]);
    if (idx < 0) throw new DataFileError(file, 1, `item code ${ssdseItems[item]} (${item}) is missing from the header`, 'use an SSDSE-A edition that has this item');
    columns.set(item, idx);
  }
  const out = new Map<string, SsdseRow>();
  for (let r = 3; r < rows.length; r++) {
    const cells = rows[r];
    if (cells.every((c) => c.trim() === '')) continue;
    const line = lines[r];
    const key = (cells[0] ?? '').trim();
    const m = /^R(\d{5})$/.exec(key);
    if (!m) throw new DataFileError(file, line, `region code "${key}" is not R + 5 digits`, 'remove the row or correct the code (e.g. R13112)');
    if (out.has(m[1])) throw new DataFileError(file, line, `code ${m[1]} appears twice`, 'remove the duplicate row');
    const items = {} as Record<SsdseItem, number>;
    for (const [item, idx] of columns) {
      const raw = (cells[idx] ?? '').trim();
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value)) {
        throw new DataFileError(file, line, `column ${ssdseItems[item]} (${item}) of ${m[1]} is "${raw}", not a number`, "restore the value from the publisher's file");
      }
      items[item] = value;
    }
    out.set(m[1], { code: m[1], prefName: (cells[1] ?? '').trim(), name: (cells[2] ?? '').trim(), items });
  }
  return out;
}

/** Census figures of one municipality as the atlas stores them (fields of the API's record). Null where the base is zero. */
export type CensusMetrics = Pick<
  MunicipalityDetail,
  | 'population'
  | 'population2015'
  | 'popChangePct'
  | 'households'
  | 'areaKm2'
  | 'density'
  | 'share65plus'
  | 'sharePrimary'
  | 'shareSecondary'
  | 'shareTertiary'
  | 'employed'
  | 'privateEmployees'
  | 'jobsPerResident'
>;

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const ratio = (num: number, den: number, scale: number, digits: number) => (den > 0 ? round((num / den) * scale, digits) : null);

/**
 * Derives the atlas's metrics from a 2020 row and the 2015 population.
 * Shares use the official denominators: age-known population for 65+, classified employment for industries.
 */
export function deriveCensusMetrics(row2020: SsdseRow, population2015: number): CensusMetrics {
  const i = row2020.items;
  const ageKnown = i.age0to14 + i.age15to64 + i.age65plus;
  const classified = i.employedPrimary + i.employedSecondary + i.employedTertiary;
  const areaKm2 = i.areaHa / 100;
  return {
    population: i.population,
    population2015,
    popChangePct: ratio(i.population - population2015, population2015, 100, 2),
    households: i.households,
    areaKm2: round(areaKm2, 2),
    density: areaKm2 > 0 ? round(i.population / areaKm2, 1) : 0,
    share65plus: ratio(i.age65plus, ageKnown, 100, 2),
    sharePrimary: ratio(i.employedPrimary, classified, 100, 2),
    shareSecondary: ratio(i.employedSecondary, classified, 100, 2),
    shareTertiary: ratio(i.employedTertiary, classified, 100, 2),
    employed: i.employed,
    privateEmployees: i.privateEmployees,
    jobsPerResident: ratio(i.privateEmployees, i.employed, 1, 3),
  };
}
