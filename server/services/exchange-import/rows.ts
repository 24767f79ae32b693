/**
 * Reading an agreements CSV row by row: which header is which column, kinds and years as users write them, and the
 * check of every row (partners resolved, kind known, year valid, no self-pair, no duplicate).
 */
import { type ExchangeKind, type ImportProblem, type ImportRow, exchangeKinds } from '../../../domain/records/exchanges.ts';
import { pairKey } from '../../../domain/tables.ts';
import { ApiError } from '../../errors.ts';
import type { PartnerDirectory, Resolved } from './partners.ts';

/** Header spellings recognised for each column (compared after NFKC, lower case, no spaces, "_" or "-"). */
const columnAliases = {
  aCode: ['acode', 'codea', 'コードa', '団体コードa', '自治体コードa'],
  aName: ['aname', 'a', 'namea', 'municipalitya', '自治体a', '自治体1', '自治体名a', '自治体名1', '市区町村a', '市区町村1', '市区町村名a', '団体名a'],
  aPref: ['aprefecture', 'apref', 'prefecturea', '都道府県a', '都道府県1', '都道府県名a'],
  bCode: ['bcode', 'codeb', 'コードb', '団体コードb', '自治体コードb'],
  bName: [
    'bname',
    'b',
    'nameb',
    'municipalityb',
    '自治体b',
    '自治体2',
    '自治体名b',
    '自治体名2',
    '市区町村b',
    '市区町村2',
    '市区町村名b',
    '団体名b',
    '相手先',
    '相手自治体',
    'partner',
  ],
  bPref: ['bprefecture', 'bpref', 'prefectureb', '都道府県b', '都道府県2', '都道府県名b'],
  kind: ['kind', 'type', '種別', '種類', '協定種別', '区分'],
  year: ['year', 'sinceyear', 'since', '締結年', '提携年', '協定年', '年'],
  agreement: ['agreement', '協定名', '名称', '協定'],
  note: ['note', '備考', 'メモ'],
  source: ['source', '出典'],
} as const;
export type ColumnKey = keyof typeof columnAliases;

const fold = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/** Which header cell is which column; throws a 400 naming the expected headers when a side or the kind is missing. */
export function recogniseColumns(header: string[]): Partial<Record<ColumnKey, number>> {
  const found: Partial<Record<ColumnKey, number>> = {};
  header.forEach((h, i) => {
    const f = fold(h);
    for (const [key, aliases] of Object.entries(columnAliases) as [ColumnKey, readonly string[]][]) {
      if (found[key] === undefined && aliases.includes(f)) found[key] = i;
    }
  });
  const missing: string[] = [];
  if (found.aCode === undefined && found.aName === undefined) missing.push('a_name or a_code (the first municipality)');
  if (found.bCode === undefined && found.bName === undefined) missing.push('b_name or b_code (the partner)');
  if (found.kind === undefined) missing.push('kind');
  if (missing.length) {
    throw new ApiError(
      400,
      'invalid_csv',
      `the CSV header has no column for ${missing.join(', ')}; expected columns a_name (e.g. 東京都世田谷区) or a_code, optional a_prefecture, the same for b, kind, optional year, agreement, note, source — header found: ${header.join(', ') || '(empty)'}`,
    );
  }
  return found;
}

/** Kind spellings accepted besides the API values. */
const kindAliases: Record<string, ExchangeKind> = {
  姉妹都市: 'sister',
  姉妹: 'sister',
  姉妹都市提携: 'sister',
  友好都市: 'friendship',
  友好: 'friendship',
  ふるさと友好都市: 'friendship',
  友好都市提携: 'friendship',
  縁組: 'partnership',
  縁組協定: 'partnership',
  交流協定: 'partnership',
  協定: 'partnership',
  連携協定: 'partnership',
  災害時相互応援: 'disaster_aid',
  災害時相互応援協定: 'disaster_aid',
  災害応援: 'disaster_aid',
  相互応援: 'disaster_aid',
  災害協定: 'disaster_aid',
  災害: 'disaster_aid',
  防災: 'disaster_aid',
  関係人口: 'relationship_population',
  その他: 'other',
  交流: 'other',
};

/** An exchange kind from an API value or a Japanese label, or null. @example parseKind('姉妹都市') // 'sister' */
export function parseKind(value: string): ExchangeKind | null {
  const f = fold(value);
  const api = exchangeKinds.find((k) => fold(k) === f);
  return api ?? kindAliases[value.normalize('NFKC').replace(/\s/g, '')] ?? null;
}

