import { type CommuteIndex, type CommuteLink, commuteIndex } from '../../domain/scoring/commuting.ts';
import type { EligibilityCity, MergerInfo, RuleData } from '../../domain/scoring/eligibility.ts';
import type { AtlasDb } from '../db.ts';

/** What eligibility, previews and saved groupings read of the built database, once per opened database. */
export interface Reference {
  cities: Map<string, EligibilityCity>;
  neighbours: Map<string, string[]>;
  commute: CommuteIndex;
  rules: RuleData;
  names: Map<string, { name: string; population: number }>;
}

// The municipalities, neighbours, employment areas and mergers never change while the server runs: read them once per database.
const references = new WeakMap<AtlasDb, Promise<Reference>>();
/** The municipalities, neighbours, employment areas and mergers of the built database, read once per opened database. */
export function reference(db: AtlasDb): Promise<Reference> {
  let r = references.get(db);
  if (!r) {
    r = (async () => {
      const rows = await db.all(`SELECT code, name, pref_code AS "prefCode", pref_name AS "prefName", kind, population, area_km2 AS "areaKm2",
        day_night_ratio AS "dayNightRatio", day_night_estimated AS "dayNightEstimated", lon, lat FROM municipalities`);
      const pairs = await db.all<{ code: string; n: string }>('SELECT code, neighbor_code AS n FROM municipality_neighbors ORDER BY code, n');
      const neighbours = new Map<string, string[]>();
      for (const p of pairs) neighbours.set(p.code, [...(neighbours.get(p.code) ?? []), p.n]);
      const links = await db.all(`SELECT area_id AS "areaId", area_code AS "areaCode", area_kind AS "areaKind", area_name AS "areaName", code,
        unit_code AS "unitCode", commute_order AS "order", to_code AS "toCode", rate, employment_residence_ratio AS "employmentResidenceRatio"
        FROM commute_links ORDER BY area_id, commute_order, code`);
      const mergerRows = await db.all<{ code: string; merged_on: string; former_name: string }>(
        'SELECT code, max(merged_on) OVER (PARTITION BY code) AS merged_on, former_name FROM municipality_mergers ORDER BY code, merged_on, former_code',
      );
      const mergers = new Map<string, MergerInfo>();
      for (const m of mergerRows) {
        const info = mergers.get(m.code) ?? { mergedOn: m.merged_on, formerNames: [] };
        if (!info.formerNames.includes(m.former_name)) info.formerNames.push(m.former_name);
        mergers.set(m.code, info);
      }
      const error = await db.one<{ value: string }>(`SELECT value FROM meta WHERE key = 'day_night_estimate_error_points'`);
      const cities = new Map(rows.map((c) => [String(c.code), c as unknown as EligibilityCity]));
      const commute = commuteIndex(links as unknown as CommuteLink[]);
      return {
        cities,
        neighbours,
        commute,
        rules: { byCode: cities, neighbours, commute, mergers, estimateErrorPoints: Number(error?.value ?? 8) },
        names: new Map([...cities.values()].map((c) => [c.code, { name: c.name, population: c.population }])),
      };
    })();
    r.catch(() => references.delete(db));
    references.set(db, r);
  }
  return r;
}
