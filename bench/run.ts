/**
 * `npm run bench`: the atlas's figures in one run on this machine, written to bench/results/<time>.json and
 * bench/results/latest.md (a Markdown table with the machine described) and printed. Every ratio is taken within
 * this one run, the two sides measured in turn.
 *  1. the first drawn map against an empty MapLibre page, the first view's bytes, the first page's JavaScript beyond
 *     MapLibre's own (bench/client.ts);
 *  2. first render over boundaries of 0.1 %, 1 % and 4× the 1 % file's vertices (bench/geometry.ts);
 *  3. every read route uncached and cached, each next to a static 1 KiB file (bench/routes.ts);
 *  4. all-pairs disaster-aid scoring with the production scorer against PostgreSQL + PostGIS (bench/scoring.ts), and
 *     the partner matrix uncached;
 *  5. a mixed load at 64 connections over every GET route;
 *  6. data build, total and per step;
 *  7. eligibility against the real centres (bench/eligibility.ts);
 *  8. model check: documented disaster-aid partners' place in the ranking, own hazard of the proposals (bench/model-check.ts).
 * Environment: BENCH_LOAD_SECONDS (30), BENCH_ROUTE_ROUNDS (8; five requests per route per round), BENCH_RUNS (3).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { apiRoutes } from '../server/app.ts';
import { startServer } from '../tests/helpers/server.ts';
import { type ClientResult, benchClient, buildClient } from './client.ts';
import { prepareGeometryVariants } from './geometry.ts';
import { type EligibilityCheck, benchEligibility, eligibilityMarkdown } from './eligibility.ts';
import { type LoadSummary, runLoad, sampleUrls } from './load.ts';
import { type ModelCheckResult, modelCheck, modelCheckMarkdown } from './model-check.ts';
import { type ScoringResult, benchScoring } from './scoring.ts';
import { timeRoutes } from './routes.ts';

const root = resolve(import.meta.dirname, '..');
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const routeRounds = Number(process.env.BENCH_ROUTE_ROUNDS ?? 8);
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

interface RouteRow {
  path: string;
  uncachedP50Ms: number;
  uncachedP90Ms: number;
  cachedP50Ms: number;
  bytes: number;
  /** Uncached p50 ÷ the static file's (same server, same run). */
  uncachedRatio: number;
  cachedRatio: number;
}

interface ApiResult {
  /** The 1 KiB static file both servers answer, its p50 uncached / cached. */
  staticFile: { path: string; uncachedP50Ms: number; cachedP50Ms: number };
  routes: RouteRow[];
  /** GET /api/partners/matrix without the answer cache, median of `runs` per purpose. */
  matrix: { purpose: string; ms: number; bytes: number }[];
  mixed: LoadSummary & { routes: string[] };
}

const staticFile = '/bench-1k.txt';
const matrixPath = (purpose: string) => `/api/partners/matrix?purpose=${purpose}&top=3`;

/**
 * Every read route uncached (a server with ATLAS_ANSWER_CACHE=off) and cached, each next to a static 1 KiB file on
 * the same server; the partner matrix uncached; the mixed load at 64 connections (cached server).
 */
