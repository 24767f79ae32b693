/**
 * Regenerates the seed files under seeds/ from the compiled fact tables (../shared/data/facts/*.csv)
 * and the seed-document table (seed-documents.ts), resolving every (prefecture, name) to a code
 * with the municipality master.
 *
 *   npx tsx data/seeds/import-facts.ts          # write seeds/*.csv and print a summary
 *   npx tsx data/seeds/import-facts.ts --check  # exit 1 if seeds/*.csv differ from a fresh build
 *
 * Inputs: RENKEI_FACTS_DIR (default ../shared/data/facts) and RENKEI_MUNICIPALITY_MASTER (see
 * master.ts). A name that does not resolve, an unknown value or a duplicate throws a SeedError
 * naming the file and row and how to fix it; no row is dropped silently.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORMER_MUNICIPALITIES } from '../../domain/names/aliases.ts';
import { formatCsv, parseCsv } from '../../domain/csv.ts';
import { SeedError } from './errors.ts';
import { loadMaster, type Master, REPO_ROOT } from './master.ts';
import { prefectureCode, prefecturePartnerCode } from '../../domain/names/prefectures.ts';
import { COLUMNS, HAZARD_ZONES, HAZARD_SCOPES, type HazardScope, type HazardZone, REGION_STATUSES, type RegionStatus, type RegionType, type SeedFileName } from './schema.ts';
import { SEED_DOCS, SEED_EXCHANGES, SEED_GROUPINGS, type SeedPlace, UNPLACED_CASES } from './seed-documents.ts';

/** Where the compiled fact tables are read from. */
export function defaultFactsDir(): string {
  return process.env['RENKEI_FACTS_DIR'] ?? fileURLToPath(new URL('../../../shared/data/facts/', import.meta.url));
}

/** Folder of the seed files in this repository. */
export const SEEDS_DIR = join(REPO_ROOT, 'seeds');

/** Ids of the multilateral networks in facts/domestic_exchange_networks.csv. */
export const NETWORK_IDS: Readonly<Record<string, string>> = {
  義士親善友好都市間の災害応急対策活動相互応援協定: 'net-gishi-1996',
  武蔵野市交流市町村協議会: 'net-musashino-council',
  '三郷・安曇野友好都市交流推進協議会': 'net-misato-azumino',
};

/**
 * Summary metrics of the facts that become coverage rows, renamed so both region types share names.
 * `*_in_table` rows are not copied: the importer counts the seeds themselves (`*_in_seed`).
 */
const COVERAGE_METRICS: Readonly<Record<string, string | null>> = {
  declared_center_cities_official: 'declared_center_cities_official',
  regions_official: 'regions_official',
  municipalities_total_official: 'municipalities_total_official',
  zones_official: 'regions_official',
  zones_with_vision_official: 'regions_with_vision_official',
  hokkaido_zones: 'regions_official_hokkaido',
  regions_in_table: null,
  center_cities_in_table: null,
  'municipalities_in_table_at_2024-04-01': null,
  zones_in_table: null,
  pilot_centers_2008: 'pilot_regions_2008',
};

interface FactTable {
  file: string;
  rows: { line: number; get: (column: string) => string }[];
}

/** Everything the importer writes: each seed file's records (header first). */
export type SeedTables = Record<SeedFileName, string[][]>;

export interface BuildReport {
  tables: SeedTables;
  mergedSeedExchanges: number;
  unplaced: readonly { source: string; case: string; reason: string }[];
}

// ---------------------------------------------------------------------------------------------
// small helpers
// ---------------------------------------------------------------------------------------------

function readFacts(dir: string, name: string, columns: readonly string[]): FactTable {
  const path = join(dir, name);
  const file = `facts/${name}`;
  if (!existsSync(path)) {
    throw new SeedError({ file, row: 0, problem: `not found at ${path}`, fix: 'check out ../shared beside the repository or set RENKEI_FACTS_DIR' });
  }
  const { records, lines } = parseCsv(readFileSync(path, 'utf8'), file);
  const header = records[0] ?? [];
  for (const c of columns) {
    if (!header.includes(c)) throw new SeedError({ file, row: 1, column: c, problem: 'missing column', fix: 'update import-facts.ts to the new layout of the fact table' });
  }
  const rows = records.slice(1).map((rec, i) => {
    const line = lines[i + 1]!;
    if (rec.length !== header.length) {
      throw new SeedError({ file, row: line, problem: `${rec.length} fields where the header has ${header.length}`, fix: 'quote fields that contain commas' });
    }
    return { line, get: (column: string) => rec[header.indexOf(column)] ?? '' };
  });
  return { file, rows };
}

const joinNotes = (...parts: (string | undefined)[]): string =>
  parts
    .map((p) => (p ?? '').trim())
    .filter((p) => p !== '')
    .join('; ');

const joinSources = (...lists: string[]): string => {
  const out: string[] = [];
  for (const list of lists) for (const s of list.split(' ; ').map((x) => x.trim())) if (s && !out.includes(s)) out.push(s);
  return out.join(' ; ');
};

/**
 * Splits a free-text date into a machine date (YYYY, YYYY-MM or YYYY-MM-DD) and the rest.
 * "2024-04-01 (no later …)" → ["2024-04-01", "no later …"]; "c.2020 (…)" → ["2020", "c.2020 (…)"]
 * (approximate: the whole text stays in the note); "new FY after signing" → ["", "new FY …"].
 */
