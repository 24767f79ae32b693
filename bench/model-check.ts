/**
 * Benchmark 5: does the disaster-aid model agree with the world? Two checks on the built database, through the API's own
 * ranking (server/routes/partners.ts, default parameters):
 *  1. Documented agreements: for every disaster-aid agreement between two municipalities (seeds/exchanges.csv and the
 *     networks, kind disaster_aid), where does the real partner rank in the origin's ranking (both ways)? Percentile =
 *     rank ÷ 1,740 (rank 1 is the best). Reported on all pairs and on two fixed halves (by a hash of the pair), so that a
 *     future change of defaults can be chosen on one half and judged on the other, held-out half. The pacts every
 *     designated or core city joins by designation (21大都市, 中核市) are reported apart: nobody chose those partners.
 *  2. Own hazard of the proposals: for every origin, the median J-SHIS probability of its top-10 partners against its own.
 * Run alone with `npx tsx bench/model-check.ts` (writes bench/results/model-check-latest.md and a JSON beside it), or as
 * a section of `npm run bench`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DisasterRanking } from '../domain/records/partners.ts';
import { defaultDisasterParams } from '../domain/scoring/disaster.ts';
import { AtlasDb } from '../server/db.ts';
import { disasterRanking, partnerPlaces } from '../server/routes/partners.ts';

/** Placement of the documented partners: how many checks, the median percentile and the shares in the top 10 % / 25 %. */
export interface Placement {
  checks: number;
  medianPercentile: number;
  top10Share: number;
  top25Share: number;
}

