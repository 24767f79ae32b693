/**
 * Typed, validated readers for the project's curated seed files (seeds/*.csv).
 *
 * Each loader reads one file, checks its header, every value against the closed sets of
 * schema.ts and every municipality code against `validCodes` (the codes of the municipality
 * master), and returns typed rows. Anything wrong throws a SeedError naming the file, the row
 * (line number; the header is line 1), the column and how to fix it.
 *
 * @example
 * import { loadMaster } from './master.ts';
 * import { loadAllSeeds } from './index.ts';
 * const seeds = loadAllSeeds(loadMaster().codes);
 * seeds.regions.filter((r) => r.type === 'central_city_region' && r.status === 'active').length // 37
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CsvSyntaxError, parseCsv } from '../../domain/csv.ts';
import { SeedError } from './errors.ts';
import { isPrefecturePartnerCode, prefectureCode } from '../../domain/names/prefectures.ts';
import {
  type CityDesignation,
  COLUMNS,
  COVERAGE_TYPES,
  type CoverageType,
  DESIGNATIONS,
  type Designation,
  type Exchange,
  EXCHANGE_KINDS,
  type ExchangeKind,
  type ExchangeNetworkMember,
  HAZARD_SCOPES,
  HAZARD_ZONES,
  type HazardScope,
  type HazardZone,
  type HazardZoneRow,
  MEMBER_ROLES,
  MEMBERS_KNOWN,
  type MemberRole,
  type MembersKnown,
  NETWORK_MEMBERSHIPS,
  type NetworkMembership,
  type Region,
  type RegionCoverage,
  REGION_ID_PREFIX,
  REGION_STATUSES,
  REGION_TYPES,
  type RegionMember,
  type RegionStatus,
  type RegionType,
  type SeedFileName,
} from './schema.ts';

export { CsvSyntaxError, formatCsv, parseCsv } from '../../domain/csv.ts';
export { SeedError } from './errors.ts';
export { loadMaster, Master, type Municipality } from './master.ts';
export { isPrefecturePartnerCode, prefectureCode, prefectureName, prefecturePartnerCode, PREFECTURES } from '../../domain/names/prefectures.ts';
export * from './schema.ts';

/** The repository's seeds/ folder. */
export const DEFAULT_SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where to read the seed files from (default: the repository's seeds/). */
export interface SeedLoadOptions {
  dir?: string;
}

/** One row of a seed file: its values by column and the line it starts on. */
export interface SeedRow {
  line: number;
  values: Readonly<Record<string, string>>;
}

export interface SeedTable {
  /** Path as shown in errors (relative to the repository when inside it). */
  file: string;
  header: string[];
  rows: SeedRow[];
}

function displayPath(path: string): string {
  const rel = relative(REPO_ROOT, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/**
 * Reads any seed CSV. With `columns`, the header must be exactly those columns in that order.
 *
 * @example
 * readSeedCsv('seeds/regions.csv', COLUMNS.regions).rows[0].values.id // 'ccr-01100'
 */
export function readSeedCsv(path: string, columns?: readonly string[]): SeedTable {
  const file = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new SeedError({ file, row: 0, problem: 'cannot be read', fix: 'run npx tsx data/seeds/import-facts.ts to regenerate the seed files' });
  }
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(text, file);
  } catch (err) {
    if (err instanceof CsvSyntaxError)
      throw new SeedError({ file, row: err.line, problem: err.message.replace(`${file} line ${err.line}: `, ''), fix: 'repair the quoting (RFC 4180)' });
    throw err;
  }
  const header = parsed.records[0] ?? [];
  if (columns && (header.length !== columns.length || header.some((h, i) => h !== columns[i]))) {
    throw new SeedError({ file, row: 1, problem: `header is '${header.join(',')}'`, fix: `use exactly '${columns.join(',')}'` });
  }
  const rows = parsed.records.slice(1).map((rec, i): SeedRow => {
    const line = parsed.lines[i + 1]!;
    if (rec.length !== header.length) {
      throw new SeedError({
        file,
        row: line,
        problem: `${rec.length} fields where the header has ${header.length}`,
        fix: 'quote any field that contains a comma, quote or line break',
      });
    }
    return { line, values: Object.fromEntries(header.map((h, j) => [h, rec[j]!])) };
  });
  return { file, header, rows };
}

function seedTable(name: SeedFileName, opts: SeedLoadOptions | undefined): SeedTable {
  return readSeedCsv(join(opts?.dir ?? DEFAULT_SEEDS_DIR, `${name}.csv`), COLUMNS[name]);
}

const DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;

/** Value checks for one row; each throws a SeedError pointing at the cell. */
function cells(file: string, row: SeedRow) {
  const fail = (column: string, problem: string, fix: string): never => {
    throw new SeedError({ file, row: row.line, column, problem, fix });
  };
  const get = (column: string): string => row.values[column] ?? '';
  return {
    fail,
    get,
    required(column: string): string {
      const v = get(column);
      if (v.trim() === '') fail(column, 'is empty', 'fill it in');
      if (v !== v.trim()) fail(column, `'${v}' has leading or trailing spaces`, 'trim the value');
      return v;
    },
    oneOf<T extends string>(column: string, allowed: readonly T[]): T {
      const v = get(column);
      if (!(allowed as readonly string[]).includes(v)) fail(column, `'${v}' is not allowed`, `use one of ${allowed.join(', ')}`);
      return v as T;
    },
    date(column: string): string {
      const v = get(column);
      if (v !== '' && !DATE.test(v)) fail(column, `'${v}' is not a date`, 'write YYYY, YYYY-MM or YYYY-MM-DD, or leave it empty (put any wording in note)');
      return v;
    },
    year(column: string): number | null {
      const v = get(column);
      if (v === '') return null;
      const n = Number(v);
      if (!/^\d{4}$/.test(v) || n < 1850 || n > 2100) fail(column, `'${v}' is not a year`, 'write a four-digit year, or leave it empty');
      return n;
    },
    wholeNumber(column: string): number {
      const v = get(column);
      if (!/^\d+$/.test(v)) fail(column, `'${v}' is not a whole number`, 'write digits only');
      return Number(v);
    },
    prefecture(column: string): string {
      const v = get(column);
      if (prefectureCode(v) === undefined) fail(column, `'${v}' is not a prefecture`, 'use the full name, e.g. 北海道, 東京都, 長野県');
      return v;
    },
    /** A municipality code known to the master and lying in `prefecture`. */
    code(column: string, validCodes: ReadonlySet<string>, prefecture: string, allowPrefecture = false): string {
      const v = get(column);
      if (!/^\d{5}$/.test(v)) fail(column, `'${v}' is not a 5-digit code`, 'write the JIS code as text with its leading zero, e.g. 01400');
      if (allowPrefecture && isPrefecturePartnerCode(v)) {
        if (v.slice(0, 2) !== prefectureCode(prefecture)) fail(column, `prefecture code ${v} is not ${prefecture}`, 'use the prefecture code + "000"');
        return v;
      }
      if (!validCodes.has(v)) {
        fail(
          column,
          `${v} is not in the municipality master`,
          allowPrefecture ? 'use a current municipality code, or PP000 for a prefecture partner' : "use the code of the current municipality (merged ones map to today's code)",
        );
      }
      if (v.slice(0, 2) !== prefectureCode(prefecture)) fail(column, `${v} does not lie in ${prefecture}`, 'correct the code or the prefecture');
      return v;
    },
  };
}

const META = ['source', 'note'] as const;
function sourceAndNote(c: ReturnType<typeof cells>): { source: string; note: string } {
  return { source: c.required(META[0]), note: c.get(META[1]) };
}

/** 政令指定都市 / 中核市 / 施行時特例市 from seeds/city_designations.csv. */
export function loadDesignations(validCodes: ReadonlySet<string>, opts?: SeedLoadOptions): CityDesignation[] {
  const t = seedTable('city_designations', opts);
  const seen = new Set<string>();
  return t.rows.map((row) => {
    const c = cells(t.file, row);
    const prefecture = c.prefecture('prefecture');
    const code = c.code('code', validCodes, prefecture);
    if (seen.has(code)) c.fail('code', `${code} appears twice`, 'keep one row per city');
    seen.add(code);
    const since = c.date('since');
    return {
      code,
      name: c.required('name'),
      prefecture,
      designation: c.oneOf<Designation>('designation', DESIGNATIONS),
      since,
      asOf: c.date('as_of'),
      ...sourceAndNote(c),
    };
  });
}

/** 連携中枢都市圏, 定住自立圏 and seed-document groupings from seeds/regions.csv. */
export function loadRegions(validCodes: ReadonlySet<string>, opts?: SeedLoadOptions): Region[] {
  const t = seedTable('regions', opts);
  const seen = new Set<string>();
  return t.rows.map((row) => {
    const c = cells(t.file, row);
    const type = c.oneOf<RegionType>('type', REGION_TYPES);
    const id = c.required('id');
    const pattern = type === 'seed_grouping' ? /^seed-\d{3}-[a-z0-9]+(?:-[a-z0-9]+)*$/ : new RegExp(`^${REGION_ID_PREFIX[type]}-\\d{5}(?:-\\d+)?$`);
    if (!pattern.test(id))
      c.fail(
        'id',
        `'${id}' does not fit type ${type}`,
        type === 'seed_grouping' ? 'use seed-<document number>-<ascii slug>' : `use ${REGION_ID_PREFIX[type]}-<code of the first centre>`,
      );
    if (seen.has(id)) c.fail('id', `'${id}' appears twice`, 'region ids must be unique');
    seen.add(id);
    const centerCodes = c.get('center_codes') === '' ? [] : c.get('center_codes').split(';');
    if (type !== 'seed_grouping' && centerCodes.length === 0) c.fail('center_codes', 'is empty', 'a 連携中枢都市圏 or 定住自立圏 names its centre city');
    for (const code of centerCodes) {
      if (!validCodes.has(code)) c.fail('center_codes', `${code} is not in the municipality master`, 'separate codes with ";" and use current codes');
    }
    return {
      id,
      type,
      name: c.required('name'),
      centerCodes,
      status: c.oneOf<RegionStatus>('status', REGION_STATUSES),
      asOf: c.date('as_of'),
      ...sourceAndNote(c),
      membersKnown: c.oneOf<MembersKnown>('members_known', MEMBERS_KNOWN),
    };
  });
}

/** Members of every region (role center or member) from seeds/region_members.csv. */
export function loadRegionMembers(validCodes: ReadonlySet<string>, opts?: SeedLoadOptions): RegionMember[] {
  const t = seedTable('region_members', opts);
  const seen = new Set<string>();
  return t.rows.map((row) => {
    const c = cells(t.file, row);
    const regionId = c.required('region_id');
    const prefecture = c.prefecture('prefecture');
    const code = c.code('code', validCodes, prefecture);
    if (seen.has(`${regionId}:${code}`)) c.fail('code', `${code} appears twice in ${regionId}`, 'list each member once per region');
    seen.add(`${regionId}:${code}`);
    return {
      regionId,
      code,
      name: c.required('name'),
      prefecture,
      role: c.oneOf<MemberRole>('role', MEMBER_ROLES),
      joined: c.date('joined'),
      asOf: c.date('as_of'),
      ...sourceAndNote(c),
      status: c.oneOf<RegionStatus>('status', REGION_STATUSES),
    };
  });
}

/** Official and counted totals per region type from seeds/region_coverage.csv. */
export function loadRegionCoverage(opts?: SeedLoadOptions): RegionCoverage[] {
  const t = seedTable('region_coverage', opts);
  return t.rows.map((row) => {
    const c = cells(t.file, row);
    const metric = c.required('metric');
    if (!/^[a-z0-9_-]+$/.test(metric)) c.fail('metric', `'${metric}' is not a metric name`, 'use lower-case ascii with underscores');
    return {
      type: c.oneOf<CoverageType>('type', COVERAGE_TYPES),
      metric,
      value: c.wholeNumber('value'),
      asOf: c.date('as_of'),
      ...sourceAndNote(c),
    };
  });
}

/** Pairs of partners (prefecture partners have codes like "20000") from seeds/exchanges.csv. */
export function loadExchanges(validCodes: ReadonlySet<string>, opts?: SeedLoadOptions): Exchange[] {
  const t = seedTable('exchanges', opts);
  const ids = new Set<string>();
  const pairs = new Set<string>();
  return t.rows.map((row) => {
    const c = cells(t.file, row);
    const id = c.required('id');
    if (!/^x\d{4,}$/.test(id)) c.fail('id', `'${id}' is not an exchange id`, 'use x0001, x0002, … in file order');
    if (ids.has(id)) c.fail('id', `'${id}' appears twice`, 'exchange ids must be unique');
    ids.add(id);
    const aPrefecture = c.prefecture('a_prefecture');
    const bPrefecture = c.prefecture('b_prefecture');
    const aCode = c.code('a_code', validCodes, aPrefecture, true);
    const bCode = c.code('b_code', validCodes, bPrefecture, true);
    if (aCode === bCode) c.fail('b_code', 'both sides are the same', 'a pair needs two different partners');
    const kind = c.oneOf<ExchangeKind>('kind', EXCHANGE_KINDS);
    const key = `${[aCode, bCode].sort().join('-')}:${kind}`;
    if (pairs.has(key)) c.fail('kind', `pair ${aCode}–${bCode} (${kind}) appears twice`, 'merge the rows and join their sources with " ; "');
    pairs.add(key);
    const aName = c.required('a_name');
    const bName = c.required('b_name');
    if (isPrefecturePartnerCode(aCode) && aName !== aPrefecture) c.fail('a_name', `prefecture partner named '${aName}'`, 'name a prefecture partner by its prefecture');
    if (isPrefecturePartnerCode(bCode) && bName !== bPrefecture) c.fail('b_name', `prefecture partner named '${bName}'`, 'name a prefecture partner by its prefecture');
    return {
      id,
      aCode,
      aName,
      aPrefecture,
      bCode,
      bName,
      bPrefecture,
      kind,
      sinceYear: c.year('since_year'),
      agreement: c.get('agreement'),
      ...sourceAndNote(c),
      aFormerName: c.get('a_former_name'),
      bFormerName: c.get('b_former_name'),
    };
  });
}

/** Members of multilateral exchange networks from seeds/exchange_networks.csv. */
export function loadExchangeNetworks(validCodes: ReadonlySet<string>, opts?: SeedLoadOptions): ExchangeNetworkMember[] {
  const t = seedTable('exchange_networks', opts);
  const seen = new Set<string>();
  const names = new Map<string, string>();
  return t.rows.map((row) => {
    const c = cells(t.file, row);
    const network = c.required('network');
    if (!/^net-[a-z0-9-]+$/.test(network)) c.fail('network', `'${network}' is not a network id`, 'use net-<ascii slug>');
    const networkName = c.required('network_name');
    if ((names.get(network) ?? networkName) !== networkName) c.fail('network_name', `differs from earlier rows of ${network}`, 'use one name per network id');
    names.set(network, networkName);
    const prefecture = c.prefecture('prefecture');
    // A prefecture may be a party (東京都 in the 21大都市 pact).
    const code = c.code('code', validCodes, prefecture, true);
    if (seen.has(`${network}:${code}`)) c.fail('code', `${code} appears twice in ${network}`, 'list each member once');
    seen.add(`${network}:${code}`);
    return {
      network,
      networkName,
      code,
      name: c.required('name'),
      prefecture,
      kind: c.oneOf<ExchangeKind>('kind', EXCHANGE_KINDS),
      sinceYear: c.year('since_year'),
      ...sourceAndNote(c),
      asOf: c.date('as_of'),
      membership: c.oneOf<NetworkMembership>('membership', NETWORK_MEMBERSHIPS),
    };
  });
}

/** Hazard-zone designations from seeds/hazard_zones.csv. */
export function loadHazardZones(validCodes: ReadonlySet<string>, opts?: SeedLoadOptions): HazardZoneRow[] {
  const t = seedTable('hazard_zones', opts);
  const zones = Object.keys(HAZARD_ZONES) as HazardZone[];
  const seen = new Set<string>();
  return t.rows.map((row) => {
    const c = cells(t.file, row);
    const zone = c.oneOf<HazardZone>('zone', zones);
    const zoneName = c.required('zone_name');
    if (zoneName !== HAZARD_ZONES[zone]) c.fail('zone_name', `'${zoneName}' is not the name of ${zone}`, `write ${HAZARD_ZONES[zone]}`);
    const scope = c.oneOf<HazardScope>('scope', HAZARD_SCOPES);
    const prefecture = c.get('prefecture');
    const prefCode = c.get('pref_code');
    const nationwide = scope === 'count' && prefecture === '' && prefCode === '';
    if (!nationwide) {
      c.prefecture('prefecture');
      if (prefCode !== prefectureCode(prefecture)) c.fail('pref_code', `'${prefCode}' is not the code of ${prefecture}`, `write ${prefectureCode(prefecture)}`);
    }
    let code = '';
    let count: number | null = null;
    if (scope === 'municipality') {
      code = c.code('code', validCodes, prefecture);
      if (seen.has(`${zone}:${code}`)) c.fail('code', `${code} appears twice for ${zone}`, 'keep one row per municipality and zone');
      seen.add(`${zone}:${code}`);
      c.required('name');
    } else {
      if (c.get('code') !== '') c.fail('code', `must be empty for scope ${scope}`, 'list designated municipalities as scope municipality rows');
    }
    if (scope === 'count') count = c.wholeNumber('count');
    else if (c.get('count') !== '') c.fail('count', `must be empty for scope ${scope}`, 'give totals on scope count rows');
    return {
      zone,
      zoneName,
      scope,
      prefCode,
      prefecture,
      code,
      name: c.get('name'),
      count,
      asOf: c.date('as_of'),
      ...sourceAndNote(c),
    };
  });
}

export interface Seeds {
  designations: CityDesignation[];
  regions: Region[];
  regionMembers: RegionMember[];
  regionCoverage: RegionCoverage[];
  exchanges: Exchange[];
  exchangeNetworks: ExchangeNetworkMember[];
  hazardZones: HazardZoneRow[];
}

/**
 * Loads every seed file and checks them against each other: each member belongs to a known
 * region, each region has members, and a region's centres are exactly its members with role center.
 */
export function loadAllSeeds(validCodes: ReadonlySet<string>, opts?: SeedLoadOptions): Seeds {
  const seeds: Seeds = {
    designations: loadDesignations(validCodes, opts),
    regions: loadRegions(validCodes, opts),
    regionMembers: loadRegionMembers(validCodes, opts),
    regionCoverage: loadRegionCoverage(opts),
    exchanges: loadExchanges(validCodes, opts),
    exchangeNetworks: loadExchangeNetworks(validCodes, opts),
    hazardZones: loadHazardZones(validCodes, opts),
  };
  const membersFile = 'seeds/region_members.csv';
  const regionsFile = 'seeds/regions.csv';
  const byRegion = new Map<string, RegionMember[]>();
  seeds.regionMembers.forEach((m, i) => {
    if (!seeds.regions.some((r) => r.id === m.regionId)) {
      throw new SeedError({
        file: membersFile,
        row: i + 2,
        column: 'region_id',
        problem: `unknown region '${m.regionId}'`,
        fix: 'add the region to seeds/regions.csv or correct the id',
      });
    }
    const list = byRegion.get(m.regionId) ?? [];
    list.push(m);
    byRegion.set(m.regionId, list);
  });
  seeds.regions.forEach((r, i) => {
    const members = byRegion.get(r.id) ?? [];
    if (members.length === 0)
      throw new SeedError({ file: regionsFile, row: i + 2, column: 'id', problem: `region ${r.id} has no members`, fix: 'add its members to seeds/region_members.csv' });
    const centres = members
      .filter((m) => m.role === 'center')
      .map((m) => m.code)
      .sort();
    if (centres.join(';') !== [...r.centerCodes].sort().join(';')) {
      throw new SeedError({
        file: regionsFile,
        row: i + 2,
        column: 'center_codes',
        problem: `centres ${r.centerCodes.join(';') || '(none)'} but members with role center are ${centres.join(';') || '(none)'}`,
        fix: 'make center_codes and the center rows agree',
      });
    }
  });
  return seeds;
}
