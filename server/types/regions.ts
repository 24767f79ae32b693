/** Region types (exact API values). */
export type RegionType = 'central_city_region' | 'settlement_zone' | 'prefecture' | 'seed_grouping' | 'custom';

/** A region a municipality belongs to, as listed in its detail. */
export interface MunicipalityRegion {
  id: string;
  type: RegionType;
  name: string;
  role: 'center' | 'member';
}