/** A checked row ready to write. */
export interface ValidRow {
  line: number;
  a: Resolved;
  b: Resolved;
  kind: ExchangeKind;
  sinceYear: number | null;
  agreement: string | null;
  note: string | null;
  source: string | null;
}

/** Parses a year cell: "1995", "1995年", "1995-04-01", "1995/4/1"; '' → null. */
function parseYear(cell: string): number | null | 'bad' {
  const v = cell.normalize('NFKC').trim().replace(/年$/, '');
  if (v === '') return null;
  const m = /^(\d{4})(?:[-/.]\d{1,2}(?:[-/.]\d{1,2})?)?$/.exec(v);
  if (!m) return 'bad';
  const y = Number(m[1]);
  return y >= 1850 && y <= new Date().getFullYear() + 1 ? y : 'bad';
}

/**
 * Checks every data row of a parsed CSV: both partners resolved, kind known, year valid, no self-pair, no
 * duplicate within the file or of an agreement already stored (`existing`: pair key → id).
 */
export function checkRows(
  records: string[][],
  lines: number[],
  columns: Partial<Record<ColumnKey, number>>,
  directory: PartnerDirectory,
  existing: ReadonlyMap<string, string>,
): { report: ImportRow[]; valid: ValidRow[] } {
  const report: ImportRow[] = [];
  const valid: ValidRow[] = [];
  const seen = new Map<string, number>();
  records.forEach((cells, i) => {
    const line = lines[i]!;
    const cell = (key: ColumnKey) => (columns[key] === undefined ? '' : (cells[columns[key]!] ?? '').trim());
    const problems: ImportProblem[] = [];
    const written = (field: 'a' | 'b') => {
      const [code, pref, name] = field === 'a' ? [cell('aCode'), cell('aPref'), cell('aName')] : [cell('bCode'), cell('bPref'), cell('bName')];
      return code || (pref && !name.startsWith(pref) ? `${pref}${name}` : name);
    };
    const side = (field: 'a' | 'b') => {
      const code = cell(field === 'a' ? 'aCode' : 'bCode');
      const r = code ? directory.resolve(code, '', field, true) : directory.resolve(cell(field === 'a' ? 'aName' : 'bName'), cell(field === 'a' ? 'aPref' : 'bPref'), field, false);
      if ('message' in r) {
        problems.push(r);
        return null;
      }
      return r;
    };
    const a = side('a');
    const b = side('b');
    const kindCell = cell('kind');
    const kind = parseKind(kindCell);
    if (!kind)
      problems.push({
        code: kindCell ? 'unknown_kind' : 'missing_value',
        field: 'kind',
        written: kindCell,
        message: `kind: ${kindCell ? `'${kindCell}' is not a kind` : 'empty'}; use one of ${exchangeKinds.join(', ')} (or 姉妹都市, 友好都市, 縁組協定, 災害時相互応援協定, 関係人口, その他)`,
      });
    const year = parseYear(cell('year'));
    if (year === 'bad')
      problems.push({ code: 'bad_year', field: 'year', written: cell('year'), message: `year: '${cell('year')}' is not a year between 1850 and next year (write e.g. 1995)` });
    if (a && b && a.code === b.code) problems.push({ code: 'self_pair', field: 'b', written: written('b'), message: `b: ${a.name} cannot partner with itself` });
    if (a && b && kind && a.code !== b.code) {
      const key = pairKey(a.code, b.code, kind);
      if (seen.has(key))
        problems.push({
          code: 'duplicate_in_file',
          field: 'b',
          written: written('b'),
          message: `this ${kind} agreement of ${a.name} and ${b.name} is already on line ${seen.get(key)} of the file`,
        });
      else if (existing.has(key))
        problems.push({
          code: 'duplicate_existing',
          field: 'b',
          written: written('b'),
          message: `${a.name} and ${b.name} already have a ${kind} agreement in the atlas (${existing.get(key)})`,
        });
      seen.set(key, seen.get(key) ?? line);
    }
    const brief = (r: Resolved | null) => (r ? { code: r.code, name: r.name, prefName: r.prefName, ...(r.via ? { via: r.via } : {}) } : null);
    report.push({
      line,
      status: problems.length ? 'error' : 'ok',
      written: { a: written('a'), b: written('b') },
      a: brief(a),
      b: brief(b),
      kind,
      sinceYear: typeof year === 'number' ? year : null,
      problems,
      id: null,
    });
    if (!problems.length) {
      valid.push({
        line,
        a: a!,
        b: b!,
        kind: kind!,
        sinceYear: year as number | null,
        agreement: cell('agreement') || null,
        note: cell('note') || null,
        source: cell('source') || null,
      });
    }
  });
  return { report, valid };
}
