/**
 * Pipeline step: hazard-zone designations (seeds/hazard_zones.csv) → tables `hazard_zones` and
 * `hazard_zones_partial`.
 *
 * - `hazard_zones (zone, zone_name, hazard, code, scope, as_of, source)`: one row per designated
 *   municipality. A `prefecture_all` row is expanded to every municipality of its prefecture.
 * - `hazard_zones_partial (zone, zone_name, hazard, pref_code, prefecture, as_of, source, note)`: prefectures
 *   that are only partly designated and whose members the sources do not list ("partly designated").
 *   Nothing is guessed: their municipalities are not in `hazard_zones` unless listed one by one.
 *
 * `hazard` groups a zone with its sub-zones (津波避難対策特別強化地域 lies inside its 推進地域, 首都中枢 inside
 * 首都直下), so "both in the same designated zone" means "both exposed to the same expected earthquake".
 */
import type { HazardZone, HazardZoneRow } from './seeds/index.ts';
import { loadHazardZones } from './seeds/index.ts';
import { writeTable } from './database.ts';
import { builtTables, type HazardPartialRow as HazardPartialTableRow, type HazardZoneRow as HazardTableRow } from '../domain/tables.ts';
import type { BuildStep } from './steps.ts';

/** The expected earthquake each zone belongs to (its 推進地域 / 緊急対策区域). */
export const hazardOfZone: Readonly<Record<HazardZone, string | null>> = {
  nankai_trough: 'nankai_trough',
  nankai_trough_tsunami: 'nankai_trough',
  tokyo_inland: 'tokyo_inland',
  tokyo_core: 'tokyo_inland',
  japan_trench: 'japan_trench',
  japan_trench_tsunami: 'japan_trench',
  // Known only as a count; no member rows.
  hokkaido_sanriku_advisory: null,
};

/** A row of `hazard_zones` (its one definition is domain/tables.ts), with the zone and scope as the seeds type them. */
export type HazardMemberRow = Omit<HazardTableRow, 'zone' | 'scope'> & { zone: HazardZone; scope: 'municipality' | 'prefecture_all' };

/** A row of `hazard_zones_partial` (defined in domain/tables.ts), with the zone as the seeds type it. */
export type HazardPartialRow = Omit<HazardPartialTableRow, 'zone'> & { zone: HazardZone };

/**
 * Expands the seed rows: whole prefectures to their municipalities, partial prefectures kept apart,
 * counts dropped. A municipality listed both by name and through its whole prefecture appears once.
 * @example expandHazardZones(rows, [{ code: '22100', prefCode: '22' }]).members[0].code // '22100'
 */
export function expandHazardZones(
  rows: readonly HazardZoneRow[],
  municipalities: readonly { code: string; prefCode: string }[],
): { members: HazardMemberRow[]; partial: HazardPartialRow[] } {
  const members = new Map<string, HazardMemberRow>();
  const partial: HazardPartialRow[] = [];
  for (const r of rows) {
    const hazard = hazardOfZone[r.zone];
    if (!hazard || r.scope === 'count') continue;
    const base = { zone: r.zone, zoneName: r.zoneName, hazard, asOf: r.asOf, source: r.source };
    if (r.scope === 'municipality') members.set(`${r.zone}:${r.code}`, { ...base, code: r.code, scope: 'municipality' });
    else if (r.scope === 'prefecture_all') {
      for (const m of municipalities) {
        const key = `${r.zone}:${m.code}`;
        if (m.prefCode === r.prefCode && !members.has(key)) members.set(key, { ...base, code: m.code, scope: 'prefecture_all' });
      }
    } else partial.push({ ...base, prefCode: r.prefCode, prefecture: r.prefecture, note: r.note });
  }
  return { members: [...members.values()].sort((a, b) => a.zone.localeCompare(b.zone) || a.code.localeCompare(b.code)), partial };
}

export const hazardStep: BuildStep = {
  name: 'hazard zones (seeds/hazard_zones.csv)',
  async run(ctx) {
    const rows = loadHazardZones(new Set(ctx.municipalities.map((m) => m.code)));
    const { members, partial } = expandHazardZones(rows, ctx.municipalities);
    await writeTable(ctx.conn, builtTables.hazardZones, members);
    await writeTable(ctx.conn, builtTables.hazardZonesPartial, partial);
    const byHazard = new Map<string, Set<string>>();
    for (const m of members) byHazard.set(m.hazard, (byHazard.get(m.hazard) ?? new Set()).add(m.code));
    const counts = [...byHazard].map(([h, s]) => `${h} ${s.size}`).join(', ');
    return `hazard_zones (${members.length} rows; municipalities per hazard: ${counts}), hazard_zones_partial (${partial.length} partly designated prefectures)`;
  },
};
