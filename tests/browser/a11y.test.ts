import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { useAtlasSession, waitForIdleMap } from '../helpers/browser.ts';

const session = useAtlasSession();

// Every view with something chosen, so its panels and lists are on the page; the map canvas itself is left out
// (axe cannot read WebGL; the map's content is in the panels and tooltips it checks).
const pages = [
  '/?sel=13112',
  '/?view=regions&region=ccr-34207',
  '/?view=exchanges&sel=13112',
  '/?view=disaster&origin=13219',
  '/?view=partners&origin=10444',
  '/?view=present&story=setagaya',
  '/?lang=en&sel=13112',
];

/** The serious and critical violations axe finds on a page of the atlas, after `prepare` ran in it. */
async function violations(path: string, prepare?: () => void, viewport = { width: 1280, height: 800 }): Promise<string[]> {
  // axe injects its script through the browser context, so the page gets a context of its own.
  const context = await session.browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    await page.goto(`${session.server.url}${path}`);
    await page.waitForFunction(() => (window as unknown as { atlas?: { ready: boolean } }).atlas?.ready === true, null, { timeout: 90_000 });
    await waitForIdleMap(page);
    await page.waitForTimeout(500);
    if (prepare) await page.evaluate(prepare);
    const result = await new AxeBuilder({ page }).exclude('.maplibregl-canvas').exclude('canvas').analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')} — ${v.help}`);
  } finally {
    await context.close();
  }
}

describe('accessibility (axe-core) on every view', () => {
  it('the check itself catches an unnamed button and unreadable text', async () => {
    const found = await violations('/', () => {
      const left = document.getElementById('left')!;
      left.insertAdjacentHTML('afterbegin', '<button type="button"></button><p id="faint">faint</p>');
      // Through CSSOM: the page's content security policy refuses inline style attributes.
      Object.assign(document.getElementById('faint')!.style, { color: '#eee', background: '#fff' });
    });
    expect(found.map((v) => v.split(' ')[0])).toEqual(expect.arrayContaining(['button-name', 'color-contrast']));
  });

  // The other sizes where each user meets them: a planner's phone (the sheet), a presenter's projector.
  for (const [path, viewport] of [
    ['/?view=disaster&origin=13219', { width: 390, height: 844 }],
    ['/?sel=13112', { width: 390, height: 844 }],
    ['/?view=regions&region=ccr-34207', { width: 390, height: 844 }],
    ['/?view=disaster&origin=13219', { width: 1920, height: 1080 }],
    ['/?view=present&story=setagaya', { width: 1920, height: 1080 }],
  ] as const) {
    it(`no serious or critical violations on ${path} at ${viewport.width}×${viewport.height}`, async () => {
      expect(await violations(path, undefined, viewport)).toEqual([]);
    });
  }

  for (const path of pages) {
    it(`no serious or critical violations on ${path}`, async () => {
      expect(await violations(path)).toEqual([]);
    });
  }
});
