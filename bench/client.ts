/**
 * Benchmark 3: what the browser gets and how soon it draws — in headless Chromium (WebGL on SwiftShader), cold cache,
 * median of paired runs (the pages take turns, so a busy machine slows each alike):
 *  - the first fully drawn atlas map (tiles loaded, coloured, labelled, idle) against an empty MapLibre page (a
 *    background layer, MapLibre's own files served gzip), and the bytes the first view moved (page, scripts, styles,
 *    API answers, tiles, as sent over the wire). Both are timed alike: at the animation frame after the one in which
 *    the map is seen drawn, so each time includes presenting the drawn frame (without a GPU, a tenth of a second or
 *    more even for the empty map). The empty page's draw call alone ('idle') is reported beside: the runs whose
 *    results lack emptyIdleMs (before 07:50 UTC on 2 December 2026) divided by that, comparing a presented frame with a merely submitted one;
 *  - the JavaScript the first page loads, gzip, apart from MapLibre's own (its main chunk and worker);
 *  - how the first render grows with geometry: the same page over databases built from 0.1 %, 1 % and 4× the 1 %
 *    file's vertices (bench/geometry.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { type RunningServer, startServer } from '../tests/helpers/server.ts';
import type { GeometryVariant } from './geometry.ts';

const root = resolve(import.meta.dirname, '..');

export interface ClientResult {
  jsBytes: number;
  jsGzipBytes: number;
  jsFiles: number;
  /** JavaScript the first page loaded (gzip -9 of each file), MapLibre's own (main chunk + worker), the rest. */
  firstPageJsGzip: number;
  maplibreJsGzip: number;
  beyondMaplibreJsGzip: number;
  /** Bytes over the wire until the first map was drawn, and the part that was tiles. */
  firstViewBytes: number;
  firstViewTileBytes: number;
  atlasMapMs: number;
  /** The empty page at its first animation frame after MapLibre's 'idle' (its frame presented), as the atlas is timed. */
  emptyMapMs: number;
  /** The empty page at MapLibre's 'idle' event itself (its draw call submitted, not yet presented). */
  emptyIdleMs: number;
  ratio: number;
  runs: number;
  geometry: { name: string; vertices: number; firstMapMs: number; ratioTo1pct: number }[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

/** Builds the client into a fresh folder and returns it. */
export function buildClient(): string {
  const out = mkdtempSync(join(tmpdir(), 'atlas-bench-web-'));
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error', '--outDir', out], { cwd: root, stdio: 'inherit' });
  return out;
}

function jsSizes(dir: string): { raw: number; gz: number; files: number } {
  let raw = 0;
  let gzip = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.m?js$/.test(name)) {
        const bytes = readFileSync(p);
        raw += bytes.length;
        gzip += gz(bytes);
        files++;
      }
    }
  };
  walk(dir);
  return { raw, gz: gzip, files };
}

