/**
 * Pipeline step "regions": the seed regions (連携中枢都市圏, 定住自立圏, seed-document groupings) plus one region per
 * prefecture, each with its members dissolved into one outline (topojson merge: shared borders vanish) and its
 * population, area, member count and centre share; the official counts (coverage); and municipality neighbours
 * (shared boundary arcs) for the two-city eligibility test. Custom regions saved by users live in the user store,
 * which the build never reads or writes; the server shows both through one view (server/store.ts).
 */
import { join } from 'node:path';
import type { Topology } from 'topojson-specification';
import type { RegionType as ApiRegionType } from '../domain/records/regions.ts';
import type { EligibilityCity } from '../domain/scoring/eligibility.ts';
import { groupTotals, neighbourMap } from '../domain/scoring/eligibility.ts';
import { DataFileError } from './csv.ts';
import { writeTable } from './database.ts';
import { type RegionMemberRow, type RegionRow, builtTables } from '../domain/tables.ts';
import { COLUMNS, DEFAULT_SEEDS_DIR, type Region, type RegionMember, loadRegionCoverage, loadRegionMembers, loadRegions, readSeedCsv } from './seeds/index.ts';
import type { MunicipalityRow } from './municipalities.ts';
import type { BuildContext, BuildStep, PrefectureRow } from './steps.ts';

/** Members counted in a region's totals: those whose status is the region's (a member "planned" to join is not). */
export const isCurrentMember = (region: { status: string }, member: { status: string }) => member.status === region.status;

/**
 * Checks that members and regions refer to each other: every member's region exists, every region has members,
 * every centre is a member with role `center`. Throws DataFileError with the file and row.
 */
export function checkRegionSeeds(regions: readonly Region[], members: readonly RegionMember[], memberLines: readonly number[]): void {
  const file = 'seeds/region_members.csv';
  const ids = new Set(regions.map((r) => r.id));
  members.forEach((m, i) => {
    if (!ids.has(m.regionId)) throw new DataFileError(file, memberLines[i] ?? null, `region_id ${m.regionId} is not in seeds/regions.csv`, 'add the region or correct the id');
  });
  for (const r of regions) {
    const own = members.filter((m) => m.regionId === r.id);
    if (own.length === 0) throw new DataFileError('seeds/regions.csv', null, `region ${r.id} ${r.name} has no members`, `list its members in ${file}`);
    for (const c of r.centerCodes) {
      const m = own.find((x) => x.code === c);
      if (m?.role !== 'center')
        throw new DataFileError(
          file,
          m ? (memberLines[members.indexOf(m)] ?? null) : null,
          `centre ${c} of ${r.id} is not listed as a member with role center`,
          'add the centre as a member with role center',
        );
    }
  }
}

/**
 * One `prefecture` region per prefecture (`pref-13` …) with every municipality as a member.
 * @example prefectureRegions(prefs, munis)[0].region.id // 'pref-01'
 */
export function prefectureRegions(prefectures: readonly PrefectureRow[], municipalities: readonly MunicipalityRow[]): { region: Region; members: RegionMember[] }[] {
  return prefectures.map((p) => {
    const region: Region = {
      id: `pref-${p.code}`,
      type: 'prefecture' as Region['type'],
      name: p.name,
      centerCodes: [],
      status: 'active',
      asOf: '2020-10-01',
      source: '国勢調査 2020 · 国土数値情報 N03',
      note: '',
      membersKnown: 'all',
    };
    const members = municipalities
      .filter((m) => m.prefCode === p.code)
      .map(
        (m): RegionMember => ({
          regionId: region.id,
          code: m.code,
          name: m.name,
          prefecture: p.name,
          role: 'member',
          joined: '',
          asOf: '',
          source: region.source,
          note: '',
          status: 'active',
        }),
      );
    return { region, members };
  });
}

/**
 * A region's table row: the seed facts plus totals over its current members and the dissolved outline.
 * @example regionRow(region, members, cities, topology).memberCount // 9 for 備後圏域
 */
export function regionRow(
  region: Pick<Region, 'id' | 'name' | 'centerCodes' | 'asOf' | 'source' | 'note' | 'membersKnown'> & { type: ApiRegionType; status: string },
  members: readonly Pick<RegionMember, 'code' | 'status'>[],
  cities: ReadonlyMap<string, EligibilityCity>,
  topology: Topology,
  createdAt: string | null = null,
): RegionRow {
  const current = members.filter((m) => isCurrentMember(region, m)).map((m) => m.code);
  const s = groupTotals(current, cities, topology, region.centerCodes);
  return {
    id: region.id,
    type: region.type,
    name: region.name,
    centerCodes: region.centerCodes.join(';'),
    status: region.status,
    asOf: region.asOf,
    source: region.source,
    note: region.note,
    population: s.population,
    areaKm2: s.areaKm2,
    memberCount: s.memberCount,
    membersKnown: region.membersKnown,
    centerShare: s.centerShare,
    outline: JSON.stringify(s.outline),
    createdAt,
  };
}

/** The regions step, registered in data/steps.ts. */
export const regionsStep: BuildStep = {
  name: 'regions (seeds, prefectures, dissolved outlines, neighbours)',
  async run(ctx: BuildContext): Promise<string> {
    const validCodes = new Set(ctx.municipalities.map((m) => m.code));
    const seedRegions = loadRegions(validCodes);
    const seedMembers = loadRegionMembers(validCodes);
    const coverage = loadRegionCoverage();
    const memberLines = readSeedCsv(join(DEFAULT_SEEDS_DIR, 'region_members.csv'), COLUMNS.region_members).rows.map((r) => r.line);
    checkRegionSeeds(seedRegions, seedMembers, memberLines);

    const cities = new Map<string, EligibilityCity>(ctx.municipalities.map((m) => [m.code, m]));
    const neighbours = neighbourMap(ctx.topology);
    const prefs = prefectureRegions(ctx.prefectures, ctx.municipalities);

    const regionRows: RegionRow[] = [
      ...seedRegions.map((r) =>
        regionRow(
          r,
          seedMembers.filter((m) => m.regionId === r.id),
          cities,
          ctx.topology,
        ),
      ),
      ...prefs.map((p) => regionRow(p.region, p.members, cities, ctx.topology)),
    ];
    const memberRows: RegionMemberRow[] = [...seedMembers, ...prefs.flatMap((p) => p.members)];
    await writeTable(ctx.conn, builtTables.regions, regionRows);
    await writeTable(ctx.conn, builtTables.regionMembers, memberRows);
    await writeTable(ctx.conn, builtTables.regionCoverage, coverage);
    const pairs = [...neighbours].flatMap(([code, list]) => list.map((n) => ({ code, neighborCode: n })));
    await writeTable(ctx.conn, builtTables.municipalityNeighbors, pairs);

    const count = (type: string) => regionRows.filter((r) => r.type === type).length;
    return `${regionRows.length} regions (${count('central_city_region')} 連携中枢都市圏, ${count('settlement_zone')} 定住自立圏, ${count('seed_grouping')} groupings, ${count('prefecture')} prefectures), ${memberRows.length.toLocaleString()} members, ${pairs.length / 2} neighbour pairs`;
  },
};
