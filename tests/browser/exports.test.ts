import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../domain/csv.ts';
import { openAtlas, useAtlasSession } from '../helpers/browser.ts';

const session = useAtlasSession();

async function downloaded(page: Page, action: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), action()]);
  return readFileSync(await download.path()).toString('utf8');
}

describe('CSV downloads in headless Chromium', () => {
  it('write a what-if grouping named =1+1 as text, not as a formula', async () => {
    const res = await fetch(`${session.server.url}/api/regions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.server.token}` },
      body: JSON.stringify({ type: 'custom', name: '=1+1', memberCodes: ['34207', '34205'] }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const page = await openAtlas(session.browser, session.server.url, `/?view=regions&rtype=custom&region=${id}`);
    await page.waitForSelector('[data-act="csv"]');
    const text = await downloaded(page, () => page.click('[data-act="csv"]'));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text.slice(1)).records;
    const name = header.indexOf('region_name');
    expect(name).toBeGreaterThanOrEqual(0);
    expect(rows.map((r) => r[name])).toEqual(["'=1+1", "'=1+1"]);
    await page.close();
  }, 120_000);
});
