/**
 * Pipeline step "regions": the seed regions (連携中枢都市圏, 定住自立圏, seed-document groupings) plus one region per
 * prefecture, each with its members dissolved into one outline (topojson merge: shared borders vanish) and its
 * population, area, member count and centre share; the official counts (coverage); and municipality neighbours
 * (shared boundary arcs) for the two-city eligibility test. Custom regions saved by users in the previous database
 * are carried over, so a rebuild does not lose them.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Topology } from 'topojson-specification';
import type { RegionType as ApiRegionType } from '../domain/records/regions.ts';
import type { EligibilityCity } from '../domain/scoring/eligibility.ts';
import { groupTotals, neighbourMap } from '../domain/scoring/eligibility.ts';
import { DataFileError } from './csv.ts';
import { type Columns, writeTable } from './database.ts';
import { COLUMNS, DEFAULT_SEEDS_DIR, type Region, type RegionMember, loadRegionCoverage, loadRegionMembers, loadRegions, readSeedCsv } from './seeds/index.ts';
import type { MunicipalityRow } from './municipalities.ts';
import { buildDir } from './sources.ts';
import type { BuildContext, BuildStep, PrefectureRow } from './steps.ts';

/** A region row as the `regions` table holds it. */
export interface RegionRow {
  id: string;
  type: string;
  name: string;
  /** Centre codes joined with ';'. */
  centerCodes: string;
  status: string;
  asOf: string;
  source: string;
  note: string;
  population: number;
  areaKm2: number;
  memberCount: number;
  /** all / partial / centre_only: how completely the sources name the members. */
  membersKnown: string;
  centerShare: number | null;
  /** Dissolved outline as GeoJSON (MultiPolygon) text. */
  outline: string;
  createdAt: string | null;
}

/** A member row as the `region_members` table holds it. */
export interface RegionMemberRow {
  regionId: string;
  code: string;
  name: string;
  prefecture: string;
  role: 'center' | 'member';
  joined: string;
  asOf: string;
  source: string;
  note: string;
  status: string;
}

export const regionColumns: Columns<RegionRow> = [
  ['id', 'VARCHAR', 'id'],
  ['type', 'VARCHAR', 'type'],
  ['name', 'VARCHAR', 'name'],
  ['center_codes', 'VARCHAR', 'centerCodes'],
  ['status', 'VARCHAR', 'status'],
  ['as_of', 'VARCHAR', 'asOf'],
  ['source', 'VARCHAR', 'source'],
  ['note', 'VARCHAR', 'note'],
  ['population', 'BIGINT', 'population'],
  ['area_km2', 'DOUBLE', 'areaKm2'],
  ['member_count', 'INTEGER', 'memberCount'],
  ['members_known', 'VARCHAR', 'membersKnown'],
  ['center_share', 'DOUBLE', 'centerShare'],
  ['outline', 'VARCHAR', 'outline'],
  ['created_at', 'VARCHAR', 'createdAt'],
];

export const regionMemberColumns: Columns<RegionMemberRow> = [
  ['region_id', 'VARCHAR', 'regionId'],
  ['code', 'VARCHAR', 'code'],
  ['name', 'VARCHAR', 'name'],
  ['prefecture', 'VARCHAR', 'prefecture'],
  ['role', 'VARCHAR', 'role'],
  ['joined', 'VARCHAR', 'joined'],
  ['as_of', 'VARCHAR', 'asOf'],
  ['source', 'VARCHAR', 'source'],
  ['note', 'VARCHAR', 'note'],
  ['status', 'VARCHAR', 'status'],
];

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