export function splitDate(text: string): [date: string, rest: string] {
  const t = text.trim();
  const exact = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?=$|[\s(;,])(.*)$/s.exec(t);
  if (exact)
    return [
      exact[1]!,
      exact[2]!
        .trim()
        .replace(/^\((.*)\)$/s, '$1')
        .trim(),
    ];
  const approx = /^c\.\s?(\d{4})(?=$|[\s(;,-])/.exec(t);
  if (approx) return [approx[1]!, t];
  return ['', t];
}

function dateAndNote(label: string, text: string): [string, string] {
  const [date, rest] = splitDate(text);
  return [date, rest ? `${label}: ${rest}` : ''];
}

interface Resolved {
  code: string;
  name: string;
  formerName?: string;
  alias?: string;
}

interface Where {
  file: string;
  row: number;
  column: string;
}

function resolveMunicipality(master: Master, pref: string, name: string, at: Where): Resolved {
  const r = master.resolve(pref, name);
  if (r.ok) return r;
  if (r.reason === 'ambiguous') {
    throw new SeedError({
      ...at,
      problem: `'${name}' (${pref}) matches several municipalities (${r.candidates.join(', ')})`,
      fix: "name the prefecture or use the code; a former name shared by several places needs today's name",
    });
  }
  throw new SeedError({
    ...at,
    problem: `'${name}' (${pref}) matches no municipality`,
    fix: 'check the spelling; a name merged away before 1970 or after 2024-01 goes in FORMER_MUNICIPALITIES (domain/names/aliases.ts)',
  });
}

/** Like resolveMunicipality, but a party named exactly as its prefecture becomes "PP000". */
function resolveParty(master: Master, pref: string, name: string, at: Where): Resolved {
  if (name === pref) {
    const code = prefecturePartnerCode(pref);
    if (code === undefined) throw new SeedError({ ...at, problem: `'${pref}' is not a prefecture`, fix: 'use one of the 47 prefecture names' });
    return { code, name };
  }
  return resolveMunicipality(master, pref, name, at);
}

const aliasNote = (r: Resolved): string => (r.alias ? `source spells ${r.alias}` : '');

function centerCodes(master: Master, table: FactTable, rows: FactTable['rows'], centerColumn: string, prefColumn: string): string[] {
  const centers = rows.filter((r) => r.get('role') === 'center');
  const first = rows[0]!;
  if (centers.length === 0) {
    throw new SeedError({
      file: table.file,
      row: first.line,
      column: 'role',
      problem: `region '${first.get(centerColumn)}' has no row with role center`,
      fix: 'add the centre city as a row with role center',
    });
  }
  const named = first
    .get(centerColumn)
    .split(';')
    .map((s) => s.trim());
  const codes = centers.map(
    (c) => resolveMunicipality(master, c.get(prefColumn), c.get('member_municipality'), { file: table.file, row: c.line, column: 'member_municipality' }).code,
  );
  const names = centers.map((c) => c.get('member_municipality'));
  if (named.length !== names.length || named.some((n) => !names.includes(n))) {
    throw new SeedError({
      file: table.file,
      row: first.line,
      column: centerColumn,
      problem: `centre list '${named.join(';')}' differs from the rows with role center (${names.join(';')})`,
      fix: 'make center_city match the centre rows',
    });
  }
  return codes;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = map.get(k) ?? [];
    list.push(it);
    map.set(k, list);
  }
  return [...map.values()];
}

// ---------------------------------------------------------------------------------------------
// builders, one per seed file
// ---------------------------------------------------------------------------------------------

function buildDesignations(master: Master, dir: string): string[][] {
  const t = readFacts(dir, 'city_designations.csv', COLUMNS.city_designations);
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const r of t.rows) {
    const at = { file: t.file, row: r.line, column: 'name' };
    const res = resolveMunicipality(master, r.get('prefecture'), r.get('name'), at);
    if (res.code !== r.get('code')) {
      throw new SeedError({
        ...at,
        column: 'code',
        problem: `code ${r.get('code')} but ${r.get('name')} (${r.get('prefecture')}) is ${res.code}`,
        fix: 'correct the code or the name in the fact table',
      });
    }
    if (seen.has(res.code)) throw new SeedError({ ...at, column: 'code', problem: `${res.code} is listed twice`, fix: 'keep one row per city' });
    seen.add(res.code);
    const [asOf, asOfNote] = dateAndNote('as_of', r.get('as_of'));
    out.push([res.code, res.name, r.get('prefecture'), r.get('designation'), r.get('since'), asOf, r.get('source'), joinNotes(r.get('note'), asOfNote)]);
  }
  return out;
}

interface RegionsOut {
  regions: string[][];
  members: string[][];
}

const REGION_HEADER_NOTE = (rows: FactTable['rows']): string => joinNotes(...[...new Set(rows.filter((r) => r.get('role') === 'center').map((r) => r.get('note')))]);

function memberRow(
  regionId: string,
  res: Resolved,
  pref: string,
  role: string,
  joinedText: string,
  asOfText: string,
  source: string,
  note: string,
  status: RegionStatus,
): string[] {
  const [joined, joinedNote] = dateAndNote('joined', joinedText);
  const [asOf, asOfNote] = dateAndNote('as_of', asOfText);
  const former = res.formerName ? `document names ${res.formerName} (now part of ${res.name})` : '';
  return [regionId, res.code, res.name, pref, role, joined, asOf, source, joinNotes(note, former, aliasNote(res), joinedNote, asOfNote), status];
}

/** The columns of renkei_chusu_toshiken.csv and of its additions. */
const centralCityColumns = ['region_name', 'center_city', 'prefecture', 'member_municipality', 'member_prefecture', 'role', 'joined', 'as_of', 'source', 'note'];

