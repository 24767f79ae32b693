import type { AtlasDb } from '../db.ts';
import { englishRegionName, romajiNames } from '../region-names.ts';
import { type MunicipalityRegion, type RegionStatus, membershipStatusOf } from '../../domain/records/regions.ts';

/**
 * The regions a municipality belongs to, with its role and whether the membership holds today (a 定住自立圏 that
 * ended, a planned join, an unconfirmed candidate say so): city-regions first, then groupings, its prefecture and
 * custom regions.
 * @example await regionsOf(db, '34207') // [{ id: 'ccr-34207', type: 'central_city_region', name: '備後圏域…', role: 'center' }, …]
 */
export async function regionsOf(db: AtlasDb, code: string): Promise<MunicipalityRegion[]> {
  const rows = await db.all<{ id: string; type: string; name: string; center_codes: string | null; member_codes: string | null; role: string; status: string }>(
    `SELECT r.id, r.type, r.name, r.center_codes, m.role, m.status,
       (SELECT string_agg(x.code, ';' ORDER BY x.role, x.code) FROM region_members x WHERE x.region_id = r.id AND x.status = r.status) AS member_codes
     FROM region_members m JOIN regions r ON r.id = m.region_id WHERE m.code = $1
     ORDER BY list_position(['central_city_region', 'settlement_zone', 'seed_grouping', 'prefecture', 'custom'], r.type), r.name`,
    [code],
  );
  const names = await romajiNames(db);
  const split = (v: string | null) => (v ? v.split(';') : []);
  return rows.map((r) => ({
    id: r.id,
    type: r.type as MunicipalityRegion['type'],
    name: r.name,
    nameEn: englishRegionName(names, { type: r.type as MunicipalityRegion['type'], name: r.name, centerCodes: split(r.center_codes), memberCodes: split(r.member_codes) }),
    role: r.role as MunicipalityRegion['role'],
    membershipStatus: membershipStatusOf(r.status as RegionStatus),
    statusDetail: r.status as RegionStatus,
  }));
}
