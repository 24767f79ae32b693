import { describe, expect, it } from 'vitest';
import { openAtlas, saveScreenshot, useAtlasSession } from '../helpers/browser.ts';

const session = useAtlasSession();

describe('names everywhere (one search for the top bar and every picker; English mode in romaji)', () => {
  it('finds 茅ヶ崎市, 龍ヶ崎, setagaya and 檮原 from the search box', async () => {
    const page = await openAtlas(session.browser, session.server.url);
    for (const [typed, code] of [
      ['茅ヶ崎市', '14207'],
      ['龍ヶ崎', '08208'],
      ['setagaya', '13112'],
      ['檮原', '39405'],
    ]) {
      await page.fill('#search', '');
      await page.click('#search');
      await page.keyboard.type(typed);
      await page.waitForSelector('#search-list li');
      expect(await page.locator('#search-list li').first().getAttribute('data-code'), typed).toBe(code);
    }
    await page.close();
  });

  it('the disaster-aid origin picker takes kana like the search box', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=disaster');
    await page.click('#ds-origin');
    await page.keyboard.type('こまえ');
    await page.waitForSelector('#ds-origin-list li');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('origin') === '13219');
    expect(await page.inputValue('#ds-origin')).toBe('狛江市（東京都）');
    await page.close();
  });

  for (const size of [
    { width: 390, height: 844 },
    { width: 1400, height: 900 },
    { width: 1920, height: 1080 },
  ])
    it(`English mode names 13112 Setagaya, with its kanji beside, and labels the search in English (${size.width}×${size.height})`, async () => {
      const page = await openAtlas(session.browser, session.server.url, '/?lang=en&sel=13112', size);
      await page.waitForSelector('[data-testid="muni-name"]');
      expect(await page.locator('[data-testid="muni-name"]').innerText()).toContain('Setagaya');
      expect(await page.locator('#right .sub').first().innerText()).toContain('世田谷区');
      expect(await page.getAttribute('#search', 'aria-label')).toMatch(/^Search municipalities/);
      await page.click('#search');
      await page.keyboard.type('komae');
      await page.waitForSelector('#search-list li');
      expect(await page.locator('#search-list li').first().innerText()).toContain('Komae');
      await saveScreenshot(page, `names-english-${size.width}`);
      await page.close();
    });
});
