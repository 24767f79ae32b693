/**
 * The 2050 outlook (IPSS 2023 regional projections) of a municipality or a region, shared by server and client,
 * and the pure rule that sums a region's members.
 *
 * IPSS publishes 13 浜通り municipalities only as one group (07999): such a member has no figures of its own. A
 * municipality's outlook then shows the group's figures, marked as the group's; a region adds the group only when
 * every one of its members belongs to the region, and otherwise leaves those members out and names them.
 */

import { z } from 'zod';
import { pure } from './pure.ts';

/** One year of a projection: total and the three age groups. */
export const OutlookPoint = pure(() => z.object({ year: z.number(), population: z.number(), under15: z.number(), workingAge: z.number(), elderly: z.number() }));
export type OutlookPoint = z.infer<typeof OutlookPoint>;

/** A published group of municipalities projected only together (浜通り地域). */
export const OutlookGroup = pure(() => z.object({ code: z.string(), name: z.string(), memberCodes: z.array(z.string()) }));
export type OutlookGroup = z.infer<typeof OutlookGroup>;

/**
 * GET /api/municipalities/{code}.outlook and GET /api/regions/{id}.outlook.
 * - `municipality`: the place's own projection;
 * - `group`: the place has none of its own; `series` is its group's (all members together);
 * - `region`: the sum over the region's current members that have one (see `excluded`).
 */
export const Outlook = pure(() =>
  z.object({
    scope: z.enum(['municipality', 'group', 'region']),
    series: z.array(OutlookPoint).describe('2020 (census base) to 2050 in five-year steps.'),
    group: OutlookGroup.nullable().describe('The group whose figures `series` is (scope group), or null.'),
    includedGroups: z.array(OutlookGroup).describe('Regions: groups added whole because every one of their members is a member of the region.'),
    excluded: z
      .array(z.object({ code: z.string(), name: z.string(), groupCode: z.string(), groupName: z.string() }))
      .describe('Regions: members left out of the sum because their projection exists only with a group not wholly inside.'),
    sourceId: z.literal('ipss_projections').describe('Id of the dataset in GET /api/sources.'),
  }),
);
export type Outlook = z.infer<typeof Outlook>;

/** Sums points year by year (all inputs share the same years). */
export function sumSeries(list: readonly (readonly OutlookPoint[])[]): OutlookPoint[] {
  const first = list[0];
  if (!first) return [];
  return first.map((p, i) => ({
    year: p.year,
    population: list.reduce((s, x) => s + x[i]!.population, 0),
    under15: list.reduce((s, x) => s + x[i]!.under15, 0),
    workingAge: list.reduce((s, x) => s + x[i]!.workingAge, 0),
    elderly: list.reduce((s, x) => s + x[i]!.elderly, 0),
  }));
}

/**
 * A region's outlook from its members' projection units.
 * @param members the region's current members with the unit that projects each (own code, or a group's code)
 * @param series every needed unit's series by unit code
 * @param groups every group unit, by code
 * @example regionOutlook([{ code: '10444', name: '川場村', unit: '10444' }], series, {}).series.at(-1)?.population // 2164
 */
export function regionOutlook(
  members: readonly { code: string; name: string; unit: string }[],
  series: ReadonlyMap<string, readonly OutlookPoint[]>,
  groups: Readonly<Record<string, OutlookGroup>>,
): Outlook {
  const codes = new Set(members.map((m) => m.code));
  const parts: (readonly OutlookPoint[])[] = [];
  const includedGroups: OutlookGroup[] = [];
  const excluded: Outlook['excluded'] = [];
  for (const m of members) {
    const group = groups[m.unit];
    if (!group) {
      const own = series.get(m.unit);
      if (own) parts.push(own);
      continue;
    }
    if (group.memberCodes.every((c) => codes.has(c))) {
      if (!includedGroups.includes(group)) {
        includedGroups.push(group);
        parts.push(series.get(group.code) ?? []);
      }
    } else excluded.push({ code: m.code, name: m.name, groupCode: group.code, groupName: group.name });
  }
  return { scope: 'region', series: sumSeries(parts.filter((p) => p.length > 0)), group: null, includedGroups, excluded, sourceId: 'ipss_projections' };
}