function buildCentralCityRegions(master: Master, dir: string, out: RegionsOut): void {
  const t = readFacts(dir, 'renkei_chusu_toshiken.csv', centralCityColumns);
  const key = (r: FactTable['rows'][number]): string => `${r.get('region_name')}\u0000${r.get('center_city')}`;
  const idByKey = new Map<string, string>();

  const emitRegion = (table: FactTable, rows: FactTable['rows'], status: RegionStatus, memberStatus: (r: FactTable['rows'][number]) => RegionStatus): void => {
    const first = rows[0]!;
    const centers = centerCodes(master, table, rows, 'center_city', 'member_prefecture');
    const id = `ccr-${centers[0]}`;
    if (out.regions.some((r) => r[0] === id)) {
      throw new SeedError({
        file: table.file,
        row: first.line,
        column: 'center_city',
        problem: `region id ${id} is already used`,
        fix: 'give the second region of this centre an explicit id suffix in import-facts.ts',
      });
    }
    idByKey.set(key(first), id);
    const [asOf, asOfNote] = dateAndNote('as_of', first.get('as_of'));
    const sources = joinSources(...rows.map((r) => r.get('source')));
    out.regions.push([id, 'central_city_region', first.get('region_name'), centers.join(';'), status, asOf, sources, joinNotes(REGION_HEADER_NOTE(rows), asOfNote), 'all']);
    for (const r of rows) addMember(table, id, r, memberStatus(r));
  };

  const addMember = (table: FactTable, id: string, r: FactTable['rows'][number], status: RegionStatus): void => {
    const res = resolveMunicipality(master, r.get('member_prefecture'), r.get('member_municipality'), { file: table.file, row: r.line, column: 'member_municipality' });
    if (out.members.some((m) => m[0] === id && m[1] === res.code)) {
      throw new SeedError({ file: table.file, row: r.line, column: 'member_municipality', problem: `${res.name} is listed twice in ${id}`, fix: 'keep one row per member' });
    }
    out.members.push(memberRow(id, res, r.get('member_prefecture'), r.get('role'), r.get('joined'), r.get('as_of'), r.get('source'), r.get('note'), status));
  };

  for (const rows of groupBy(t.rows, key)) emitRegion(t, rows, 'active', () => 'active');

  // Additions: an unconfirmed candidate region, and planned joins to regions already listed.
  const add = readFacts(dir, 'renkei_chusu_toshiken_additions.csv', centralCityColumns);
  const additionStatus = (r: FactTable['rows'][number]): RegionStatus => {
    if (/^UNCONFIRMED/i.test(r.get('note'))) return 'unconfirmed';
    if (/planned/i.test(r.get('joined')) || /planned/i.test(r.get('note'))) return 'planned';
    throw new SeedError({
      file: add.file,
      row: r.line,
      column: 'note',
      problem: 'an addition that is neither UNCONFIRMED nor planned',
      fix: "start the note with 'UNCONFIRMED' or say 'planned' in joined, or move the row to renkei_chusu_toshiken.csv",
    });
  };
  for (const rows of groupBy(add.rows, key)) {
    const existing = idByKey.get(key(rows[0]!));
    if (existing) {
      for (const r of rows) addMember(add, existing, r, additionStatus(r));
    } else {
      const statuses = new Set(rows.map(additionStatus));
      const status: RegionStatus = statuses.has('unconfirmed') ? 'unconfirmed' : 'planned';
      emitRegion(add, rows, status, () => status);
    }
  }
}

/** "abolished 2022-03-31 (->…)" → ['abolished', 'abolished 2022-03-31 (->…)']. */
function zoneStatus(text: string, at: Where): [RegionStatus, string] {
  const word = /^[a-z]+/.exec(text.trim())?.[0] ?? '';
  if (!(REGION_STATUSES as readonly string[]).includes(word) || word === 'documented') {
    throw new SeedError({
      ...at,
      problem: `status '${text}' does not start with a known status`,
      fix: `start it with one of ${REGION_STATUSES.filter((s) => s !== 'documented').join(', ')}`,
    });
  }
  return [word as RegionStatus, text.trim() === word ? '' : `status: ${text.trim()}`];
}

const ZONE_COLUMNS = ['zone_name', 'center_city', 'center_prefecture', 'member_municipality', 'member_prefecture', 'role', 'status', 'dates', 'as_of', 'source', 'note'];

/** A zone formed by one merged city alone (合併一市圏域): its single row is its whole membership. */
const MERGED_CITY_ZONE = /合併[一1]市圏域/;
/** The compiler's words for a zone whose sources name only part of its members, or none. */
const MEMBERS_UNNAMED = /not itemised|not confirmed/;

/**
 * How completely a zone's members are known: a single centre row is the whole zone only for a merged city
 * (合併一市圏域); otherwise the members are unknown. A zone whose centre note says members are not itemised or
 * confirmed is partial, unless an additions file supplies them.
 * @example membersKnown([centreRowWithNote('合併1市圏域')], false) // 'all'
 */
export function membersKnown(rows: readonly { get: (column: string) => string }[], supplied: boolean): 'all' | 'partial' | 'centre_only' {
  if (supplied) return 'all';
  const notes = rows.map((r) => `${r.get('note')} ${r.get('status')}`).join(' ');
  if (rows.every((r) => r.get('role') === 'center')) return MERGED_CITY_ZONE.test(notes) ? 'all' : 'centre_only';
  return MEMBERS_UNNAMED.test(notes) ? 'partial' : 'all';
}

/** Working notes of the facts' compiler that name its own files; they say nothing about the zone. */
const COMPILER_NOTE = /^SUPPLEMENT: zone already in \S+ with center row only; these are member rows\.\s*/;

