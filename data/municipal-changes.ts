/**
 * Every municipal change since 1970 (e-Stat 廃置分合等情報, see ../shared/data/external/municipal_changes_1970_2024/
 * SOURCES.md) → the former names the name resolver knows: each name a municipality had before a merger, an absorption,
 * a rename or a change of status, with the municipality of today it ended in. Third-party data: read at build time
 * into the `former_names` table and by the seed loader, never committed.
 *
 * A former municipality is followed from code to code (`to_code` of one change is the `from_code` of the next, at a
 * later date) until a code of today; wards of designated cities roll up to their city (蒲原町 → 清水区 22103 → 静岡市
 * 22100). One that was split (上九一色村 → 甲府市 and 富士河口湖町) keeps both, and the resolver calls it ambiguous.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../domain/csv.ts';
import { type FormerNameRow, builtTables } from '../domain/tables.ts';
import { DataFileError } from './csv.ts';
import { writeTable } from './database.ts';
import { locateSource, sourceFiles } from './sources.ts';
import type { BuildStep } from './steps.ts';

/** One row of municipal_events_1970_2024.csv ('' where the file says NA). */
export interface MunicipalEvent {
  date: string;
  type: string;
  fromCode: string;
  fromPref: string;
  fromGun: string;
  fromName: string;
  toCode: string;
  toPref: string;
  toName: string;
}

/** Changes after which the `from` municipality no longer exists under its name and code (分離 leaves it in place). */
const endings = new Set(['新設合併', '編入合併', '町制施行', '市制施行', '名称変更', '郡の区域変更', '政令指定都市施行', '区の再編', '分割']);

const columns = ['date', 'type', 'from_code', 'from_pref', 'from_gun', 'from_name', 'to_code', 'to_pref', 'to_name'] as const;

/** Parses the events file; throws DataFileError naming the file, row and column for anything malformed. */
export function parseMunicipalEvents(text: string, file: string): MunicipalEvent[] {
  const { records, lines } = parseCsv(text, file);
  const header = records[0] ?? [];
  const at = columns.map((c) => {
    const i = header.indexOf(c);
    if (i < 0) throw new DataFileError(file, 1, `missing column ${c}`, 'use municipal_events_1970_2024.csv unchanged');
    return i;
  });
  return records.slice(1).map((rec, r) => {
    const [date, type, fromCode, fromPref, fromGun, fromName, toCode, toPref, toName] = at.map((i) => (rec[i] === 'NA' ? '' : (rec[i] ?? '')));
    if (!/^\d{4}-\d\d-\d\d$/.test(date!)) throw new DataFileError(file, lines[r + 1]!, `date '${date}' is not YYYY-MM-DD`, 'use the file unchanged');
    for (const [name, code] of [
      ['from_code', fromCode],
      ['to_code', toCode],
    ] as const) {
      if (code && !/^\d{5}$/.test(code)) throw new DataFileError(file, lines[r + 1]!, `${name} '${code}' is not a 5-digit code`, 'read codes as text, keeping leading zeros');
    }
    return { date: date!, type: type!, fromCode: fromCode!, fromPref: fromPref!, fromGun: fromGun!, fromName: fromName!, toCode: toCode!, toPref: toPref!, toName: toName! };
  });
}

/** Reads and parses the events file at `path`. */
export function loadMunicipalEvents(path: string): MunicipalEvent[] {
  return parseMunicipalEvents(readFileSync(path, 'utf8'), path);
}

/**
 * Today's municipalities that a code became after `date`: follows every later change of the code, rolling wards up
 * to their designated city (the largest code of today at or below the ward's with the same first three digits).
 */
export function currentCodesOf(code: string, date: string, events: readonly MunicipalEvent[], current: ReadonlyMap<string, string>): string[] {
  return follow(code, date, changesByCode(events), current, new Set());
}

/** The changes that moved each code elsewhere, by the code they started from. */
function changesByCode(events: readonly MunicipalEvent[]): Map<string, MunicipalEvent[]> {
  const byFrom = new Map<string, MunicipalEvent[]>();
  for (const e of events) if (endings.has(e.type) && e.fromCode && e.toCode && e.toCode !== e.fromCode) byFrom.set(e.fromCode, [...(byFrom.get(e.fromCode) ?? []), e]);
  return byFrom;
}

function follow(code: string, date: string, byFrom: ReadonlyMap<string, MunicipalEvent[]>, current: ReadonlyMap<string, string>, seen: Set<string>): string[] {
  if (seen.has(code)) return [];
  seen.add(code);
  const later = (byFrom.get(code) ?? []).filter((e) => e.date >= date);
  if (later.length) {
    const next = later.map((e) => e.date).sort()[0];
    const out = new Set(later.filter((e) => e.date === next).flatMap((e) => follow(e.toCode, e.date, byFrom, current, new Set(seen))));
    return [...out].sort();
  }
  if (current.has(code)) return [code];
  const city = [...current.keys()]
    .filter((c) => c <= code && c.slice(0, 3) === code.slice(0, 3) && c[2] === '1')
    .sort()
    .pop();
  return city ? [city] : [];
}

/**
 * Every former name of a municipality that ended in one of today's (`current`: code → name). Names of wards and
 * changes that kept the name (a district moved, a city became designated) are left out.
 * @example formerNames(events, current).find((f) => f.name === '川口町') // { prefecture: '新潟県', code: '15202', date: '2010-03-31', change: '編入合併', formerCode: '15441', … }
 */
export function formerNames(events: readonly MunicipalEvent[], current: ReadonlyMap<string, string>): FormerNameRow[] {
  const byFrom = changesByCode(events);
  const rows = new Map<string, FormerNameRow>();
  for (const e of events) {
    if (!endings.has(e.type) || !e.fromName || !e.toCode || e.fromGun.endsWith('市')) continue;
    const ends = follow(e.toCode, e.date, byFrom, current, new Set(e.toCode === e.fromCode ? [] : [e.fromCode]));
    for (const code of ends) {
      if (current.get(code) === e.fromName) continue;
      const key = `${e.fromPref}\u0000${e.fromName}\u0000${code}`;
      const seen = rows.get(key);
      if (!seen || seen.date < e.date)
        rows.set(key, { prefecture: e.fromPref, district: e.fromGun || null, name: e.fromName, code, date: e.date, change: e.type, formerCode: e.fromCode });
    }
  }
  return [...rows.values()].sort((a, b) => a.formerCode.localeCompare(b.formerCode) || a.date.localeCompare(b.date) || a.code.localeCompare(b.code));
}

/** Pipeline step: the `former_names` table, read by the server to resolve names in uploads. */
export const formerNamesStep: BuildStep = {
  name: 'former names (municipal changes 1970–2024)',
  async run(ctx) {
    const events = loadMunicipalEvents(await locateSource(sourceFiles.municipalChanges));
    const rows = formerNames(events, new Map(ctx.municipalities.map((m) => [m.code, m.name])));
    await writeTable(ctx.conn, builtTables.formerNames, rows);
    const names = new Set(rows.map((r) => `${r.prefecture}${r.name}`));
    const split = [...names].filter((n) => rows.filter((r) => `${r.prefecture}${r.name}` === n).length > 1);
    return `${rows.length.toLocaleString()} rows: ${names.size.toLocaleString()} former names in ${new Set(rows.map((r) => r.code)).size} of today's municipalities; ${split.length} lead to several (${split.slice(0, 3).join(', ')}${split.length > 3 ? ' …' : ''})`;
  },
};
