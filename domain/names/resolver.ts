/**
 * The one resolver from what a person or a document writes (a prefecture and a municipality name) to today's
 * municipality: used by the seed importer, the pipeline and the CSV import of agreements. It knows today's names,
 * their variant spellings (folded as the search folds them) and the former names of merged or renamed
 * municipalities, which it takes as data (`FormerName` rows: the hand-checked table in aliases.ts, and every
 * municipal change since 1970 compiled by the pipeline into the `former_names` table).
 *
 * It never guesses: a name that fits several places is reported as ambiguous with every candidate, a former name
 * that fits several places (東和町 was a town in 岩手, 宮城, 福島 and 山口) needs its prefecture.
 */
import { PREFECTURES, prefectureName } from './prefectures.ts';
import { normaliseSearch } from './search.ts';

/** A municipality as the resolver knows it. */
export interface Place {
  code: string;
  name: string;
  prefName: string;
}

/** A former name of (part of) a municipality that exists today. */
export interface FormerName {
  /** Prefecture the former municipality belonged to (a few moved: 長野県山口村 → 岐阜県中津川市). */
  prefecture: string;
  /** The former municipality's name, e.g. 川口町. */
  name: string;
  /** Its 郡 where it had one (北魚沼郡), which tells apart towns of one name in one prefecture (吾妻郡東村, 佐波郡東村). */
  district?: string | null;
  /** Today's municipality it became part of. */
  code: string;
  /** When it stopped existing under this name: YYYY-MM-DD, or YYYY where only the year is known. */
  date: string;
  /** What happened, in the words of the source: 編入合併, 新設合併, 名称変更, 市制施行 … */
  change: string;
}

/** How a name that is not today's spelling led to the place. */
export interface Via {
  kind: 'variant' | 'former';
  /** What was written (without the prefecture). */
  written: string;
  /** For former names: the prefecture it belonged to, when and how it changed. */
  prefecture?: string;
  date?: string;
  change?: string;
}

export type Candidate = Place & { via?: Via };

export type Resolution = ({ ok: true } & Candidate) | { ok: false; reason: 'none' | 'ambiguous'; candidates: Candidate[] };

/** 郡 (district) names are not part of a town's name: 利根郡川場村 → 川場村, 北魚沼郡川口町 → 川口町. */
const districtPrefix = /^.+?郡(?=.)/u;

export class NameResolver {
  private readonly places = new Map<string, Place[]>();
  private readonly former = new Map<string, (FormerName & { place: Place })[]>();
  /** Prefecture names by their folded form. */
  private readonly prefectures = new Map(PREFECTURES.map(([, name]) => [normaliseSearch(name), name]));

  /**
   * @param places today's municipalities
   * @param formerNames former names; rows whose code is not among `places` are ignored
   */
  constructor(places: readonly Place[], formerNames: readonly FormerName[]) {
    const byCode = new Map(places.map((p) => [p.code, p]));
    for (const p of places) push(this.places, normaliseSearch(p.name), p);
    for (const f of formerNames) {
      const place = byCode.get(f.code);
      if (place) push(this.former, normaliseSearch(f.name), { ...f, place });
    }
  }

