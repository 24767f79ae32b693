/**
 * Benchmark 3: what the browser gets — JS bundle and boundary payload sizes (raw and gzip), and the time to
 * the first fully drawn atlas map in headless Chromium against an empty MapLibre page in the same browser.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { startServer } from '../tests/helpers/server.ts';

const root = resolve(import.meta.dirname, '..');

export interface ClientResult {
  jsBytes: number;
  jsGzipBytes: number;
  jsFiles: number;
  boundaryBytes: number;
  boundaryGzipBytes: number;
  atlasMapMs: number;
  emptyMapMs: number;
  ratio: number;
  runs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Builds the client into a fresh folder and returns it. */
function buildClient(): string {
  const out = mkdtempSync(join(tmpdir(), 'atlas-bench-web-'));
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error', '--outDir', out], { cwd: root, stdio: 'inherit' });
  return out;
}

function jsSizes(dir: string): { raw: number; gz: number; files: number } {
  let raw = 0;
  let gz = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.m?js$/.test(name)) {
        const bytes = readFileSync(p);
        raw += bytes.length;
        gz += gzipSync(bytes, { level: 9 }).length;
        files++;
      }
    }
  };
  walk(dir);
  return { raw, gz, files };
}

/** A page with nothing but a MapLibre map (background layer only), served from node_modules. */
async function emptyMapServer(): Promise<{ url: string; close: () => void }> {
  const dist = join(root, 'node_modules', 'maplibre-gl', 'dist');
  const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/maplibre-gl.css">
<style>html,body,#map{margin:0;width:100%;height:100%}</style></head><body><div id="map"></div>
<script type="module">
import * as maplibregl from '/maplibre-gl.mjs';
maplibregl.setWorkerUrl('/maplibre-gl-worker.mjs');
const map = new maplibregl.Map({ container: 'map', style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4f5f8' } }] }, center: [137, 37], zoom: 4.5 });
map.once('idle', () => { window.drawnAt = performance.now(); });
</script></body></html>`;
  const types: Record<string, string> = { mjs: 'text/javascript', css: 'text/css' };
  const server = createServer((req, res) => {
    const file = /^\/(maplibre-gl[\w-]*\.(mjs|css))$/.exec(req.url ?? '');
    if (file) res.writeHead(200, { 'content-type': types[file[2]] }).end(readFileSync(join(dist, file[1])));
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

/** Milliseconds from navigation start until `drawn` holds in the page, in a fresh context (cold cache). */
async function timeToDrawn(browser: Browser, url: string, drawn: () => boolean): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(drawn, null, { timeout: 120_000, polling: 'raf' });
  const ms = await page.evaluate(() => (window as unknown as { drawnAt?: number }).drawnAt ?? performance.now());
  await context.close();
  return ms;
}

/**
 * Sizes and time to first drawn map (median of `runs` cold loads each, alternating the two pages).
 * @example const c = await benchClient(3, console.log); c.ratio // e.g. 2.5
 */
export async function benchClient(runs: number, log: (m: string) => void): Promise<ClientResult> {
  const webDir = buildClient();
  const js = jsSizes(webDir);
  const boundary = readFileSync(join(root, 'data', 'build', 'boundaries.topo.json'));
  const boundaryGz = gzipSync(boundary, { level: 9 }).length;
  log(
    `client: JS ${js.files} files ${(js.raw / 1024).toFixed(0)} KiB (gzip ${(js.gz / 1024).toFixed(0)} KiB); boundaries ${(boundary.length / 1024).toFixed(0)} KiB (gzip ${(boundaryGz / 1024).toFixed(0)} KiB)`,
  );
  const server = await startServer({ webDir });
  const empty = await emptyMapServer();
  const browser = await launchBrowser();
  const atlasTimes: number[] = [];
  const emptyTimes: number[] = [];
  try {
    // Functions, not strings: the atlas's content security policy forbids eval.
    const atlasDrawn = () => {
      const a = (window as unknown as { atlas?: { ready: boolean; map: { loaded(): boolean; isMoving(): boolean; areTilesLoaded(): boolean } } }).atlas;
      return !!a && a.ready && a.map.loaded() && !a.map.isMoving() && a.map.areTilesLoaded();
    };
    const emptyDrawn = () => (window as unknown as { drawnAt?: number }).drawnAt !== undefined;
    for (let i = 0; i < runs; i++) {
      emptyTimes.push(await timeToDrawn(browser, empty.url, emptyDrawn));
      atlasTimes.push(await timeToDrawn(browser, `${server.url}/`, atlasDrawn));
    }
  } finally {
    await browser.close();
    empty.close();
    await server.stop();
  }
  const atlasMapMs = median(atlasTimes);
  const emptyMapMs = median(emptyTimes);
  log(
    `client: first drawn map ${atlasMapMs.toFixed(0)} ms (atlas) vs ${emptyMapMs.toFixed(0)} ms (empty MapLibre); runs ${atlasTimes.map((t) => t.toFixed(0)).join('/')} vs ${emptyTimes.map((t) => t.toFixed(0)).join('/')}`,
  );
  return {
    jsBytes: js.raw,
    jsGzipBytes: js.gz,
    jsFiles: js.files,
    boundaryBytes: boundary.length,
    boundaryGzipBytes: boundaryGz,
    atlasMapMs,
    emptyMapMs,
    ratio: atlasMapMs / emptyMapMs,
    runs,
  };
}
