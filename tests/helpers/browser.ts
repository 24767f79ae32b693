import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { type RunningServer, startServer } from './server.ts';

export const artifactsDir = resolve(import.meta.dirname, '..', 'artifacts');

/** Debian's Chromium, headless, with the flags this machine needs (no network, no sandbox as root). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

/** Opens the atlas at `path` and waits until the map and the first view are drawn. */
export async function openAtlas(browser: Browser, baseUrl: string, path = '/', size = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}${path}`);
  await page.waitForFunction(() => (window as unknown as { atlas?: { ready: boolean } }).atlas?.ready === true, null, { timeout: 90_000 });
  await waitForIdleMap(page);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return page;
}

/** Waits until MapLibre has finished loading and drawing. */
export async function waitForIdleMap(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = (window as unknown as { atlas: { map: { loaded(): boolean; isMoving(): boolean } } }).atlas.map;
      return map.loaded() && !map.isMoving();
    },
    null,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(400);
}

/** Saves a screenshot under tests/artifacts/ (kept as a test artifact). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = resolve(artifactsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Colour statistics of the map as drawn (MapLibre canvas with the deck.gl canvas on top): the number of
 * distinct colours and a histogram, read back through a 2D canvas.
 */
export async function mapPixels(page: Page): Promise<{ distinct: number; counts: Record<string, number> }> {
  return page.evaluate(() => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('#map canvas')];
    const w = canvases[0].width;
    const h = canvases[0].height;
    const out = document.createElement('canvas');
    out.width = w;
    out.height = h;
    const g = out.getContext('2d')!;
    for (const c of canvases) g.drawImage(c, 0, 0, w, h);
    const data = g.getImageData(0, 0, w, h).data;
    const counts: Record<string, number> = {};
    for (let i = 0; i < data.length; i += 4 * 7) {
      const key = `${data[i] >> 3},${data[i + 1] >> 3},${data[i + 2] >> 3}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return { distinct: Object.keys(counts).length, counts };
  });
}

/**
 * One real server (on a private copy of the database, serving this run's client) and one browser for a
 * test file, started before its tests and stopped after them.
 * @example const session = useAtlasSession(); … await openAtlas(session.browser, session.server.url)
 */
export function useAtlasSession(): { readonly server: RunningServer; readonly browser: Browser } {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer({ webDir: inject('webDir') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
  };
}
