import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../domain/csv.ts';
import { openAtlas, useAtlasSession } from '../helpers/browser.ts';

const session = useAtlasSession();

async function downloaded(page: Page, action: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), action()]);
  return readFileSync(await download.path()).toString('utf8');
}

describe('CSV and Excel downloads in headless Chromium', () => {
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

    // The same members as Excel: the name stays text (no formula), codes keep their digits as text, population a number.
    const [xlsx] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-act="xlsx"]')]);
    expect(xlsx.suggestedFilename()).toBe(`${id}-members.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await xlsx.path());
    const sheet = book.worksheets[0]!;
    const head = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (h: string) => head.indexOf(h) + 1;
    const cell = (h: string) => sheet.getRow(2).getCell(col(h));
    expect(cell('region_name').type).toBe(ExcelJS.ValueType.String);
    expect(cell('region_name').value).toBe('=1+1');
    expect(cell('code').value).toBe('34207');
    expect(cell('code').type).toBe(ExcelJS.ValueType.String);
    expect(cell('population').type).toBe(ExcelJS.ValueType.Number);
    await page.close();
  }, 120_000);
});
