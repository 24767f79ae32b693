/**
 * `npm run bench`: the atlas's figures in one run on this machine, written to bench/results/<time>.json and
 * bench/results/latest.md (a Markdown table with the machine described) and printed.
 *  1. all-pairs disaster-aid scoring, DuckDB vs PostGIS (bench/scoring.ts);
 *  2. API latency of heavy routes against /api/health on the same server, and a mixed 64-connection load;
 *  3. client sizes and time to the first drawn map vs an empty MapLibre page (bench/client.ts);
 *  4. data build, total and per step;
 *  5. eligibility against the real centres (bench/eligibility.ts);
 *  6. model check: documented disaster-aid partners' place in the ranking, own hazard of the proposals (bench/model-check.ts).
 * Environment: BENCH_LOAD_SECONDS (30), BENCH_ROUTE_SECONDS (8), BENCH_RUNS (3).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { apiRoutes } from '../server/app.ts';
import { copyDatabase } from '../tests/helpers/database.ts';
import { startServer } from '../tests/helpers/server.ts';
import { type ClientResult, benchClient } from './client.ts';
import { type EligibilityCheck, benchEligibility, eligibilityMarkdown } from './eligibility.ts';
import { type LoadSummary, runLoad, sampleUrls } from './load.ts';
import { type ModelCheckResult, modelCheck, modelCheckMarkdown } from './model-check.ts';
import { type ScoringResult, benchScoring } from './scoring.ts';

const root = resolve(import.meta.dirname, '..');
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const routeSeconds = Number(process.env.BENCH_ROUTE_SECONDS ?? 8);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const log = (m: string) => console.log(`bench: ${m}`);

interface BuildResult {
  totalS: number;
  steps: { name: string; seconds: number; summary: string }[];
}

/** Runs the real pipeline and reads its progress lines: `[3/12] boundaries (N03 TopoJSON) … 1,741 … (0.41 s)`. */
function benchBuild(): BuildResult {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'data', 'build.ts')], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const totalS = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`the data build failed:\n${r.stdout}\n${r.stderr}`);
  const steps = [...r.stdout.matchAll(/^\[\d+\/\d+\] (.+?) … (.*) \(([\d.]+) s\)\s*$/gm)].map((m) => ({ name: m[1], summary: m[2], seconds: Number(m[3]) }));
  log(`build: ${totalS.toFixed(2)} s in ${steps.length} steps`);
  return { totalS, steps };
}

interface ApiResult {
  perRoute: { path: string; p50Ms: number; p99Ms: number; requestsPerSecond: number; p50Ratio: number; p99Ratio: number }[];
  mixed: LoadSummary & { routes: string[] };
}

async function benchApi(): Promise<ApiResult> {
  const server = await startServer({ dbPath: copyDatabase().dbPath });
  try {
    const routes = apiRoutes({ db: null as never, writeToken: '', boundaryAsset: '{}' });
    const urls = await sampleUrls(server.url, routes);
    const wanted = ['/api/health', '/api/partners/13112', '/api/metrics/population', '/api/boundaries'].filter((u) => urls.includes(u));
    const measured: (LoadSummary & { path: string })[] = [];
    for (const path of wanted) {
      // Fewer connections than the mixed load: this measures latency, not saturation.
      const s = await runLoad(server.url, [path], 16, routeSeconds);
      log(`api: ${path} p50 ${s.p50Ms} ms p99 ${s.p99Ms} ms ${s.requestsPerSecond} req/s`);
      measured.push({ ...s, path });
    }
    const health = measured.find((m) => m.path === '/api/health')!;
    const mixed = await runLoad(server.url, urls, 64, loadSeconds);
    log(
      `api: mixed ${urls.length} routes, 64 connections, ${loadSeconds} s: ${mixed.requestsPerSecond} req/s p50 ${mixed.p50Ms} ms p99 ${mixed.p99Ms} ms, errors ${mixed.errors}, non-2xx ${mixed.non2xx}`,
    );
    return {
      perRoute: measured.map((m) => ({
        path: m.path,
        p50Ms: m.p50Ms,
        p99Ms: m.p99Ms,
        requestsPerSecond: m.requestsPerSecond,
        p50Ratio: m.p50Ms / Math.max(health.p50Ms, 0.01),
        p99Ratio: m.p99Ms / Math.max(health.p99Ms, 0.01),
      })),
      mixed: { ...mixed, routes: urls },
    };
  } finally {
    await server.stop();
  }
}

