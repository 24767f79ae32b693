/**
 * Model check, eligibility half: how the encoded 要綱 rules agree with the real list of centres. Of the cities that
 * lead a 連携中枢都市圏 or 定住自立圏 today (seeds/regions.csv, status active), how many meet every rule, how many need a
 * check (要確認: the data cannot decide), and which fail — each failure with the criterion, its figure and threshold.
 * Run alone with `npx tsx bench/eligibility.ts` (writes bench/results/eligibility-latest.md and a JSON beside it), or as
 * a section of `npm run bench`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EligibilityCandidate, EligibilityList, EligibilityScheme, EligibilityVerdict } from '../domain/records/regions.ts';
import { createApp } from '../server/app.ts';
import { AtlasDb } from '../server/db.ts';
import { builtBoundaries, copyDatabase } from '../tests/helpers/database.ts';

const root = resolve(import.meta.dirname, '..');

/** One real centre's outcome, with what decided it. */
interface CentreOutcome {
  code: string;
  name: string;
  region: string;
  verdict: EligibilityVerdict;
  path: 'single' | 'two_city';
  dayNight: string;
  /** Failed criteria (not met, not 要確認): "label: value (threshold)". */
  failed: string[];
  /** 要確認 criteria with their reason. */
  unsure: string[];
  /** The reasons alone, to group them. */
  reasons: string[];
  /** Met only as おおむね / 程度. */
  approx: string[];
}

export interface SchemeCheck {
  scheme: EligibilityScheme;
  centres: number;
  byVerdict: Record<EligibilityVerdict, number>;
  /** Share of real centres that fail a rule outright or narrowly. */
  failureShare: number;
  outcomes: CentreOutcome[];
  /** Cities that are not centres and meet every rule. */
  eligibleWithoutRegion: number;
}

export interface EligibilityCheck {
  centralCityRegion: SchemeCheck;
  settlementZone: SchemeCheck;
}

const figure = (c: EligibilityCandidate) => `${c.dayNightRatio ?? '—'} (${c.dayNightSource}, held to ${c.dayNightThreshold})`;

function check(list: EligibilityList): SchemeCheck {
  const leads = list.items.filter((c) => c.status === 'lead' && c.leadsRegion?.status === 'active');
  const byVerdict: Record<EligibilityVerdict, number> = { eligible: 0, needs_check: 0, near_miss: 0, no: 0 };
  const outcomes = leads.map((c): CentreOutcome => {
    byVerdict[c.verdict]++;
    return {
      code: c.code,
      name: c.name,
      region: c.leadsRegion!.name,
      verdict: c.verdict,
      path: c.path,
      dayNight: figure(c),
      failed: c.criteria.filter((x) => !x.met && !x.needsCheck).map((x) => `${x.label}: ${x.value} (${x.threshold})`),
      unsure: c.criteria.filter((x) => x.needsCheck).map((x) => `${x.label}: ${x.reason ?? x.value}`),
      reasons: c.criteria.filter((x) => x.needsCheck).map((x) => x.reason ?? String(x.value)),
      approx: c.criteria.filter((x) => x.met && /おおむね|程度/.test(x.note ?? '')).map((x) => `${x.label}: ${x.value}`),
    };
  });
  return {
    scheme: list.scheme,
    centres: leads.length,
    byVerdict,
    failureShare: leads.length ? (byVerdict.no + byVerdict.near_miss) / leads.length : 0,
    outcomes: outcomes.sort((a, b) => a.verdict.localeCompare(b.verdict) || a.code.localeCompare(b.code)),
    eligibleWithoutRegion: list.counts.eligible,
  };
}