function buildSettlementZones(master: Master, dir: string, out: RegionsOut): void {
  const t = readFacts(dir, 'teijuu_jiritsuken.csv', ZONE_COLUMNS);
  // Members of zones the main table lists by their centre only (十勝, 南信州, 宗谷, 下北).
  const add = readFacts(dir, 'teijuu_jiritsuken_additions.csv', ZONE_COLUMNS);
  const zoneKey = (r: FactTable['rows'][number]): string => `${r.get('zone_name')}\u0000${r.get('center_city')}`;
  const additions = new Map<string, FactTable['rows']>();
  for (const r of add.rows) additions.set(zoneKey(r), [...(additions.get(zoneKey(r)) ?? []), r]);
  const zones = groupBy(t.rows, zoneKey);
  for (const [key, rows] of additions) {
    if (!zones.some((z) => zoneKey(z[0]!) === key)) {
      throw new SeedError({
        file: add.file,
        row: rows[0]!.line,
        column: 'zone_name',
        problem: `zone '${rows[0]!.get('zone_name')}' (${rows[0]!.get('center_city')}) is not in teijuu_jiritsuken.csv`,
        fix: 'add the zone with its centre to the main table first',
      });
    }
  }
  for (const rows of zones) {
    const first = rows[0]!;
    const supplied = additions.get(zoneKey(first)) ?? [];
    const statuses = new Set([...rows, ...supplied].map((r) => r.get('status')));
    if (statuses.size > 1) {
      throw new SeedError({
        file: t.file,
        row: first.line,
        column: 'status',
        problem: `zone '${first.get('zone_name')}' has rows with different statuses`,
        fix: 'give every row of a zone the same status (in the additions too)',
      });
    }
    const [status, statusNote] = zoneStatus(first.get('status'), { file: t.file, row: first.line, column: 'status' });
    const centers = centerCodes(master, t, rows, 'center_city', 'member_prefecture');
    let id = `sz-${centers[0]}`;
    for (let n = 2; out.regions.some((r) => r[0] === id); n++) id = `sz-${centers[0]}-${n}`;
    const [asOf, asOfNote] = dateAndNote('as_of', first.get('as_of'));
    const dates = first.get('dates') ? `dates: ${first.get('dates')}` : '';
    out.regions.push([
      id,
      'settlement_zone',
      first.get('zone_name'),
      centers.join(';'),
      status,
      asOf,
      joinSources(...[...rows, ...supplied].map((r) => r.get('source'))),
      joinNotes(statusNote, dates, REGION_HEADER_NOTE(rows), asOfNote),
      membersKnown(rows, supplied.length > 0),
    ]);
    for (const [table, list] of [
      [t, rows],
      [add, supplied],
    ] as const) {
      for (const r of list) {
        const res = resolveMunicipality(master, r.get('member_prefecture'), r.get('member_municipality'), { file: table.file, row: r.line, column: 'member_municipality' });
        if (out.members.some((m) => m[0] === id && m[1] === res.code)) {
          throw new SeedError({ file: table.file, row: r.line, column: 'member_municipality', problem: `${res.name} is listed twice in ${id}`, fix: 'keep one row per member' });
        }
        // Zone dates live on the region row (with the centre's note, which the centre row keeps too).
        out.members.push(memberRow(id, res, r.get('member_prefecture'), r.get('role'), '', r.get('as_of'), r.get('source'), r.get('note').replace(COMPILER_NOTE, ''), status));
      }
    }
  }
}

function buildSeedGroupings(master: Master, out: RegionsOut): void {
  const file = 'data/seeds/seed-documents.ts (SEED_GROUPINGS)';
  SEED_GROUPINGS.forEach((g, i) => {
    const row = i + 1;
    if (!/^seed-\d{3}-[a-z0-9-]+$/.test(g.id) || g.id.slice(5, 8) !== g.source.slice(0, 3)) {
      throw new SeedError({ file, row, column: 'id', problem: `id '${g.id}' is not seed-<document number>-<ascii slug>`, fix: `use e.g. seed-${g.source.slice(0, 3)}-kamo` });
    }
    if (out.regions.some((r) => r[0] === g.id)) throw new SeedError({ file, row, column: 'id', problem: `id ${g.id} is used twice`, fix: 'choose a unique slug' });
    const resolve = (p: SeedPlace): Resolved => resolveMunicipality(master, p.pref, p.name, { file, row, column: `${g.id}: ${p.name}` });
    const centers = g.centers.map((p) => ({ p, r: resolve(p) }));
    const members: { p: SeedPlace; r: Resolved }[] = g.members.map((p) => ({ p, r: resolve(p) }));
    if (g.allOfPrefecture) {
      const all = master.inPrefecture(g.allOfPrefecture);
      if (all.length === 0)
        throw new SeedError({ file, row, column: 'allOfPrefecture', problem: `no municipalities for '${g.allOfPrefecture}'`, fix: 'use a prefecture name as in the master' });
      for (const m of all) members.push({ p: { pref: m.prefecture, name: m.name }, r: { code: m.code, name: m.name } });
    }
    out.regions.push([g.id, 'seed_grouping', g.name, centers.map((c) => c.r.code).join(';'), 'documented', g.asOf, g.source, g.note, 'all']);
    const seen = new Set<string>();
    for (const [role, list] of [
      ['center', centers],
      ['member', members],
    ] as const) {
      for (const { p, r } of list) {
        if (seen.has(r.code)) throw new SeedError({ file, row, column: p.name, problem: `${r.name} is listed twice in ${g.id}`, fix: 'list each municipality once' });
        seen.add(r.code);
        out.members.push(memberRow(g.id, r, p.pref, role, '', g.asOf, g.source, p.note ?? '', 'documented'));
      }
    }
  });
}

/**
 * Counts of the seed itself, to set beside the official totals ("37 of 38 regions known").
 * Compare regions_active_in_seed with regions_official; member counts are 延べ, active members of
 * active regions only.
 */
