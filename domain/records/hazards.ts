/**
 * Designated earthquake zones (防災対策推進地域 and related designations), exact values of the seed file, the
 * hazard_zones table and the disaster ranking. Labels and official names: domain/glossary.ts.
 */
export const hazardZones = ['nankai_trough', 'nankai_trough_tsunami', 'tokyo_inland', 'tokyo_core', 'japan_trench', 'japan_trench_tsunami', 'hokkaido_sanriku_advisory'] as const;
export type HazardZone = (typeof hazardZones)[number];