export interface ModelCheckResult {
  agreements: number;
  /** All pairs; `calibration` and `heldOut` are the two halves; `byDesignation`: the pacts joined by designation. */
  documented: { all: Placement; calibration: Placement; heldOut: Placement; byDesignation: Placement };
  /** Over all origins: median of (median J-SHIS % of the top 10) and the share of origins whose top 10 are safer than themselves. */
  hazard: {
    origins: number;
    medianTop10Prob: number;
    shareTop10BelowOrigin: number;
    /** The same for origins with a probability of 50 % or more. */
    highHazardOrigins: number;
    highHazardMedianTop10Prob: number;
  };
  /** Named origins: own probability, top-10 median and the first three partners. */
  cities: { code: string; name: string; quakeProb30: number | null; top10MedianProb: number; top3: string[] }[];
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? Number.NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** 0 or 1, fixed for a pair whichever way round it is written (FNV-1a of the sorted codes). */
export function half(a: string, b: string): 0 | 1 {
  let h = 0x811c9dc5;
  for (const ch of a < b ? `${a}-${b}` : `${b}-${a}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return (h & 1) as 0 | 1;
}

function placement(percentiles: readonly number[]): Placement {
  return {
    checks: percentiles.length,
    medianPercentile: median(percentiles),
    top10Share: percentiles.filter((p) => p <= 10).length / percentiles.length,
    top25Share: percentiles.filter((p) => p <= 25).length / percentiles.length,
  };
}

/** Origins named in issue 10 and in the seed documents. */
const namedOrigins = ['22100', '39201', '14100', '04100', '10444', '32528', '13112', '13219'];

/**
 * Runs both checks on a database.
 * @example (await modelCheck('data/build/atlas.duckdb')).documented.all.medianPercentile // e.g. 27
 */
export async function modelCheck(dbPath: string, log: (m: string) => void = () => undefined): Promise<ModelCheckResult> {
  const db = await AtlasDb.open(dbPath);
  try {
    const { byCode } = await partnerPlaces(db);
    const rows = await db.all(`SELECT DISTINCT least(a_code, b_code) AS a, greatest(a_code, b_code) AS b FROM exchanges WHERE kind = 'disaster_aid' ORDER BY 1, 2`);
    const pairs = rows.map((r) => [String(r.a), String(r.b)] as const).filter(([a, b]) => byCode.has(a) && byCode.has(b));
    const designated = await db.all(
      `SELECT DISTINCT least(a.code, b.code) AS a, greatest(a.code, b.code) AS b FROM exchange_networks a JOIN exchange_networks b ON b.network = a.network AND b.code <> a.code
       WHERE a.membership = 'designation' AND a.kind = 'disaster_aid' ORDER BY 1, 2`,
    );
    const rankings = new Map<string, DisasterRanking>();
    for (const code of [...byCode.keys()].sort()) rankings.set(code, await disasterRanking(db, code, defaultDisasterParams, 10));
    log(`model check: ${pairs.length} documented disaster-aid pairs, ${rankings.size} rankings`);

    /** The partner's percentile in the origin's ranking, both ways round. */
    const both = (a: string, b: string) =>
      [
        [a, b],
        [b, a],
      ].map(([origin, partner]) => {
        const r = rankings.get(origin)!;
        return (100 * r.existing.find((e) => e.code === partner)!.rank) / r.total;
      });
    const percentiles: [number[], number[]] = [[], []];
    for (const [a, b] of pairs) percentiles[half(a, b)].push(...both(a, b));
    // 東京都 (13000) is a party of the 21大都市 pact but not a municipality: only pairs of two municipalities count.
    const byDesignation = designated.filter((r) => byCode.has(String(r.a)) && byCode.has(String(r.b))).flatMap((r) => both(String(r.a), String(r.b)));
    const top10Prob = (r: DisasterRanking) => median(r.items.map((i) => byCode.get(i.code)!.disaster.quakeProb * 100));
    const own = (code: string) => byCode.get(code)!.disaster.quakeProb * 100;
    const all = [...rankings.values()];
    const high = all.filter((r) => own(r.origin.code) >= 50);
    return {
      agreements: pairs.length,
      documented: {
        all: placement([...percentiles[0], ...percentiles[1]]),
        calibration: placement(percentiles[0]),
        heldOut: placement(percentiles[1]),
        byDesignation: placement(byDesignation),
      },
      hazard: {
        origins: all.length,
        medianTop10Prob: median(all.map(top10Prob)),
        shareTop10BelowOrigin: all.filter((r) => top10Prob(r) < own(r.origin.code)).length / all.length,
        highHazardOrigins: high.length,
        highHazardMedianTop10Prob: median(high.map(top10Prob)),
      },
      cities: namedOrigins.map((code) => {
        const r = rankings.get(code)!;
        return { code, name: r.origin.name, quakeProb30: r.origin.hazard.quakeProb30, top10MedianProb: top10Prob(r), top3: r.items.slice(0, 3).map((i) => i.name) };
      }),
    };
  } finally {
    await db.close();
  }
}

const pct = (v: number, digits = 1) => `${v.toFixed(digits)} %`;

/** The model check as a Markdown section for bench/results/latest.md. */
export function modelCheckMarkdown(r: ModelCheckResult): string {
  const row = (name: string, p: Placement) => `| ${name} | ${p.checks} | ${pct(p.medianPercentile)} | ${pct(100 * p.top10Share)} | ${pct(100 * p.top25Share)} |`;
  return [
    '## Model check: disaster-aid ranking (default parameters)',
    '',
    `Where the real partner of each documented disaster-aid agreement (${r.agreements} pairs between municipalities, listed or in a listed network, both ways) ranks among the origin's 1,740 candidates; percentile = rank ÷ 1,740 (lower is better; goal: median within the top 30 %). The halves are fixed by a hash of the pair: choose defaults on A, judge them on B.`,
    '',
    '| pairs | checks | median percentile | in top 10 % | in top 25 % |',
    '| --- | --- | --- | --- | --- |',
    row('all', r.documented.all),
    row('half A (calibration)', r.documented.calibration),
    row('half B (held out)', r.documented.heldOut),
    row('not in the goal: pacts joined by designation (21大都市, 中核市)', r.documented.byDesignation),
    '',
    `Own hazard of the proposals: over all ${r.hazard.origins} origins the top-10 partners' median J-SHIS probability (震度6弱+ in 30 years) is ${pct(r.hazard.medianTop10Prob)} at the median origin; for ${pct(100 * r.hazard.shareTop10BelowOrigin, 0)} of origins it is below the origin's own. For the ${r.hazard.highHazardOrigins} origins at 50 % or more it is ${pct(r.hazard.highHazardMedianTop10Prob)}.`,
    '',
    '| origin | own probability | top-10 median | first three |',
    '| --- | --- | --- | --- |',
    ...r.cities.map((c) => `| ${c.name} (${c.code}) | ${c.quakeProb30 === null ? '—' : pct(c.quakeProb30)} | ${pct(c.top10MedianProb)} | ${c.top3.join('、')} |`),
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(import.meta.dirname, '..');
  const result = await modelCheck(join(root, 'data', 'build', 'atlas.duckdb'), (m) => console.log(`bench: ${m}`));
  const at = new Date().toISOString();
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model-check-latest.json'), `${JSON.stringify({ at, ...result }, null, 2)}\n`);
  const md = `# Disaster-aid model check ${at}\n\nReproduce: \`npx tsx bench/model-check.ts\` (also a section of \`npm run bench\`).\n\n${modelCheckMarkdown(result)}\n`;
  writeFileSync(join(dir, 'model-check-latest.md'), md);
  console.log(md);
}
