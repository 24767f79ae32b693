/**
 * Pipeline step "mergers": which of today's municipalities were formed or enlarged by a merger since 1999-04-01 (the
 * 平成の合併 and later), from e-Stat's 廃置分合等情報 (read by data/municipal-changes.ts) → table `municipality_mergers`
 * (code, merged_on, kind, former_code, former_name): one row per former municipality that became part of today's one.
 *
 * Why: 定住自立圏構想推進要綱 accepts, for a merged city (合併市), the 昼夜間人口比率 of its largest former city; no
 * dataset here has former cities' ratios, so eligibility says 要確認 for such a city instead of failing it.
 */
import { writeTable } from './database.ts';
import { type MergerRow, builtTables } from '../domain/tables.ts';
import { type MunicipalEvent, currentCodesOf, loadMunicipalEvents } from './municipal-changes.ts';
import type { BuildStep } from './steps.ts';

/** Mergers on or after this date count (合併特例法 amended 1999: the 平成の合併). */
export const mergerEraStart = '1999-04-01';
const mergerKinds = new Set(['新設合併', '編入合併']);

export type { MergerRow } from '../domain/tables.ts';

/**
 * Mergers since `mergerEraStart`, under today's codes (`current`: code → name; later changes of code followed, wards
 * rolled up). For an absorption (編入合併) the absorbing municipality is listed as a former one too: its pre-merger
 * figures are not today's either. A municipality split between two (上九一色村) names no single merged city.
 * @example mergersSince(events, current).filter((m) => m.code === '34207').map((m) => m.formerName) // ['福山市', '神辺町']
 */
export function mergersSince(events: readonly MunicipalEvent[], current: ReadonlyMap<string, string>): MergerRow[] {
  const out = new Map<string, MergerRow>();
  for (const e of events) {
    if (!mergerKinds.has(e.type) || e.date < mergerEraStart || !e.toCode) continue;
    const codes = currentCodesOf(e.toCode, e.date, events, current);
    if (codes.length !== 1) continue;
    const code = codes[0]!;
    const add = (formerCode: string, formerName: string) => {
      const key = `${code}|${formerCode}|${e.date}`;
      if (!out.has(key)) out.set(key, { code, mergedOn: e.date, kind: e.type as MergerRow['kind'], formerCode, formerName });
    };
    add(e.fromCode, e.fromName);
    if (e.type === '編入合併') add(e.toCode, e.toName);
  }
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code) || a.mergedOn.localeCompare(b.mergedOn) || a.formerCode.localeCompare(b.formerCode));
}

/** The step, registered in data/build.ts. */
export const mergersStep: BuildStep = {
  name: 'mergers since 1999 (廃置分合等情報)',
  async run(ctx) {
    const rows = mergersSince(loadMunicipalEvents(ctx.paths.municipalChanges), new Map(ctx.municipalities.map((m) => [m.code, m.name])));
    await writeTable(ctx.conn, builtTables.municipalityMergers, rows);
    return `${rows.length.toLocaleString()} former municipalities in ${new Set(rows.map((r) => r.code)).size} of today's municipalities`;
  },
};