function countCoverage(regions: string[][], members: string[][], type: RegionType): Map<string, number> {
  const ofType = regions.filter((r) => r[1] === type);
  const active = ofType.filter((r) => r[4] === 'active');
  const ids = new Set(active.map((r) => r[0]));
  const current = members.filter((m) => ids.has(m[0]!) && m[9] === 'active');
  const byStatus = (...s: string[]): number => ofType.filter((r) => s.includes(r[4]!)).length;
  const counts = new Map<string, number>([
    ['regions_in_seed', ofType.length],
    ['regions_active_in_seed', active.length],
    ['center_cities_in_seed', active.reduce((n, r) => n + (r[3] ? r[3].split(';').length : 0), 0)],
    ['municipalities_in_seed', current.length],
  ]);
  if (type === 'central_city_region') {
    counts.set('regions_unconfirmed_in_seed', byStatus('unconfirmed'));
    // Joined on or before the date of MIC's count; an unknown join date counts as before.
    counts.set('municipalities_in_seed_at_2024-04-01', current.filter((m) => m[5] === '' || m[5]! <= '2024-04-01').length);
  } else {
    counts.set('regions_ended_in_seed', byStatus('converted', 'abolished', 'dissolved', 'superseded'));
    counts.set('regions_declared_or_planned_in_seed', byStatus('declared', 'planned'));
  }
  return counts;
}

const COMPUTED_NOTES: Readonly<Record<string, string>> = {
  regions_in_seed: 'counted by data/seeds/import-facts.ts: regions of this type in seeds/regions.csv, any status',
  regions_active_in_seed: 'counted by data/seeds/import-facts.ts: status active; compare with regions_official',
  center_cities_in_seed: 'counted by data/seeds/import-facts.ts: centre cities of active regions',
  municipalities_in_seed: 'counted by data/seeds/import-facts.ts: active members of active regions incl. centres, 延べ (a municipality in two regions counts twice)',
  regions_unconfirmed_in_seed: 'counted by data/seeds/import-facts.ts: candidates not confirmed by the sources (excluded from the other counts)',
  'municipalities_in_seed_at_2024-04-01':
    'counted by data/seeds/import-facts.ts: as municipalities_in_seed, joined on or before 2024-04-01 (unknown join dates counted); compare with municipalities_total_official',
  regions_ended_in_seed: 'counted by data/seeds/import-facts.ts: converted, abolished, dissolved or superseded zones',
  regions_declared_or_planned_in_seed: 'counted by data/seeds/import-facts.ts: centre declared or formation planned, not confirmed as formed',
};

function buildCoverage(dir: string, regions: string[][], members: string[][], exchangeCount: number): string[][] {
  const out: string[][] = [];
  for (const [type, name] of [
    ['central_city_region', 'renkei_chusu_toshiken_summary.csv'],
    ['settlement_zone', 'teijuu_jiritsuken_summary.csv'],
  ] as const) {
    const t = readFacts(dir, name, ['metric', 'value', 'as_of', 'source', 'note']);
    for (const r of t.rows) {
      const metric = r.get('metric');
      if (!(metric in COVERAGE_METRICS)) {
        throw new SeedError({
          file: t.file,
          row: r.line,
          column: 'metric',
          problem: `unknown metric '${metric}'`,
          fix: 'map it in COVERAGE_METRICS in data/seeds/import-facts.ts (null to leave it out)',
        });
      }
      const target = COVERAGE_METRICS[metric];
      if (target === null || target === undefined) continue; // replaced by the counts computed below
      const [asOf, asOfNote] = dateAndNote('as_of', r.get('as_of'));
      const renamed = target !== metric ? `facts metric ${metric}` : '';
      if (metric === 'pilot_centers_2008') {
        // A list of centres ("米子市+松江市" is one region): count regions and cities.
        const regionsList = r.get('value').split(';');
        const cities = regionsList.flatMap((x) => x.split('+'));
        out.push([type, 'pilot_regions_2008', String(regionsList.length), asOf, r.get('source'), joinNotes(`centres: ${r.get('value')}`, r.get('note'), asOfNote)]);
        out.push([type, 'pilot_center_cities_2008', String(cities.length), asOf, r.get('source'), joinNotes(r.get('note'), asOfNote)]);
        continue;
      }
      if (!/^\d+$/.test(r.get('value'))) {
        throw new SeedError({ file: t.file, row: r.line, column: 'value', problem: `'${r.get('value')}' is not a whole number`, fix: 'give the count as digits' });
      }
      out.push([type, target, r.get('value'), asOf, r.get('source'), joinNotes(r.get('note'), renamed, asOfNote)]);
    }
    const computedFrom = 'seeds/regions.csv ; seeds/region_members.csv';
    for (const [metric, value] of countCoverage(regions, members, type)) {
      out.push([type, metric, String(value), '', computedFrom, COMPUTED_NOTES[metric] ?? 'counted by data/seeds/import-facts.ts']);
    }
  }
  // 001: the 2005 survey of inter-municipal exchange.
  const s001 = SEED_DOCS.exchangePamphlet2006;
  out.push(['exchange', 'municipalities_total', '2351', '2005-09-02', s001, '全国の市区町村 (市・町・村・特別区)']);
  out.push(['exchange', 'municipalities_with_domestic_partners', '956', '2004', s001, '市区町村 with a domestic 姉妹都市 or similar tie (平成16年版全国市町村要覧)']);
  out.push(['exchange', 'domestic_partnerships', '779', '2004', s001, '提携 (1.6 per municipality in the document)']);
  out.push(['exchange', 'pairs_in_seed', String(exchangeCount), '', 'seeds/exchanges.csv', 'counted by data/seeds/import-facts.ts']);
  return out;
}

/** A four-digit year; "c.1977" becomes 1977 with the original kept for the note. */
function sinceYear(text: string, at: Where): [string, string] {
  const [date, rest] = splitDate(text);
  if (text.trim() !== '' && !/^\d{4}/.test(date)) {
    throw new SeedError({ ...at, problem: `'${text}' is not a year`, fix: 'write a four-digit year (c.1977 is accepted), or leave it empty' });
  }
  return [date.slice(0, 4), rest ? `since_year: ${rest}` : ''];
}

