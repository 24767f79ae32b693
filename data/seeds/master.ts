/**
 * The municipality master used to resolve names to 5-digit codes and to check seed codes.
 *
 * It is read at run time from the shared SSDSE-A convenience table (third-party data, never
 * committed): `RENKEI_MUNICIPALITY_MASTER` if set, else
 * `../shared/data/external/census_ssdse_a/municipality_indicators.csv` beside the checkout.
 * Only three columns are used: code, pref_name, muni_name.
 *
 * @example
 * const master = loadMaster();
 * master.resolve('北海道', '倶知安町') // { ok: true, code: '01400', name: '倶知安町' }
 * master.resolve('新潟県', '川口町')   // { ok: true, code: '15202', name: '長岡市', formerName: '川口町' }
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FORMER_MUNICIPALITIES, NAME_ALIASES } from '../../domain/names/aliases.ts';
import { parseCsv } from '../../domain/csv.ts';
import { SeedError } from './errors.ts';

export interface Municipality {
  code: string;
  prefecture: string;
  name: string;
}

export type Resolution = { ok: true; code: string; name: string; formerName?: string; alias?: string } | { ok: false; reason: 'none' | 'ambiguous'; candidates: string[] };

/** Repository root (two folders above this file). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the master is read from unless a path is given. */
export function defaultMasterPath(): string {
  return process.env['RENKEI_MUNICIPALITY_MASTER'] ?? fileURLToPath(new URL('../../../shared/data/external/census_ssdse_a/municipality_indicators.csv', import.meta.url));
}

export class Master {
  readonly byCode: ReadonlyMap<string, Municipality>;
  /** Every municipality code (1,741 for SSDSE-A 2026: 1,718 市町村 + 23 特別区). */
  readonly codes: ReadonlySet<string>;
  private readonly byKey = new Map<string, Municipality[]>();

  constructor(municipalities: readonly Municipality[]) {
    const byCode = new Map<string, Municipality>();
    for (const m of municipalities) {
      byCode.set(m.code, m);
      const key = `${m.prefecture}\u0000${m.name}`;
      const list = this.byKey.get(key) ?? [];
      list.push(m);
      this.byKey.set(key, list);
    }
    this.byCode = byCode;
    this.codes = new Set(byCode.keys());
  }

  /** Municipalities of one prefecture, in code order. */
  inPrefecture(prefecture: string): Municipality[] {
    return [...this.byCode.values()].filter((m) => m.prefecture === prefecture).sort((a, b) => a.code.localeCompare(b.code));
  }

  /**
   * Resolves a name within its prefecture: first as spelled, then through the variant-spelling
   * table, then as a former (merged or renamed) municipality. Never guesses.
   */
  resolve(prefecture: string, name: string): Resolution {
    const direct = this.byKey.get(`${prefecture}\u0000${name}`) ?? [];
    if (direct.length === 1) return { ok: true, code: direct[0]!.code, name: direct[0]!.name };
    if (direct.length > 1) return { ok: false, reason: 'ambiguous', candidates: direct.map((m) => m.code) };
    const alias = NAME_ALIASES.find((a) => a.prefecture === prefecture && a.name === name);
    if (alias) {
      const r = this.resolve(prefecture, alias.canonical);
      return r.ok ? { ...r, alias: name } : r;
    }
    const former = FORMER_MUNICIPALITIES.find((f) => f.prefecture === prefecture && f.former === name);
    if (former) {
      const r = this.resolve(prefecture, former.current);
      return r.ok ? { ...r, formerName: name } : r;
    }
    return { ok: false, reason: 'none', candidates: [] };
  }
}

/** Reads the master from CSV text (columns code, pref_name, muni_name; others ignored). */
export function parseMaster(text: string, file: string): Master {
  const { records, lines } = parseCsv(text, file);
  const header = records[0] ?? [];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) {
      throw new SeedError({ file, row: 1, column: name, problem: 'missing column', fix: 'point RENKEI_MUNICIPALITY_MASTER at the SSDSE-A municipality_indicators.csv' });
    }
    return i;
  };
  const [ic, ip, im] = [col('code'), col('pref_name'), col('muni_name')];
  const out: Municipality[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    const code = rec[ic] ?? '';
    if (!/^\d{5}$/.test(code)) {
      throw new SeedError({ file, row: lines[r]!, column: 'code', problem: `'${code}' is not a 5-digit code`, fix: 'the master must keep leading zeros (read it as text)' });
    }
    out.push({ code, prefecture: rec[ip] ?? '', name: rec[im] ?? '' });
  }
  return new Master(out);
}

/** Loads the master from `path` (default: see {@link defaultMasterPath}). */
export function loadMaster(path = defaultMasterPath()): Master {
  if (!existsSync(path)) {
    throw new SeedError({
      file: path,
      row: 0,
      problem: 'municipality master not found',
      fix: 'check out ../shared beside the repository or set RENKEI_MUNICIPALITY_MASTER to municipality_indicators.csv',
    });
  }
  return parseMaster(readFileSync(path, 'utf8'), path);
}