/** Asks the API (in process, on a copy of the built database) for both schemes and compares them with the real centres. */
export async function benchEligibility(log: (m: string) => void = () => undefined): Promise<EligibilityCheck> {
  const { dbPath } = copyDatabase();
  const db = await AtlasDb.open(dbPath);
  try {
    const app = createApp({ db, writeToken: 'bench-token-not-used-0000', boundaryAsset: readFileSync(builtBoundaries, 'utf8') });
    const get = async (scheme: EligibilityScheme) => (await (await app.request(`/api/eligibility?scheme=${scheme}`)).json()) as EligibilityList;
    const result = { centralCityRegion: check(await get('central_city_region')), settlementZone: check(await get('settlement_zone')) };
    for (const s of [result.centralCityRegion, result.settlementZone])
      log(
        `eligibility: ${s.scheme}: ${s.centres} centres — ${s.byVerdict.eligible} meet every rule, ${s.byVerdict.needs_check} 要確認, ${s.byVerdict.near_miss + s.byVerdict.no} fail`,
      );
    return result;
  } finally {
    await db.close();
  }
}

const pct = (v: number) => `${(v * 100).toFixed(0)} %`;

/** Why the data cannot decide, by kind of reason, with the cities: "合併市 … 38 (北見市, …)". */
function undecided(outcomes: readonly CentreOutcome[]): string {
  const kinds: [string, RegExp][] = [
    ['合併市 (largest former city’s ratio not in the data)', /合併市/],
    ['estimate within its error of the threshold', /estimate/],
    ['travel time between two centres', /travel time/],
    ['commuting to 政令指定都市・特別区', /strongest destination|several centres|share to one/],
  ];
  const groups = new Map<string, string[]>();
  for (const o of outcomes) {
    const kind = kinds.find(([, re]) => o.reasons.some((u) => re.test(u)))?.[0] ?? 'other';
    groups.set(kind, [...(groups.get(kind) ?? []), o.name]);
  }
  return [...groups].map(([kind, names]) => `${kind} ${names.length} (${names.join('、')})`).join('; ');
}

/** The section for latest.md. */
export function eligibilityMarkdown(r: EligibilityCheck): string {
  const scheme = (s: SchemeCheck, title: string) => {
    const failures = s.outcomes.filter((o) => o.verdict === 'no' || o.verdict === 'near_miss');
    const unsure = s.outcomes.filter((o) => o.verdict === 'needs_check');
    const approx = s.outcomes.filter((o) => o.verdict === 'eligible' && o.approx.length);
    return [
      `### ${title}`,
      '',
      `${s.centres} cities lead one today: **${s.byVerdict.eligible} meet every rule**, ${s.byVerdict.needs_check} 要確認 (the data cannot decide a rule), **${failures.length} fail** (${pct(s.failureShare)}). ${s.eligibleWithoutRegion} other cities meet every rule and lead none.`,
      '',
      ...(failures.length ? ['| fails | region | path | day/night used | failed criteria |', '| --- | --- | --- | --- | --- |'] : []),
      ...failures.map((o) => `| ${o.name} (${o.code}) | ${o.region} | ${o.path} | ${o.dayNight} | ${o.failed.join('; ').replace(/\|/g, '/')} |`),
      '',
      ...(unsure.length ? [`要確認 (${unsure.length}), by what the data cannot decide: ${undecided(unsure)}`, ''] : []),
      ...(approx.length ? [`Met only as おおむね・程度: ${approx.map((o) => `${o.name} (${o.approx.join(', ')})`).join('; ')}`, ''] : []),
    ];
  };
  return [
    '## Eligibility against the real centres (連携中枢都市圏構想推進要綱 第3・第9; 定住自立圏構想推進要綱)',
    '',
    ...scheme(r.centralCityRegion, '連携中枢都市'),
    ...scheme(r.settlementZone, '定住自立圏 中心市'),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchEligibility((m) => console.log(`bench: ${m}`));
  const at = new Date().toISOString();
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'eligibility-latest.json'), `${JSON.stringify({ at, ...result }, null, 2)}\n`);
  const md = `# Eligibility check ${at}\n\nReproduce: \`npx tsx bench/eligibility.ts\` (also a section of \`npm run bench\`).\n\n${eligibilityMarkdown(result)}\n`;
  writeFileSync(join(dir, 'eligibility-latest.md'), md);
  console.log(md);
}
