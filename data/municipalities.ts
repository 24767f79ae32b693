import type { MunicipalityKind } from '../domain/records/municipalities.ts';
import type { MunicipalityRow } from '../domain/tables.ts';
import { DataFileError } from './csv.ts';
import type { Designation } from './seeds/schema.ts';

/**
 * A municipality's kind: its designation if it has one, 特別区 for Tokyo's 23 wards, else from the name's suffix.
 * @example municipalityKind('13112', '世田谷区', undefined) // 'special_ward'
 */
export function municipalityKind(code: string, name: string, designation: Designation | undefined): MunicipalityKind {
  if (designation) return designation;
  if (/^131\d\d$/.test(code)) return 'special_ward';
  if (name.endsWith('市')) return 'city';
  if (name.endsWith('町')) return 'town';
  if (name.endsWith('村')) return 'village';
  throw new Error(`cannot tell the kind of ${code} ${name}: its name ends in none of 市/町/村/区`);
}

export type { MunicipalityRow } from '../domain/tables.ts';

/** Census total of the 2020 census, used to prove that nothing was lost in the join. */
export const census2020Total = 126_146_099;
export const municipalityCount = 1741;

/**
 * Checks the joined table: the exact count, the census total, every code both ways, and no NaN anywhere.
 * Throws DataFileError naming the offending code and metric.
 */
export function validateMunicipalities(rows: MunicipalityRow[], boundaryCodes: Set<string>, censusCodes: Set<string>): void {
  for (const code of boundaryCodes) {
    if (!censusCodes.has(code)) throw new DataFileError('boundaries', null, `municipality ${code} has no census row`, 'use matching vintages of N03 (2021) and SSDSE-A (2026)');
  }
  for (const code of censusCodes) {
    if (!boundaryCodes.has(code))
      throw new DataFileError('SSDSE-A-2026.csv', null, `census code ${code} has no boundary`, 'use matching vintages of N03 (2021) and SSDSE-A (2026)');
  }
  if (rows.length !== municipalityCount)
    throw new DataFileError('municipalities', null, `${rows.length} municipalities joined, expected ${municipalityCount}`, 'check both inputs are complete');
  const total = rows.reduce((s, r) => s + r.population, 0);
  if (total !== census2020Total)
    throw new DataFileError('SSDSE-A-2026.csv', null, `2020 population totals ${total}, expected ${census2020Total}`, "use the publisher's file unchanged");
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new DataFileError('municipalities', null, `${row.code} ${row.name}: ${key} is ${value}`, 'check the inputs for that municipality');
      }
    }
  }
}
