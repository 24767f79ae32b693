/**
 * Resolving what users write for a partner — a code, a name with or without its prefecture, or a prefecture — to a
 * municipality or prefecture of the built database.
 */
import type { ImportProblem } from '../../../domain/records/exchanges.ts';
import type { AtlasDb, Row } from '../../db.ts';

/** A partner as resolved for import: municipality or prefecture ("PP000"). */
export interface Resolved {
  code: string;
  name: string;
  prefName: string;
  lon: number;
  lat: number;
}

/** Municipalities and prefectures by code and by (folded) name, to resolve what users write. */
export class PartnerDirectory {
  private byCode = new Map<string, Resolved>();
  private byName = new Map<string, Resolved[]>();
  private prefByName = new Map<string, Resolved>();

  constructor(municipalities: Resolved[], prefectures: { code: string; name: string; lon: number; lat: number }[]) {
    for (const p of prefectures) {
      const r = { code: `${p.code}000`, name: p.name, prefName: p.name, lon: p.lon, lat: p.lat };
      this.byCode.set(r.code, r);
      this.prefByName.set(PartnerDirectory.key(p.name), r);
    }
    for (const m of municipalities) {
      this.byCode.set(m.code, m);
      const k = PartnerDirectory.key(m.name);
      this.byName.set(k, [...(this.byName.get(k) ?? []), m]);
    }
  }

  /** Folded form of a name: NFKC, no spaces, ヶ/ケ alike (龍ケ崎市 = 龍ヶ崎市). */
  static key(name: string): string {
    return name
      .normalize('NFKC')
      .replace(/\s/g, '')
      .replace(/[ヶヵケ]/g, 'ケ');
  }

  static async load(db: AtlasDb | ((sql: string) => Promise<Row[]>)): Promise<PartnerDirectory> {
    const all = typeof db === 'function' ? db : (sql: string) => db.all(sql);
    const munis = await all('SELECT code, name, pref_name AS "prefName", lon, lat FROM municipalities');
    const prefs = await all('SELECT code, name, lon, lat FROM prefectures');
    return new PartnerDirectory(munis as unknown as Resolved[], prefs as unknown as { code: string; name: string; lon: number; lat: number }[]);
  }

  /**
   * Resolves a code (5 digits, or the 6-digit 全国地方公共団体コード with its check digit), or a name with or
   * without its prefecture ("東京都世田谷区", "世田谷区" + prefecture "東京都", "群馬県利根郡川場村"), or a prefecture.
   */
  resolve(value: string, prefecture: string, field: 'a' | 'b', codeGiven: boolean): Resolved | ImportProblem {
    const v = value.normalize('NFKC').trim();
    if (v === '') return { code: 'missing_value', field, message: `${field}: no municipality given` };
    if (codeGiven || /^\d{5,6}$/.test(v)) {
      const code = /^\d{6}$/.test(v) ? v.slice(0, 5) : v;
      return this.byCode.get(code) ?? { code: 'unknown_code', field, message: `${field}: ${v} is not the code of a municipality or prefecture (write 5 digits, e.g. 13112)` };
    }
    let pref = PartnerDirectory.key(prefecture);
    let name = PartnerDirectory.key(v);
    if (!pref) {
      const lead = [...this.prefByName.keys()].find((p) => name.startsWith(p));
      if (lead) {
        pref = lead;
        name = name.slice(lead.length);
      }
    } else if (!this.prefByName.has(pref)) {
      const withSuffix = ['都', '道', '府', '県'].map((s) => pref + s).find((p) => this.prefByName.has(p));
      if (!withSuffix) return { code: 'unknown_name', field, message: `${field}: ${prefecture} is not a prefecture` };
      pref = withSuffix;
    }
    if (pref && name.startsWith(pref)) name = name.slice(pref.length);
    if (pref && name === '') return this.prefByName.get(pref)!;
    const prefName = pref ? this.prefByName.get(pref)!.name : null;
    const lookup = (n: string) => (this.byName.get(n) ?? []).filter((m) => prefName === null || m.prefName === prefName);
    // 郡 (district) names are not part of a town's name: 利根郡川場村 → 川場村.
    let found = lookup(name);
    if (found.length === 0 && /郡./.test(name)) found = lookup(name.replace(/^.+?郡/, ''));
    const shown = prefecture && !v.startsWith(prefecture) ? `${prefecture}${v}` : v;
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      return {
        code: 'ambiguous_name',
        field,
        message: `${field}: ${shown} is the name of ${found.length} municipalities (${found.map((m) => `${m.prefName}${m.name} ${m.code}`).join(', ')}); add the prefecture, e.g. ${found[0]!.prefName}${found[0]!.name}, or give the code`,
      };
    }
    return {
      code: 'unknown_name',
      field,
      message: `${field}: no current municipality is called ${shown}; check the spelling, use today's name for merged municipalities (e.g. 川口町 → 長岡市), or give the code`,
    };
  }
}