/** Custom regions from the database being replaced, so a rebuild keeps what users saved. */
async function previousCustomRegions(log: (m: string) => void): Promise<{ regions: (Region & { createdAt: string | null })[]; members: RegionMember[] }> {
  const path = join(buildDir, 'atlas.duckdb');
  const none = { regions: [], members: [] };
  if (!existsSync(path)) return none;
  try {
    const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    const conn = await instance.connect();
    try {
      const has = await conn.runAndReadAll(`SELECT count(*) FROM information_schema.tables WHERE table_name = 'regions'`);
      if (Number(has.getRows()[0]![0]) === 0) return none;
      const rows = (await conn.runAndReadAll(`SELECT id, name, center_codes, note, created_at FROM regions WHERE type = 'custom' ORDER BY id`)).getRowObjectsJS();
      const mrows = (
        await conn.runAndReadAll(`SELECT m.region_id, m.code, m.name, m.prefecture, m.role FROM region_members m JOIN regions r ON r.id = m.region_id WHERE r.type = 'custom'`)
      ).getRowObjectsJS();
      return {
        regions: rows.map((r) => ({
          id: String(r.id),
          type: 'custom' as Region['type'],
          name: String(r.name),
          centerCodes: r.center_codes ? String(r.center_codes).split(';') : [],
          status: 'custom' as Region['status'],
          asOf: '',
          source: 'user',
          note: String(r.note ?? ''),
          membersKnown: 'all' as const,
          createdAt: r.created_at ? String(r.created_at) : null,
        })),
        members: mrows.map((m) => ({
          regionId: String(m.region_id),
          code: String(m.code),
          name: String(m.name),
          prefecture: String(m.prefecture),
          role: m.role === 'center' ? 'center' : 'member',
          joined: '',
          asOf: '',
          source: 'user',
          note: '',
          status: 'custom' as RegionMember['status'],
        })),
      };
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  } catch (err) {
    log(`WARNING: could not read custom regions from ${path} (${(err as Error).message.split('\n')[0]}); stop the server and rebuild to keep them`);
    return none;
  }
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
    const carried = await previousCustomRegions(ctx.log);
    const keptCustom = carried.regions.filter((r) => {
      const own = carried.members.filter((m) => m.regionId === r.id);
      const lost = own.filter((m) => !validCodes.has(m.code));
      if (lost.length) ctx.log(`custom region ${r.id} ${r.name} dropped: ${lost.map((m) => m.code).join(', ')} no longer exist`);
      return own.length > 0 && lost.length === 0;
    });
    const keptIds = new Set(keptCustom.map((r) => r.id));

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
      ...keptCustom.map((r) =>
        regionRow(
          r,
          carried.members.filter((m) => m.regionId === r.id),
          cities,
          ctx.topology,
          r.createdAt,
        ),
      ),
    ];
    const memberRows: RegionMemberRow[] = [...seedMembers, ...prefs.flatMap((p) => p.members), ...carried.members.filter((m) => keptIds.has(m.regionId))];
    await writeTable(ctx.conn, 'regions', regionColumns, regionRows, 'id');
    await writeTable(ctx.conn, 'region_members', regionMemberColumns, memberRows);
    await writeTable(
      ctx.conn,
      'region_coverage',
      [
        ['type', 'VARCHAR', 'type'],
        ['metric', 'VARCHAR', 'metric'],
        ['value', 'BIGINT', 'value'],
        ['as_of', 'VARCHAR', 'asOf'],
        ['source', 'VARCHAR', 'source'],
        ['note', 'VARCHAR', 'note'],
      ],
      coverage,
    );
    const pairs = [...neighbours].flatMap(([code, list]) => list.map((n) => ({ code, neighborCode: n })));
    await writeTable(
      ctx.conn,
      'municipality_neighbors',
      [
        ['code', 'VARCHAR', 'code'],
        ['neighbor_code', 'VARCHAR', 'neighborCode'],
      ],
      pairs,
    );
    await ctx.conn.run('CREATE INDEX region_members_code ON region_members (code)');
    await ctx.conn.run('CREATE INDEX region_members_region ON region_members (region_id)');

    const count = (type: string) => regionRows.filter((r) => r.type === type).length;
    return `${regionRows.length} regions (${count('central_city_region')} 連携中枢都市圏, ${count('settlement_zone')} 定住自立圏, ${count('seed_grouping')} groupings, ${count('prefecture')} prefectures, ${keptCustom.length} custom kept), ${memberRows.length.toLocaleString()} members, ${pairs.length / 2} neighbour pairs`;
  },
};