  /**
   * Resolves a municipality name, optionally within a prefecture. The name may start with its prefecture
   * ("新潟県川口町") or district ("北魚沼郡川口町"); the prefecture may lack 都府県 ("新潟").
   * @example resolver.resolve('川口町', '新潟県') // { ok: true, code: '15202', name: '長岡市', …, via: { kind: 'former', written: '川口町', date: '2010-03-31', change: '編入合併' } }
   * @example resolver.resolve('伊達市') // { ok: false, reason: 'ambiguous', candidates: [北海道伊達市, 福島県伊達市] }
   */
  resolve(name: string, prefecture = ''): Resolution {
    const split = this.split(name, prefecture);
    if (!split) return { ok: false, reason: 'none', candidates: [] };
    const { written, inPref } = split;
    const keys = [normaliseSearch(written)];
    const district = districtPrefix.exec(keys[0]!)?.[0];
    if (district) keys.push(keys[0]!.slice(district.length));
    for (const key of keys) {
      const current = (this.places.get(key) ?? []).filter((p) => !inPref || p.prefName === inPref);
      if (current.length) {
        const via: Via | undefined = current.length === 1 && current[0]!.name !== written && !written.endsWith(current[0]!.name) ? { kind: 'variant', written } : undefined;
        return settle(current.map((p) => (via ? { ...p, via } : p)));
      }
    }
    for (const key of keys) {
      const inPlace = (this.former.get(key) ?? []).filter((f) => !inPref || f.prefecture === inPref);
      const inDistrict = inPlace.filter((f) => district && f.district && normaliseSearch(f.district) === district);
      const former = inDistrict.length ? inDistrict : inPlace;
      if (former.length) {
        const byCode = new Map<string, Candidate>();
        for (const f of former) {
          const seen = byCode.get(f.place.code);
          // Keep the latest change where one former name reached today's place in several steps.
          if (!seen || (seen.via?.date ?? '') < f.date)
            byCode.set(f.place.code, { ...f.place, via: { kind: 'former', written: f.name, prefecture: f.prefecture, date: f.date, change: f.change } });
        }
        return settle([...byCode.values()]);
      }
    }
    return { ok: false, reason: 'none', candidates: [] };
  }

  /**
   * Places a name that resolves to none may have meant, for a report to suggest (never to import): today's or former
   * names that begin with what was written less its 市区町村 suffix (川口村 → 川口市, and 長岡市 via 川口町), within
   * the prefecture when one is given; up to `limit`, today's names first.
   * @example resolver.suggest('川口村').map((c) => c.name) // ['川口市', '長岡市'] (長岡市 with via 川口町)
   */
  suggest(name: string, prefecture = '', limit = 3): Candidate[] {
    const split = this.split(name, prefecture);
    if (!split) return [];
    const key = normaliseSearch(split.written);
    const stem = key.replace(districtPrefix, '').replace(/[市区町村]$/u, '');
    if (stem.length < 2) return [];
    const inPref = (p: string) => !split.inPref || p === split.inPref;
    const out = new Map<string, Candidate>();
    for (const [k, places] of this.places) if (k.startsWith(stem)) for (const p of places) if (inPref(p.prefName)) out.set(p.code, p);
    for (const [k, rows] of this.former) {
      if (!k.startsWith(stem)) continue;
      for (const f of rows)
        if (inPref(f.prefecture) && !out.has(f.place.code))
          out.set(f.place.code, { ...f.place, via: { kind: 'former', written: f.name, prefecture: f.prefecture, date: f.date, change: f.change } });
    }
    return [...out.values()].slice(0, limit);
  }

  /** The prefecture (given, or leading the name) and the name without it; undefined for a prefecture that names none. */
  private split(name: string, prefecture: string): { written: string; inPref: string } | undefined {
    const pref = this.prefectureOf(prefecture);
    if (pref === undefined) return undefined;
    let written = name.normalize('NFKC').trim();
    let inPref = pref;
    if (!inPref) {
      const lead = [...this.prefectures.values()].find((p) => written.startsWith(p) && written.length > p.length);
      if (lead) [inPref, written] = [lead, written.slice(lead.length)];
    } else if (written.startsWith(inPref) && written.length > inPref.length) written = written.slice(inPref.length);
    return { written, inPref };
  }

  /**
   * A prefecture as written (with or without 都府県, "" for none) → its full name; undefined when it names none.
   * @example resolver.prefectureOf('新潟') // '新潟県'
   */
  prefectureOf(written: string): string | undefined {
    const key = normaliseSearch(written);
    if (!key) return '';
    if (/^\d{1,2}$/.test(key)) return prefectureName(key.padStart(2, '0'));
    return this.prefectures.get(key) ?? ['都', '道', '府', '県'].map((s) => this.prefectures.get(key + s)).find((p) => p !== undefined);
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function settle(candidates: Candidate[]): Resolution {
  const sorted = candidates.sort((a, b) => a.code.localeCompare(b.code));
  return sorted.length === 1 ? { ok: true, ...sorted[0]! } : { ok: false, reason: 'ambiguous', candidates: sorted };
}