async function benchApi(webDir: string): Promise<ApiResult> {
  // A 1 KiB file that does not compress, beside the built client.
  writeFileSync(join(webDir, staticFile.slice(1)), randomBytes(768).toString('base64'));
  const uncached = await startServer({ webDir, env: { ATLAS_ANSWER_CACHE: 'off' } });
  const cached = await startServer({ webDir });
  try {
    const routes = apiRoutes({ db: null as never, writeToken: '', boundaryAsset: '{}' });
    // The matrix is timed on its own: it scores 3 million pairs, a different kind of read.
    const urls = (await sampleUrls(uncached.url, routes)).filter((u) => !u.startsWith('/api/partners/matrix'));
    const paths = [staticFile, ...urls];
    const cold = await timeRoutes(uncached.url, paths, routeRounds, 5);
    const warm = await timeRoutes(cached.url, paths, routeRounds, 5);
    const base = { uncached: cold[0].p50Ms, cached: warm[0].p50Ms };
    const rows = cold.slice(1).map((c, k) => ({
      path: c.path,
      uncachedP50Ms: c.p50Ms,
      uncachedP90Ms: c.p90Ms,
      cachedP50Ms: warm[k + 1].p50Ms,
      bytes: c.bytes,
      uncachedRatio: c.p50Ms / base.uncached,
      cachedRatio: warm[k + 1].p50Ms / base.cached,
    }));
    for (const r of rows) log(`api: ${r.path} uncached p50 ${r.uncachedP50Ms.toFixed(2)} ms (${r.uncachedRatio.toFixed(1)}× static), cached ${r.cachedP50Ms.toFixed(2)} ms`);
    const matrix = [];
    for (const purpose of ['disaster', 'complement']) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const res = await fetch(`${uncached.url}${matrixPath(purpose)}`, { headers: { 'accept-encoding': 'gzip' } });
        bytes = (await res.arrayBuffer()).byteLength;
        if (!res.ok) throw new Error(`the matrix answered ${res.status}`);
        times.push(performance.now() - t0);
      }
      const ms = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
      log(`api: partner matrix (${purpose}, top 3) uncached ${ms.toFixed(0)} ms, runs ${times.map((t) => t.toFixed(0)).join('/')}`);
      matrix.push({ purpose, ms, bytes });
    }
    const mixedUrls = [...urls, matrixPath('disaster')];
    const mixed = await runLoad(cached.url, mixedUrls, 64, loadSeconds);
    log(
      `api: mixed ${mixedUrls.length} routes, 64 connections, ${loadSeconds} s: ${mixed.requestsPerSecond} req/s p50 ${mixed.p50Ms} ms p99 ${mixed.p99Ms} ms, errors ${mixed.errors}, non-2xx ${mixed.non2xx}`,
    );
    return {
      staticFile: { path: staticFile, uncachedP50Ms: base.uncached, cachedP50Ms: base.cached },
      routes: rows,
      matrix,
      mixed: { ...mixed, routes: mixedUrls },
    };
  } finally {
    await uncached.stop();
    await cached.stop();
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
    '| # | measure | value | against | ratio (goal) |',
    '| --- | --- | --- | --- | --- |',
    `| 1 | first fully drawn map, headless Chromium (median of ${r.client.runs} cold loads, paired) | atlas ${f1(r.client.atlasMapMs, 0)} ms | empty MapLibre page ${f1(r.client.emptyMapMs, 0)} ms, each at the first frame after it is drawn (the empty page's draw call: ${f1(r.client.emptyIdleMs, 0)} ms, ${f1(r.client.atlasMapMs / r.client.emptyIdleMs, 2)}×) | **${f1(r.client.ratio, 2)}×** (≤ 3×, aim 2×) |`,
    `| 1 | bytes moved until the first map is drawn (page, JS, CSS, API, tiles; as sent) | ${kib(r.client.firstViewBytes)} | of which tiles ${kib(r.client.firstViewTileBytes)} | — |`,
    `| 1 | JavaScript of the first page, gzip | ${f1(r.client.beyondMaplibreJsGzip / 1024, 1)} KiB beyond MapLibre | MapLibre's own ${kib(r.client.maplibreJsGzip)} (main + worker) | **${f1(r.client.beyondMaplibreJsGzip / 1024, 1)} KiB** (≤ 80 KiB) |`,
    `| 1 | all JavaScript built (${r.client.jsFiles} files, most loaded on first use) | ${kib(r.client.jsBytes)} raw | ${kib(r.client.jsGzipBytes)} gzip | — |`,
    ...r.client.geometry.map(
      (g) =>
        `| 2 | first drawn map over the ${g.name} boundaries (${g.vertices.toLocaleString('en')} vertices) | ${f1(g.firstMapMs, 0)} ms | the 1 % file | ${f1(g.ratioTo1pct, 2)}×${g.name.includes('× 4') ? ' (≤ 1.3×)' : ''} |`,
    ),
    ...r.api.routes.map(
      (p) =>
        `| 3 | \`${p.path}\` p50, uncached / cached (1 connection) | ${f1(p.uncachedP50Ms, 2)} / ${f1(p.cachedP50Ms, 2)} ms | static 1 KiB file ${f1(r.api.staticFile.uncachedP50Ms, 2)} / ${f1(r.api.staticFile.cachedP50Ms, 2)} ms | **${f1(p.uncachedRatio, 1)}×** / ${f1(p.cachedRatio, 1)}× (uncached ≤ 10×) |`,
    ),
    `| 4 | all-pairs disaster-aid scoring, ${r.scoring.pairs.toLocaleString('en')} pairs, production scorer (best of ${runs}) | ${f1(r.scoring.productionMs, 0)} ms | ${r.scoring.postgisVersion ?? 'PostGIS'} ${f1(r.scoring.postgisMs, 0)} ms (same definition as SQL; DuckDB ${f1(r.scoring.duckdbMs, 0)} ms) | **${f1(r.scoring.ratio)}× faster** (≥ 10×)${r.scoring.note ? ` (${r.scoring.note})` : ''} |`,
    ...r.api.matrix.map(
      (x) =>
        `| 4 | \`/api/partners/matrix?purpose=${x.purpose}&top=3\` uncached (every municipality's best 3; ${kib(x.bytes)} of JSON) | ${f1(x.ms, 0)} ms | — | (≈ 1 s or less) |`,
    ),
    `| 5 | mixed load: ${r.api.mixed.routes.length} GET routes, 64 connections, ${r.api.mixed.seconds} s | ${r.api.mixed.requestsPerSecond} req/s, p50 ${f1(r.api.mixed.p50Ms)} ms, p99 ${f1(r.api.mixed.p99Ms)} ms | errors ${r.api.mixed.errors}, timeouts ${r.api.mixed.timeouts}, non-2xx ${r.api.mixed.non2xx} | (0 errors) |`,
    `| 6 | data build, total | ${f1(r.build.totalS, 2)} s | — | — |`,
    ...r.build.steps.map((s) => `| 6 | · ${s.name} | ${f1(s.seconds, 2)} s | ${s.summary.replace(/\|/g, '/')} | ${f1((100 * s.seconds) / r.build.totalS, 0)} % |`),
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
  const webDir = buildClient();
  const api = await benchApi(webDir);
  const variants = prepareGeometryVariants(mkdtempSync(join(tmpdir(), 'atlas-bench-geometry-')), log);
  const client = await benchClient(webDir, runs, variants, log);
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
