/**
 * Resolving what users write for a partner — a code, a name with or without its prefecture or 郡, a former name
 * (新潟県川口町 → 長岡市), or a prefecture — to a municipality or prefecture of the built database, through the one
 * resolver of domain/names with the `former_names` table the pipeline compiled.
 */
import { prefectureCode } from '../../../domain/names/prefectures.ts';
import { type Candidate, type FormerName, NameResolver, type Via } from '../../../domain/names/resolver.ts';
import { normaliseSearch } from '../../../domain/names/search.ts';
import type { ImportField, ImportPlace, ImportProblem } from '../../../domain/records/exchanges.ts';
import { builtTables } from '../../../domain/tables.ts';
import type { AtlasDb, Row } from '../../db.ts';

/** A partner as resolved for import: municipality or prefecture ("PP000"), and how a name that is not today's led to it. */
export interface Resolved {
  code: string;
  name: string;
  prefName: string;
  lon: number;
  lat: number;
  via?: Via;
}

/** A resolver candidate as a report names it (the former name when a former name led there). */
const importPlace = (c: Candidate): ImportPlace => ({
  code: c.code,
  name: c.name,
  prefName: c.prefName,
  ...(c.via?.kind === 'former' ? { formerName: c.via.written } : {}),
});

/** Municipalities and prefectures by code, and the resolver of names, to resolve what users write. */
export class PartnerDirectory {
  private readonly byCode = new Map<string, Resolved>();
  private readonly resolver: NameResolver;

  constructor(municipalities: Resolved[], prefectures: { code: string; name: string; lon: number; lat: number }[], formerNames: readonly FormerName[]) {
    for (const p of prefectures) this.byCode.set(`${p.code}000`, { code: `${p.code}000`, name: p.name, prefName: p.name, lon: p.lon, lat: p.lat });
    for (const m of municipalities) this.byCode.set(m.code, m);
    this.resolver = new NameResolver(municipalities, formerNames);
  }

  static async load(db: AtlasDb | ((sql: string) => Promise<Row[]>)): Promise<PartnerDirectory> {
    const all = typeof db === 'function' ? db : (sql: string) => db.all(sql);
    const munis = await all('SELECT code, name, pref_name AS "prefName", lon, lat FROM municipalities');
    const prefs = await all('SELECT code, name, lon, lat FROM prefectures');
    const former = await all(`SELECT prefecture, district, name, code, date, change FROM ${builtTables.formerNames.name}`);
    return new PartnerDirectory(munis as unknown as Resolved[], prefs as unknown as { code: string; name: string; lon: number; lat: number }[], former as unknown as FormerName[]);
  }

  /**
   * Resolves a code (5 digits, or the 6-digit 全国地方公共団体コード with its check digit), or a name with or
   * without its prefecture ("東京都世田谷区", "世田谷区" + prefecture "東京都", "群馬県利根郡川場村"), a former name
   * ("新潟県川口町": today's 長岡市, with `via` saying so), or a prefecture.
   */
  resolve(value: string, prefecture: string, field: ImportField, codeGiven: boolean): Resolved | ImportProblem {
    const v = value.normalize('NFKC').trim();
    if (v === '') return { code: 'missing_value', field, written: '', message: `${field}: no municipality given` };
    if (codeGiven || /^\d{5,6}$/.test(v)) {
      const code = /^\d{6}$/.test(v) ? v.slice(0, 5) : v;
      return (
        this.byCode.get(code) ?? {
          code: 'unknown_code',
          field,
          written: value.trim(),
          message: `${field}: ${v} is not the code of a municipality or prefecture (write 5 digits, e.g. 13112)`,
        }
      );
    }
    const pref = this.resolver.prefectureOf(prefecture);
    if (pref === undefined) return { code: 'unknown_name', field, written: prefecture.trim(), message: `${field}: ${prefecture} is not a prefecture` };
    // A prefecture as a partner ("長野県", or the prefecture column repeated as the name).
    const asPrefecture = prefectureCode(normaliseSearch(v)) ?? (pref && normaliseSearch(v) === normaliseSearch(pref) ? prefectureCode(pref) : undefined);
    if (asPrefecture && (!pref || prefectureCode(pref) === asPrefecture)) return this.byCode.get(`${asPrefecture}000`)!;
    const shown = pref && !v.startsWith(pref) ? `${pref}${v}` : v;
    const r = this.resolver.resolve(v, pref);
    if (r.ok) {
      const found = this.byCode.get(r.code)!;
      return r.via ? { ...found, via: r.via } : found;
    }
    if (r.reason === 'ambiguous') {
      const list = r.candidates.map((c) => `${c.prefName}${c.name} ${c.code}${c.via?.kind === 'former' ? ` (${c.via.prefecture}${c.via.written} until ${c.via.date})` : ''}`);
      const former = r.candidates.some((c) => c.via?.kind === 'former');
      return {
        code: 'ambiguous_name',
        field,
        written: shown,
        message: former
          ? `${field}: ${shown} was the name of former municipalities now part of ${list.join(', ')}; add the prefecture or 郡, or give today's name or code`
          : `${field}: ${shown} is the name of ${r.candidates.length} municipalities (${list.join(', ')}); add the prefecture, e.g. ${r.candidates[0]!.prefName}${r.candidates[0]!.name}, or give the code`,
        candidates: r.candidates.map(importPlace),
      };
    }
    const suggestions = this.resolver.suggest(v, pref ?? '').map(importPlace);
    return {
      code: 'unknown_name',
      field,
      written: shown,
      message: `${field}: no municipality, today or since 1970, is called ${shown}; check the spelling or give the code${suggestions.length ? ` (perhaps ${suggestions.map((s) => `${s.prefName}${s.name}${s.formerName ? ` (former ${s.formerName})` : ''}`).join(', ')})` : ''}`,
      ...(suggestions.length ? { suggestions } : {}),
    };
  }
}