/** A page with nothing but a MapLibre map (background layer only), MapLibre's files from node_modules, gzip. */
async function emptyMapServer(): Promise<{ url: string; close: () => void }> {
  const dist = join(root, 'node_modules', 'maplibre-gl', 'dist');
  const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/maplibre-gl.css">
<style>html,body,#map{margin:0;width:100%;height:100%}</style></head><body><div id="map"></div>
<script type="module">
import * as maplibregl from '/maplibre-gl.mjs';
maplibregl.setWorkerUrl('/maplibre-gl-worker.mjs');
const map = new maplibregl.Map({ container: 'map', style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4f5f8' } }] }, center: [137, 37], zoom: 4.5 });
// Timed as the atlas is: the animation frame after the map is drawn (its frame has reached the compositor).
map.once('idle', () => { window.idleAt = performance.now(); requestAnimationFrame(() => { window.drawnAt = performance.now(); }); });
</script></body></html>`;
  const types: Record<string, string> = { mjs: 'text/javascript', css: 'text/css' };
  const files = new Map(['maplibre-gl.mjs', 'maplibre-gl-worker.mjs', 'maplibre-gl.css'].map((f) => [f, gzipSync(readFileSync(join(dist, f)), { level: 9 })]));
  const server = createServer((req, res) => {
    const file = /^\/(maplibre-gl[\w-]*\.(mjs|css))$/.exec(req.url ?? '');
    const body = file && files.get(file[1]);
    if (file && body) res.writeHead(200, { 'content-type': types[file[2]], 'content-encoding': 'gzip' }).end(body);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

interface Load {
  ms: number;
  /** The empty page's 'idle' moment, where it has one. */
  idleMs?: number;
  /** Every response until drawn: path, bytes over the wire. */
  responses: { path: string; bytes: number }[];
}

/** Milliseconds from navigation start until `drawn` holds in the page (fresh context: cold cache), and what it fetched. */
async function loadUntilDrawn(browser: Browser, url: string, drawn: () => boolean): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const pending: Promise<{ path: string; bytes: number }>[] = [];
  page.on('requestfinished', (request) => {
    pending.push(request.sizes().then((s) => ({ path: new URL(request.url()).pathname, bytes: s.responseBodySize })));
  });
  await page.goto(url);
  await page.waitForFunction(drawn, null, { timeout: 180_000, polling: 'raf' });
  const { ms, idleMs } = await page.evaluate(() => {
    const w = window as unknown as { drawnAt: number; idleAt?: number };
    return { ms: w.drawnAt, idleMs: w.idleAt };
  });
  const responses = await Promise.all(pending);
  await context.close();
  return { ms, idleMs, responses };
}

// Functions, not strings: the atlas's content security policy forbids eval. The atlas is polled at each frame; once a
// poll sees its map drawn (tiles loaded, coloured, labelled, still), the next frame notes the time, so the drawn frame
// has been presented whichever ran first within a frame, the poll or MapLibre (at worst one frame late, against the
// atlas). The empty page notes its own time the same way, one frame after MapLibre's 'idle' (see emptyMapServer).
const atlasDrawn = () => {
  const w = window as unknown as { drawnAt?: number; drawnSeen?: boolean; atlas?: { drawn: boolean; map: { loaded(): boolean; isMoving(): boolean; areTilesLoaded(): boolean } } };
  if (w.drawnAt !== undefined) return true;
  const a = w.atlas;
  if (!w.drawnSeen && a?.drawn && a.map.loaded() && !a.map.isMoving() && a.map.areTilesLoaded()) {
    w.drawnSeen = true;
    requestAnimationFrame(() => {
      w.drawnAt = performance.now();
    });
  }
  return false;
};
const emptyDrawn = () => (window as unknown as { drawnAt?: number }).drawnAt !== undefined;

/**
 * Sizes, first drawn map against an empty MapLibre page, and first render over each geometry variant (median of
 * `runs` cold loads each, interleaved).
 * @example const c = await benchClient(buildClient(), 3, variants, console.log); c.ratio // e.g. 2.5
 */
export async function benchClient(webDir: string, runs: number, variants: GeometryVariant[], log: (m: string) => void): Promise<ClientResult> {
  const js = jsSizes(webDir);
  log(`client: JS ${js.files} files ${(js.raw / 1024).toFixed(0)} KiB (gzip ${(js.gz / 1024).toFixed(0)} KiB)`);
  const servers: RunningServer[] = [];
  const empty = await emptyMapServer();
  const browser = await launchBrowser();
  try {
    const main = await startServer({ webDir });
    servers.push(main);
    // The variant built from the shipped 1 % file is the main database: its times are the atlas's own.
    const variantServers = [];
    for (const v of variants) variantServers.push(v.dbPath ? await startServer({ webDir, dbPath: v.dbPath }) : main);
    servers.push(...variantServers);
    const atlasLoads: Load[] = [];
    const emptyTimes: number[] = [];
    const emptyIdleTimes: number[] = [];
    const variantTimes = variants.map(() => [] as number[]);
    for (let i = 0; i < runs; i++) {
      const e = await loadUntilDrawn(browser, empty.url, emptyDrawn);
      emptyTimes.push(e.ms);
      emptyIdleTimes.push(e.idleMs ?? Number.NaN);
      atlasLoads.push(await loadUntilDrawn(browser, `${main.url}/`, atlasDrawn));
      for (const [k, server] of variantServers.entries()) {
        variantTimes[k].push(server === main ? atlasLoads[i].ms : (await loadUntilDrawn(browser, `${server.url}/`, atlasDrawn)).ms);
      }
    }
    const atlasMapMs = median(atlasLoads.map((l) => l.ms));
    const emptyMapMs = median(emptyTimes);
    const emptyIdleMs = median(emptyIdleTimes);
    // What the first view moved (the median run's), and which scripts it ran.
    const typical = atlasLoads.find((l) => l.ms === atlasMapMs)!;
    const scripts = [...new Set(typical.responses.filter((r) => /\.m?js$/.test(r.path)).map((r) => r.path))];
    const gzipOf = (path: string) => gz(readFileSync(join(webDir, path)));
    const isMaplibre = (path: string) => /^maplibre-gl-/.test(basename(path));
    const firstPageJsGzip = scripts.reduce((s, p) => s + gzipOf(p), 0);
    const maplibreJsGzip = scripts.filter(isMaplibre).reduce((s, p) => s + gzipOf(p), 0);
    const firstViewBytes = typical.responses.reduce((s, r) => s + r.bytes, 0);
    const firstViewTileBytes = typical.responses.filter((r) => r.path.startsWith('/api/tiles/')).reduce((s, r) => s + r.bytes, 0);
    log(
      `client: first drawn map ${atlasMapMs.toFixed(0)} ms (atlas) vs ${emptyMapMs.toFixed(0)} ms (empty MapLibre, presented; ${emptyIdleMs.toFixed(0)} ms at its draw call); runs ${atlasLoads.map((l) => l.ms.toFixed(0)).join('/')} vs ${emptyTimes.map((t) => t.toFixed(0)).join('/')}; first view ${(firstViewBytes / 1024).toFixed(0)} KiB (tiles ${(firstViewTileBytes / 1024).toFixed(0)} KiB); first-page JS ${(firstPageJsGzip / 1024).toFixed(0)} KiB gzip, beyond MapLibre ${((firstPageJsGzip - maplibreJsGzip) / 1024).toFixed(1)} KiB`,
    );
    const oneMs = median(variantTimes[variants.findIndex((v) => v.dbPath === null)] ?? atlasLoads.map((l) => l.ms));
    const geometry = variants.map((v, k) => ({ name: v.name, vertices: v.vertices, firstMapMs: median(variantTimes[k]), ratioTo1pct: median(variantTimes[k]) / oneMs }));
    for (const g of geometry)
      log(`client: first map over ${g.name} (${g.vertices.toLocaleString('en')} vertices) ${g.firstMapMs.toFixed(0)} ms, ${g.ratioTo1pct.toFixed(2)}× the 1 % file`);
    return {
      jsBytes: js.raw,
      jsGzipBytes: js.gz,
      jsFiles: js.files,
      firstPageJsGzip,
      maplibreJsGzip,
      beyondMaplibreJsGzip: firstPageJsGzip - maplibreJsGzip,
      firstViewBytes,
      firstViewTileBytes,
      atlasMapMs,
      emptyMapMs,
      emptyIdleMs,
      ratio: atlasMapMs / emptyMapMs,
      runs,
      geometry,
    };
  } finally {
    await browser.close();
    empty.close();
    for (const s of new Set(servers)) await s.stop();
  }
}