/** facts "other" with a named agreement (協定, 提携, 宣言, 盟約) is a partnership; post-office ties stay "other". */
export function exchangeKind(kind: string, agreement: string): string {
  if (kind !== 'other') return kind;
  const main = agreement.split(/[(（]/)[0] ?? '';
  return /協定|提携|宣言|盟約/.test(main) && !/郵便局/.test(main) ? 'partnership' : 'other';
}

/** Former municipalities named in a note that belong to the given side (matched by today's name). */
function formerNamesIn(note: string, pref: string, current: string): string[] {
  return FORMER_MUNICIPALITIES.filter((f) => f.prefecture === pref && f.current === current && note.includes(f.former)).map((f) => f.former);
}

const FORMER_HINT = /merged into|renamed|originally|partner was|partner of|signed (?:by|as|with)|via 旧|preceded by|earlier tie with/;

function buildExchanges(master: Master, dir: string): { rows: string[][]; merged: number } {
  const t = readFacts(dir, 'domestic_exchange_pairs.csv', ['a_name', 'a_prefecture', 'b_name', 'b_prefecture', 'kind', 'since_year', 'agreement', 'source', 'note']);
  const rows: string[][] = []; // without id; added at the end
  const index = new Map<string, number>();
  const pairKey = (a: string, b: string, kind: string): string => `${[a, b].sort().join('-')}:${kind}`;
  // Column positions in the id-less row.
  const C = { aCode: 0, aName: 1, aPref: 2, bCode: 3, bName: 4, bPref: 5, kind: 6, since: 7, agreement: 8, source: 9, note: 10, aFormer: 11, bFormer: 12 };

  for (const r of t.rows) {
    const a = resolveParty(master, r.get('a_prefecture'), r.get('a_name'), { file: t.file, row: r.line, column: 'a_name' });
    const b = resolveParty(master, r.get('b_prefecture'), r.get('b_name'), { file: t.file, row: r.line, column: 'b_name' });
    const note = r.get('note');
    const aFormer = formerNamesIn(note, r.get('a_prefecture'), a.name);
    const bFormer = formerNamesIn(note, r.get('b_prefecture'), b.name);
    if (FORMER_HINT.test(note) && aFormer.length + bFormer.length === 0) {
      throw new SeedError({
        file: t.file,
        row: r.line,
        column: 'note',
        problem: `the note mentions a former municipality that domain/names/aliases.ts does not know ('${note}')`,
        fix: 'add it to FORMER_MUNICIPALITIES in domain/names/aliases.ts',
      });
    }
    const kind = exchangeKind(r.get('kind'), r.get('agreement'));
    const [since, sinceNote] = sinceYear(r.get('since_year'), { file: t.file, row: r.line, column: 'since_year' });
    const key = pairKey(a.code, b.code, kind);
    if (a.code === b.code)
      throw new SeedError({ file: t.file, row: r.line, column: 'b_name', problem: 'both sides are the same municipality', fix: 'remove the row or correct a side' });
    if (index.has(key))
      throw new SeedError({ file: t.file, row: r.line, problem: `pair ${a.name}–${b.name} (${kind}) is listed twice`, fix: 'merge the two rows (join sources with " ; ")' });
    index.set(key, rows.length);
    rows.push([
      a.code,
      a.name,
      r.get('a_prefecture'),
      b.code,
      b.name,
      r.get('b_prefecture'),
      kind,
      since,
      r.get('agreement'),
      r.get('source'),
      joinNotes(note, aliasNote(a), aliasNote(b), sinceNote),
      aFormer.join(';'),
      bFormer.join(';'),
    ]);
  }

  let merged = 0;
  const file = 'data/seeds/seed-documents.ts (SEED_EXCHANGES)';
  SEED_EXCHANGES.forEach((e, i) => {
    const at = (column: string): Where => ({ file, row: i + 1, column });
    const a = resolveParty(master, e.a.pref, e.a.name, at('a'));
    const b = resolveParty(master, e.b.pref, e.b.name, at('b'));
    if (a.code === b.code) throw new SeedError({ ...at('b'), problem: 'both sides are the same municipality', fix: 'correct a side' });
    const key = pairKey(a.code, b.code, e.kind);
    const found = index.get(key);
    const since = e.sinceYear === undefined ? '' : String(e.sinceYear);
    if (found !== undefined) {
      // Same pair and kind already in the facts: add this document as a source, fill gaps only.
      const row = rows[found]!;
      row[C.source] = joinSources(row[C.source]!, e.source);
      if (row[C.since] === '') row[C.since] = since;
      else if (since !== '' && row[C.since] !== since) row[C.note] = joinNotes(row[C.note], `since ${since} per ${e.source}`);
      const sameOrder = row[C.aCode] === a.code;
      const [ra, rb] = sameOrder ? [a, b] : [b, a];
      if (ra.formerName && row[C.aFormer] === '') row[C.aFormer] = ra.formerName;
      if (rb.formerName && row[C.bFormer] === '') row[C.bFormer] = rb.formerName;
      merged += 1;
      return;
    }
    index.set(key, rows.length);
    rows.push([
      a.code,
      a.name,
      e.a.pref,
      b.code,
      b.name,
      e.b.pref,
      e.kind,
      since,
      e.agreement,
      e.source,
      joinNotes(e.note, e.a.note, e.b.note, aliasNote(a), aliasNote(b)),
      a.formerName ?? '',
      b.formerName ?? '',
    ]);
  });
  return { rows: rows.map((r, i) => [`x${String(i + 1).padStart(4, '0')}`, ...r]), merged };
}

function buildNetworks(master: Master, dir: string, designations: readonly string[][]): string[][] {
  const t = readFacts(dir, 'domestic_exchange_networks.csv', ['network', 'member_name', 'member_prefecture', 'kind', 'since_year', 'source', 'note']);
  const out: string[][] = [];
  for (const r of t.rows) {
    const id = NETWORK_IDS[r.get('network')];
    if (id === undefined) {
      throw new SeedError({
        file: t.file,
        row: r.line,
        column: 'network',
        problem: `network '${r.get('network')}' has no id`,
        fix: 'add an ascii id to NETWORK_IDS in data/seeds/import-facts.ts',
      });
    }
    const res = resolveMunicipality(master, r.get('member_prefecture'), r.get('member_name'), { file: t.file, row: r.line, column: 'member_name' });
    if (out.some((o) => o[0] === id && o[2] === res.code)) {
      throw new SeedError({ file: t.file, row: r.line, column: 'member_name', problem: `${res.name} is listed twice in ${id}`, fix: 'keep one row per member' });
    }
    const [since, sinceNote] = sinceYear(r.get('since_year'), { file: t.file, row: r.line, column: 'since_year' });
    out.push([
      id,
      r.get('network'),
      res.code,
      res.name,
      r.get('member_prefecture'),
      r.get('kind'),
      since,
      r.get('source'),
      joinNotes(r.get('note'), aliasNote(res), sinceNote),
      '',
      'listed',
    ]);
  }
  for (const pact of DESIGNATION_PACTS) out.push(...designationPactRows(pact, designations));
  return out;
}

/** A disaster-aid pact whose parties are every city of one designation (facts/disaster_pacts.md). */
export interface DesignationPact {
  id: string;
  name: string;
  designation: 'designated_city' | 'core_city';
  /** Parties besides the cities of the designation (東京都 in the 21大都市 pact). */
  extraParties: readonly { prefecture: string; note: string }[];
  source: string;
  note: string;
  /** Members whose part in the pact no source states, with why they are taken to be parties. */
  inferred: Readonly<Record<string, string>>;
}

/**
 * The two pacts among large cities. Both are expanded from the designation table rather than a member list: the
 * 21-city text masks three names, and the 中核市 pact's only member list (58 cities, c. 2019–20) predates four
 * designations; each of them says which members are inferred. Dates: no signing date was found for either.
 */
export const DESIGNATION_PACTS: readonly DesignationPact[] = [
  {
    id: 'net-21-cities',
    name: '21大都市災害時相互応援に関する協定',
    designation: 'designated_city',
    extraParties: [{ prefecture: '東京都', note: '[inference] the one masked party of three characters ("xxx") in the only text read; fits 東京都' }],
    source:
      'https://lawinsider.com/ja/contracts/g0lSZKH0ReL (21大都市災害時相互応援に関する協定 本文) ; https://kotobank.jp/word/%E8%87%AA%E6%B2%BB%E4%BD%93%E9%96%93%E3%81%AE%E7%81%BD%E5%AE%B3%E6%99%82%E7%9B%B8%E4%BA%92%E5%BF%9C%E6%8F%B4%E5%8D%94%E5%AE%9A-892427 (朝日新聞キーワード「自治体間の災害時相互応援協定」2011年)',
    note: 'parties: the 20 政令指定都市 and 東京都; signing date of the 21-party version not found (20大都市 version in 2011; 熊本市 designated 2012-04-01); aid: supplies, materials, vehicles, staff',
    inferred: {
      千葉市: '[inference] masked ("xx市") in the only text read; the one designated city missing from the visible names',
      川崎市: '[inference] masked ("xx市") in the only text read; the one designated city missing from the visible names',
    },
  },
  {
    id: 'net-core-cities',
    name: '中核市災害相互応援協定',
    designation: 'core_city',
    extraParties: [],
    source:
      'https://expydoc.com/doc/7099039/ (中核市災害相互応援協定 本文、ある市の地域防災計画 資料16) ; http://www.city.suita.osaka.jp/home/soshiki/div-gyoseikeiei/chukakushi/_93802.html (吹田市 中核市移行: 協定の締結と参加58市) ; https://lawinsider.com/zh/contracts/iYWlNfchvhv (ある市の地域防災計画 協定一覧: 2018-04-01 中核市（全国）)',
    note: 'parties: every 中核市 (a city joins on its designation, per 吹田市); a plan lists it with 2018-04-01 (original signing date not found); used after the 2018 大阪府北部地震',
    inferred: {
      水戸市: '[inference] designated 2020-04-01, after the 58-city list; joins on designation per 吹田市',
      吹田市: '[inference] designated 2020-04-01, after the 58-city list; the city says it concludes the pact on designation',
      松本市: '[inference] designated 2021-04-01, after the 58-city list; joins on designation per 吹田市',
      一宮市: '[inference] designated 2021-04-01, after the 58-city list; joins on designation per 吹田市',
    },
  },
];

/**
 * Member rows of a designation pact: every city of the designation in the designation table (as of its date), plus
 * the extra parties, in code order.
 * @example designationPactRows(DESIGNATION_PACTS[0], designations).length // 21
 */
export function designationPactRows(pact: DesignationPact, designations: readonly string[][]): string[][] {
  // Designation rows: code, name, prefecture, designation, since, as_of, source, note.
  const cities = designations.filter((d) => d[3] === pact.designation);
  const asOf =
    cities
      .map((d) => d[5]!)
      .sort()
      .at(-1) ?? '';
  for (const name of Object.keys(pact.inferred)) {
    if (!cities.some((d) => d[1] === name)) throw new Error(`internal: ${pact.id} marks ${name} as inferred, but it is not a ${pact.designation} in the designation table`);
  }
  const rows = cities.map((d) => [pact.id, pact.name, d[0]!, d[1]!, d[2]!, 'disaster_aid', '', pact.source, joinNotes(pact.note, pact.inferred[d[1]!]), asOf, 'designation']);
  for (const p of pact.extraParties) {
    const code = prefecturePartnerCode(p.prefecture)!;
    rows.push([pact.id, pact.name, code, p.prefecture, p.prefecture, 'disaster_aid', '', pact.source, joinNotes(pact.note, p.note), asOf, 'designation']);
  }
  return rows.sort((a, b) => a[2]!.localeCompare(b[2]!));
}

function buildHazardZones(master: Master, dir: string): string[][] {
  const t = readFacts(dir, 'hazard_zones.csv', ['zone', 'prefecture', 'municipality', 'scope', 'as_of', 'source', 'note']);
  const zoneByName = new Map(Object.entries(HAZARD_ZONES).map(([id, name]) => [name as string, id as HazardZone]));
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const r of t.rows) {
    const at = (column: string): Where => ({ file: t.file, row: r.line, column });
    const zone = zoneByName.get(r.get('zone'));
    if (zone === undefined)
      throw new SeedError({
        ...at('zone'),
        problem: `unknown zone '${r.get('zone')}'`,
        fix: 'add its id to domain/records/hazards.ts and its labels and official name to domain/glossary.ts',
      });
    const scope = r.get('scope') as HazardScope;
    if (!HAZARD_SCOPES.includes(scope)) throw new SeedError({ ...at('scope'), problem: `unknown scope '${r.get('scope')}'`, fix: `use one of ${HAZARD_SCOPES.join(', ')}` });
    const pref = r.get('prefecture');
    const national = pref === '(全国)';
    const prefCode = national ? '' : prefectureCode(pref);
    if (prefCode === undefined) throw new SeedError({ ...at('prefecture'), problem: `'${pref}' is not a prefecture`, fix: "use a prefecture name or '(全国)'" });
    const [asOf, asOfNote] = dateAndNote('as_of', r.get('as_of'));
    let code = '';
    let name = '';
    let count = '';
    if (scope === 'municipality') {
      const res = resolveMunicipality(master, pref, r.get('municipality'), at('municipality'));
      code = res.code;
      name = res.name;
      if (seen.has(`${zone}:${code}`))
        throw new SeedError({ ...at('municipality'), problem: `${name} is listed twice for ${zone}`, fix: 'keep one row per municipality and zone' });
      seen.add(`${zone}:${code}`);
    } else if (scope === 'count') {
      const m = /(\d+)/.exec(r.get('municipality'));
      if (!m) throw new SeedError({ ...at('municipality'), problem: `no count in '${r.get('municipality')}'`, fix: "write the total as e.g. '(計707市町村)'" });
      count = m[1]!;
    }
    out.push([
      zone,
      HAZARD_ZONES[zone],
      scope,
      prefCode,
      national ? '' : pref,
      code,
      name,
      count,
      asOf,
      r.get('source'),
      joinNotes(national ? 'nationwide total' : '', r.get('note'), asOfNote),
    ]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// entry points
// ---------------------------------------------------------------------------------------------

/** Builds every seed table from the facts folder and the master. Pure apart from reading files. */
export function buildSeeds(master: Master, factsDir = defaultFactsDir()): BuildReport {
  const regionsOut: RegionsOut = { regions: [], members: [] };
  buildCentralCityRegions(master, factsDir, regionsOut);
  buildSettlementZones(master, factsDir, regionsOut);
  buildSeedGroupings(master, regionsOut);
  const exchanges = buildExchanges(master, factsDir);
  const withHeader = (name: SeedFileName, rows: string[][]): string[][] => [[...COLUMNS[name]], ...rows];
  const designations = buildDesignations(master, factsDir);
  const tables: SeedTables = {
    city_designations: withHeader('city_designations', designations),
    regions: withHeader('regions', regionsOut.regions),
    region_members: withHeader('region_members', regionsOut.members),
    region_coverage: withHeader('region_coverage', buildCoverage(factsDir, regionsOut.regions, regionsOut.members, exchanges.rows.length)),
    exchanges: withHeader('exchanges', exchanges.rows),
    exchange_networks: withHeader('exchange_networks', buildNetworks(master, factsDir, designations)),
    hazard_zones: withHeader('hazard_zones', buildHazardZones(master, factsDir)),
  };
  for (const [name, records] of Object.entries(tables)) {
    const width = records[0]!.length;
    records.forEach((rec, i) => {
      if (rec.length !== width) throw new Error(`internal: ${name} record ${i} has ${rec.length} fields, header ${width}`);
    });
  }
  return { tables, mergedSeedExchanges: exchanges.merged, unplaced: UNPLACED_CASES };
}

/** The CSV text of each seed file, keyed by file name (e.g. "regions.csv"). */
export function renderSeeds(tables: SeedTables): Map<string, string> {
  return new Map(Object.entries(tables).map(([name, records]) => [`${name}.csv`, formatCsv(records)]));
}

function summary(report: BuildReport): string {
  const lines = Object.entries(report.tables).map(([name, recs]) => `  seeds/${name}.csv: ${recs.length - 1} rows`);
  const byType = new Map<string, number>();
  for (const r of report.tables.regions.slice(1)) byType.set(r[1]!, (byType.get(r[1]!) ?? 0) + 1);
  lines.push(`  regions by type: ${[...byType].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`  seed-document pairs merged into fact rows: ${report.mergedSeedExchanges}`);
  for (const u of report.unplaced) lines.push(`  not placed (${u.source}): ${u.case} — ${u.reason}`);
  return lines.join('\n');
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const report = buildSeeds(loadMaster());
  const rendered = renderSeeds(report.tables);
  if (check) {
    const stale = [...rendered].filter(([name, text]) => {
      const path = join(SEEDS_DIR, name);
      return !existsSync(path) || readFileSync(path, 'utf8') !== text;
    });
    for (const [name] of stale) console.error(`seeds/${name} is out of date; run npx tsx data/seeds/import-facts.ts`);
    return stale.length === 0 ? 0 : 1;
  }
  mkdirSync(SEEDS_DIR, { recursive: true });
  for (const [name, text] of rendered) writeFileSync(join(SEEDS_DIR, name), text);
  console.log(`wrote seeds/*.csv\n${summary(report)}`);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
