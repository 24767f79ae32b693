import type { AtlasDb } from '../db.ts';
import type { MunicipalityRegion } from '../../domain/records/regions.ts';

/**
 * The regions a municipality belongs to, with its role in each: city-regions first, then groupings, its prefecture
 * and custom regions.
 * @example await regionsOf(db, '34207') // [{ id: 'ccr-34207', type: 'central_city_region', name: '備後圏域…', role: 'center' }, …]
 */
export async function regionsOf(db: AtlasDb, code: string): Promise<MunicipalityRegion[]> {
  return (await db.all(
    `SELECT r.id, r.type, r.name, m.role FROM region_members m JOIN regions r ON r.id = m.region_id WHERE m.code = $1
     ORDER BY list_position(['central_city_region', 'settlement_zone', 'seed_grouping', 'prefecture', 'custom'], r.type), r.name`,
    [code],
  )) as unknown as MunicipalityRegion[];
}