function machine() {
  const cpu = cpus();
  const pkg = (name: string) => (JSON.parse(readFileSync(join(root, 'node_modules', ...name.split('/'), 'package.json'), 'utf8')) as { version: string }).version;
  return {
    cpu: `${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    duckdb: pkg('@duckdb/node-api'),
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

const f1 = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));
const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;

function markdown(r: {
  at: string;
  machine: ReturnType<typeof machine>;
  scoring: ScoringResult;
  api: ApiResult;
  client: ClientResult;
  build: BuildResult;
  eligibility: EligibilityCheck;
  model: ModelCheckResult;
}): string {
  const m = r.machine;
  const lines = [
    `# Benchmark ${r.at}`,
    '',
    `Machine: ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, DuckDB node-api ${m.duckdb}; load average at start ${m.loadAverageAtStart.join(' / ')}. Reproduce: \`npm run bench\`.`,
    '',
    '| # | measure | value | against | ratio |',
    '| --- | --- | --- | --- | --- |',
    `| 1 | all-pairs disaster-aid scoring, ${r.scoring.pairs.toLocaleString('en')} pairs (best of ${runs}) | DuckDB ${f1(r.scoring.duckdbMs, 0)} ms | ${r.scoring.postgisVersion ?? 'PostGIS'} ${f1(r.scoring.postgisMs, 0)} ms | **${f1(r.scoring.ratio)}× faster**${r.scoring.note ? ` (${r.scoring.note})` : ''} |`,
    ...r.api.perRoute
      .filter((p) => p.path !== '/api/health')
      .map(
        (p) =>
          `| 2 | \`${p.path}\` p50 / p99 (16 connections, ${routeSeconds} s) | ${f1(p.p50Ms)} / ${f1(p.p99Ms)} ms | \`/api/health\` ${f1(r.api.perRoute[0].p50Ms)} / ${f1(r.api.perRoute[0].p99Ms)} ms | ${f1(p.p50Ratio, 2)}× / ${f1(p.p99Ratio, 2)}× |`,
      ),
    `| 2 | mixed load: ${r.api.mixed.routes.length} GET routes, 64 connections, ${r.api.mixed.seconds} s | ${r.api.mixed.requestsPerSecond} req/s, p50 ${f1(r.api.mixed.p50Ms)} ms, p99 ${f1(r.api.mixed.p99Ms)} ms | errors ${r.api.mixed.errors}, timeouts ${r.api.mixed.timeouts}, non-2xx ${r.api.mixed.non2xx} | — |`,
    `| 3 | JS bundle (${r.client.jsFiles} files) | ${kib(r.client.jsBytes)} raw | ${kib(r.client.jsGzipBytes)} gzip | ${f1(r.client.jsBytes / r.client.jsGzipBytes, 2)}× |`,
    `| 3 | boundary payload (TopoJSON) | ${kib(r.client.boundaryBytes)} raw | ${kib(r.client.boundaryGzipBytes)} gzip | ${f1(r.client.boundaryBytes / r.client.boundaryGzipBytes, 2)}× |`,
    `| 3 | first fully drawn map, headless Chromium (median of ${r.client.runs} cold loads) | atlas ${f1(r.client.atlasMapMs, 0)} ms | empty MapLibre page ${f1(r.client.emptyMapMs, 0)} ms | ${f1(r.client.ratio, 2)}× |`,
    `| 4 | data build, total | ${f1(r.build.totalS, 2)} s | — | — |`,
    ...r.build.steps.map((s) => `| 4 | · ${s.name} | ${f1(s.seconds, 2)} s | ${s.summary.replace(/\|/g, '/')} | ${f1((100 * s.seconds) / r.build.totalS, 0)} % |`),
    '',
    eligibilityMarkdown(r.eligibility),
    '',
    modelCheckMarkdown(r.model),
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const at = new Date().toISOString();
  const m = machine();
  log(`${m.cpu}, ${m.memoryGiB} GiB, load ${m.loadAverageAtStart.join(' ')}`);
  const build = benchBuild();
  const scoring = await benchScoring(join(root, 'data', 'build', 'atlas.duckdb'), runs, log);
  const api = await benchApi();
  const client = await benchClient(runs, log);
  const eligibility = await benchEligibility(log);
  const model = await modelCheck(join(root, 'data', 'build', 'atlas.duckdb'), log);
  log(
    `model: documented partners' median percentile ${model.documented.all.medianPercentile.toFixed(1)} % (held-out half ${model.documented.heldOut.medianPercentile.toFixed(1)} %)`,
  );
  const result = { at, machine: m, scoring, api, client, build, eligibility, model };
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${at.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const table = markdown(result);
  writeFileSync(join(dir, 'latest.md'), table);
  console.log(`\n${table}`);
}

await main();
