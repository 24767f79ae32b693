/**
 * The municipality master used to resolve names to 5-digit codes and to check seed codes.
 *
 * It is read at run time from the shared SSDSE-A convenience table (third-party data, never
 * committed): `RENKEI_MUNICIPALITY_MASTER` if set, else
 * `../shared/data/external/census_ssdse_a/municipality_indicators.csv` beside the checkout.
 * Only three columns are used: code, pref_name, muni_name. Names resolve through the one resolver of
 * domain/names, which also knows every former name since 1970 (data/municipal-changes.ts) and the
 * hand-checked former names of domain/names/aliases.ts.
 *
 * @example
 * const master = loadMaster();
 * master.resolve('北海道', '倶知安町') // { ok: true, code: '01400', name: '倶知安町' }
 * master.resolve('新潟県', '川口町')   // { ok: true, code: '15202', name: '長岡市', formerName: '川口町' }
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FORMER_MUNICIPALITIES } from '../../domain/names/aliases.ts';
import { type FormerName, NameResolver } from '../../domain/names/resolver.ts';
import { parseCsv } from '../../domain/csv.ts';
import { formerNames, loadMunicipalEvents } from '../municipal-changes.ts';
import { candidatePaths, sourceFiles } from '../sources.ts';
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
  private readonly resolver: NameResolver;

  /** @param former former names beyond the hand-checked ones (e.g. from {@link loadMaster}'s municipal changes) */
  constructor(municipalities: readonly Municipality[], former: readonly FormerName[] = []) {
    this.byCode = new Map(municipalities.map((m) => [m.code, m]));
    this.codes = new Set(this.byCode.keys());
    const places = municipalities.map((m) => ({ code: m.code, name: m.name, prefName: m.prefecture }));
    const checked = FORMER_MUNICIPALITIES.flatMap((f) => {
      const today = municipalities.find((m) => m.prefecture === f.prefecture && m.name === f.current);
      return today ? [{ prefecture: f.prefecture, name: f.former, code: today.code, date: String(f.year), change: f.change === 'merged' ? '合併' : '名称変更' }] : [];
    });
    // A hand-checked entry decides for its sources where a name recurs (三重県 had two towns called 長島町).
    const decided = new Set(checked.map((f) => `${f.prefecture}\u0000${f.name}`));
    this.resolver = new NameResolver(places, [...former.filter((f) => !decided.has(`${f.prefecture}\u0000${f.name}`)), ...checked]);
  }

  /** Municipalities of one prefecture, in code order. */
  inPrefecture(prefecture: string): Municipality[] {
    return [...this.byCode.values()].filter((m) => m.prefecture === prefecture).sort((a, b) => a.code.localeCompare(b.code));
  }

  /**
   * Resolves a name within its prefecture: as spelled or as a variant spelling (`alias`), then as a former
   * (merged or renamed) municipality (`formerName`). Never guesses.
   */
  resolve(prefecture: string, name: string): Resolution {
    const r = this.resolver.resolve(name, prefecture);
    if (!r.ok) return { ok: false, reason: r.reason, candidates: r.candidates.map((c) => c.code) };
    const via = r.via ? { [r.via.kind === 'former' ? 'formerName' : 'alias']: r.via.written } : {};
    return { ok: true, code: r.code, name: r.name, ...via };
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

/**
 * Loads the master from `path` (default: see {@link defaultMasterPath}), with every former name since 1970 from the
 * municipal changes file (`ATLAS_MUNICIPAL_CHANGES`, else ../shared/data/external/municipal_changes_1970_2024/).
 */
export function loadMaster(path = defaultMasterPath(), changesPath = candidatePaths(sourceFiles.municipalChanges).find((p) => existsSync(p))): Master {
  if (!existsSync(path)) {
    throw new SeedError({
      file: path,
      row: 0,
      problem: 'municipality master not found',
      fix: 'check out ../shared beside the repository or set RENKEI_MUNICIPALITY_MASTER to municipality_indicators.csv',
    });
  }
  if (!changesPath) {
    throw new SeedError({
      file: sourceFiles.municipalChanges.sharedPath,
      row: 0,
      problem: 'municipal changes 1970–2024 not found',
      fix: `check out ../shared beside the repository or set ${sourceFiles.municipalChanges.envVar} to municipal_events_1970_2024.csv`,
    });
  }
  const master = parseMaster(readFileSync(path, 'utf8'), path);
  const current = new Map([...master.byCode.values()].map((m) => [m.code, m.name]));
  return new Master([...master.byCode.values()], formerNames(loadMunicipalEvents(changesPath), current));
}
