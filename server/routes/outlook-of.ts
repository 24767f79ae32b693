import type { AtlasDb } from '../db.ts';
import { type Outlook, type OutlookGroup, type OutlookPoint, regionOutlook } from '../../domain/records/outlook.ts';

interface Projections {
  /** Unit code of every municipality (its own code, or its group's). */
  unitOf: Map<string, string>;
  series: Map<string, OutlookPoint[]>;
  groups: Record<string, OutlookGroup>;
}

// The projections never change while the server runs: read them once per database (1,729 units × 7 years).
const cache = new WeakMap<AtlasDb, Promise<Projections>>();
function projections(db: AtlasDb): Promise<Projections> {
  let p = cache.get(db);
  if (!p) {
    p = (async () => {
      const units = await db.all<{ unit_code: string; name: string; kind: string; code: string }>('SELECT unit_code, name, kind, code FROM projection_units ORDER BY code');
      const rows = await db.all<{ unit_code: string; year: number; population: number; under15: number; working_age: number; elderly: number }>(
        'SELECT unit_code, year, population, under15, working_age, elderly FROM projections ORDER BY unit_code, year',
      );
      const series = new Map<string, OutlookPoint[]>();
      for (const r of rows) {
        const point = { year: Number(r.year), population: Number(r.population), under15: Number(r.under15), workingAge: Number(r.working_age), elderly: Number(r.elderly) };
        series.set(r.unit_code, [...(series.get(r.unit_code) ?? []), point]);
      }
      const groups: Record<string, OutlookGroup> = {};
      for (const u of units.filter((x) => x.kind === 'group')) {
        const g = (groups[u.unit_code] ??= { code: u.unit_code, name: u.name, memberCodes: [] });
        g.memberCodes.push(u.code);
      }
      return { unitOf: new Map(units.map((u) => [u.code, u.unit_code])), series, groups };
    })();
    p.catch(() => cache.delete(db));
    cache.set(db, p);
  }
  return p;
}

/**
 * A municipality's 2020→2050 outlook: its own projection, or its group's where IPSS publishes only the group.
 * @example (await outlookOf(db, '07546')).scope // 'group' (双葉町, in 浜通り地域)
 */
export async function outlookOf(db: AtlasDb, code: string): Promise<Outlook | null> {
  const p = await projections(db);
  const unit = p.unitOf.get(code);
  if (!unit) return null;
  const group = p.groups[unit] ?? null;
  return { scope: group ? 'group' : 'municipality', series: p.series.get(unit) ?? [], group, includedGroups: [], excluded: [], sourceId: 'ipss_projections' };
}

/**
 * A region's outlook summed over the given members (see regionOutlook for groups).
 * @example (await outlookOfMembers(db, [{ code: '34207', name: '福山市' }])).series[0].population
 */
export async function outlookOfMembers(db: AtlasDb, members: readonly { code: string; name: string }[]): Promise<Outlook> {
  const p = await projections(db);
  const withUnit = members.flatMap((m) => {
    const unit = p.unitOf.get(m.code);
    return unit ? [{ ...m, unit }] : [];
  });
  return regionOutlook(withUnit, p.series, p.groups);
}
