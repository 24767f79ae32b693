/**
 * Saved what-if groupings (custom regions) in the user store: saving, deleting, and recomputing their totals and
 * outlines when the built database they were computed against has been replaced by a rebuild.
 */
import { randomBytes } from 'node:crypto';
import type { Topology } from 'topojson-specification';
import type { CustomRegionInput } from '../../domain/records/regions.ts';
import { groupTotals } from '../../domain/scoring/eligibility.ts';
import { type CustomRegionMemberRow, type CustomRegionRow, userTables } from '../../domain/tables.ts';
import type { AtlasDb } from '../db.ts';
import { ApiError } from '../errors.ts';
import { insertRows, userTable } from '../store.ts';
import { type Reference, reference } from './reference.ts';

/** Checks codes against the municipalities; 400 naming every unknown code. */
function checkCodes(ref: Reference, codes: readonly string[], field: string): void {
  const unknown = [...new Set(codes)].filter((c) => !ref.cities.has(c));
  if (unknown.length)
    throw new ApiError(400, 'unknown_codes', `body ${field}: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a municipality code' : 'are not municipality codes'}`);
}

/** Members and centres without repeats; 400 for unknown codes or a centre outside the members. */
export function checkGroup(ref: Reference, input: Pick<CustomRegionInput, 'memberCodes' | 'centerCodes'>): { members: string[]; centres: string[] } {
  checkCodes(ref, input.memberCodes, 'memberCodes');
  const members = [...new Set(input.memberCodes)];
  const centres = [...new Set(input.centerCodes ?? [])];
  const outside = centres.filter((c) => !members.includes(c));
  if (outside.length) throw new ApiError(400, 'invalid_input', `body centerCodes: ${outside.join(', ')} must also be in memberCodes`);
  return { members, centres };
}

/** The totals and outline of a grouping in the build attached now, stamped with that build. */
function derived(db: AtlasDb, ref: Reference, topology: Topology, members: readonly string[], centres: readonly string[]) {
  const s = groupTotals(members, ref.cities, topology, centres);
  return { population: s.population, areaKm2: s.areaKm2, memberCount: s.memberCount, centerShare: s.centerShare, outline: JSON.stringify(s.outline), derivedFrom: db.buildId };
}

/**
 * Saves a custom region (members, totals, outline) in one transaction of the user store; returns its id.
 * @example await saveCustomRegion(db, topology, { name: '東備後案', memberCodes: ['34207', '34205'] }) // 'custom-3f…'
 */
export async function saveCustomRegion(db: AtlasDb, topology: Topology, input: CustomRegionInput): Promise<string> {
  const ref = await reference(db);
  const { members, centres } = checkGroup(ref, input);
  const row: CustomRegionRow = {
    id: `custom-${randomBytes(5).toString('hex')}`,
    name: input.name,
    centerCodes: centres.join(';'),
    note: input.note ?? '',
    createdAt: new Date().toISOString(),
    ...derived(db, ref, topology, members, centres),
  };
  const memberRows: CustomRegionMemberRow[] = members.map((code) => ({ regionId: row.id, code, role: centres.includes(code) ? 'center' : 'member' }));
  await db.transaction(async (run) => {
    await insertRows(run, userTables.customRegions, [row]);
    await insertRows(run, userTables.customRegionMembers, memberRows);
  });
  return row.id;
}

/** Removes a custom region; 404 when unknown, 403 for a region that is not custom. */
export async function deleteCustomRegion(db: AtlasDb, id: string): Promise<{ deleted: string }> {
  const row = await db.one<{ type: string }>('SELECT type FROM regions WHERE id = $1', [id]);
  if (!row) throw new ApiError(404, 'not_found', `no region has id ${id}`);
  if (row.type !== 'custom') throw new ApiError(403, 'forbidden', `region ${id} is a ${row.type} from the seeds; only custom regions can be deleted`);
  await db.transaction(async (run) => {
    await run(`DELETE FROM ${userTable(userTables.customRegionMembers)} WHERE region_id = $1`, [id]);
    await run(`DELETE FROM ${userTable(userTables.customRegions)} WHERE id = $1`, [id]);
  });
  return { deleted: id };
}

/**
 * Recomputes the totals and outlines of groupings computed against another build (after `npm run data:build`),
 * in one transaction. Members missing from this build stay stored and are reported, not dropped.
 * @returns the groupings recomputed, and `id: codes` for each member code this build does not know
 */
export async function refreshCustomRegions(db: AtlasDb, topology: Topology): Promise<{ refreshed: number; missing: string[] }> {
  const stale = await db.all<{ id: string; center_codes: string }>(`SELECT id, center_codes FROM ${userTable(userTables.customRegions)} WHERE derived_from IS DISTINCT FROM $1`, [
    db.buildId,
  ]);
  if (stale.length === 0) return { refreshed: 0, missing: [] };
  const ref = await reference(db);
  const members = await db.all<{ region_id: string; code: string }>(`SELECT region_id, code FROM ${userTable(userTables.customRegionMembers)} ORDER BY region_id, code`);
  const missing: string[] = [];
  await db.transaction(async (run) => {
    for (const r of stale) {
      const codes = members.filter((m) => m.region_id === r.id).map((m) => m.code);
      const lost = codes.filter((c) => !ref.cities.has(c));
      if (lost.length) missing.push(`${r.id}: ${lost.join(', ')}`);
      const d = derived(db, ref, topology, codes, r.center_codes ? r.center_codes.split(';') : []);
      await run(
        `UPDATE ${userTable(userTables.customRegions)} SET population = $2, area_km2 = $3, member_count = $4, center_share = $5, outline = $6, derived_from = $7 WHERE id = $1`,
        [r.id, d.population, d.areaKm2, d.memberCount, d.centerShare, d.outline, d.derivedFrom],
      );
    }
  });
  return { refreshed: stale.length, missing };
}
