import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Story, type StoryAnswer, storyFromAnswer } from '../../domain/records/stories.ts';
import { artifactsDir, openAtlas, saveScreenshot, useAtlasSession, waitForIdleMap } from '../helpers/browser.ts';

const session = useAtlasSession();

/** Saves a download and returns its name and bytes. */
async function downloaded(page: Page, action: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), action()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

const field = (page: Page, name: string) => page.locator(`.story-editor [data-field="${name}"]`);
const act = (page: Page, name: string) => page.locator(`.story-editor button[data-act="${name}"]`).first();

/** Picks the view underneath the editor and waits until its controls and the map are drawn. */
async function chooseView(page: Page, view: string, ready: string): Promise<void> {
  await page.selectOption('.story-editor select[data-act="view"]', view);
  await page.waitForSelector(`.story-editor-view ${ready}`);
  await waitForIdleMap(page);
}

/** Adds the view shown as a step and writes its caption and source. */
async function addStep(page: Page, n: number, caption: string): Promise<void> {
  await page.click('[data-testid="story-add"]');
  await page.waitForSelector(`.story-steps li[data-i="${n}"].selected`);
  await field(page, `steps.${n}.caption.ja`).fill(caption);
  await page.selectOption('.story-editor select[data-act="pick-source"]', { index: 1 });
}

const captions = ['狛江市は人口密度の高い市です。', '備後圏域は県境を越える連携中枢都市圏です。', '狛江市は長岡市（旧川口町）と交流しています。'];

describe('a presenter builds, saves, reorders, exports and deletes a story', () => {
  it('from scratch: three views, captions, an annotation; saved with the token; found after a reload; reordered; .pptx and JSON; deleted', async () => {
    const { url, token } = session.server;
    const page = await openAtlas(session.browser, url, `/?view=present&token=${token}`, { width: 1400, height: 900 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.click('[data-testid="story-create"]');
    await page.waitForSelector('[data-testid="story-editor"]');
    const id = await field(page, 'id').inputValue();
    await field(page, 'title.ja').fill('狛江市のつながり');
    await field(page, 'summary.ja').fill('人口密度、圏域、交流の三つの地図で見ます。');

    await chooseView(page, 'explore', '#metric');
    await page.selectOption('.story-editor-view #metric', 'density');
    await waitForIdleMap(page);
    await addStep(page, 0, captions[0]);

    await chooseView(page, 'regions', '#rtype');
    await addStep(page, 1, captions[1]);

    await chooseView(page, 'exchanges', 'input, select');
    await addStep(page, 2, captions[2]);
    await page.click('.story-editor button[data-act="add-callout"]');
    await field(page, 'steps.2.annotations.0.code').fill('15202 新潟県長岡市');
    await field(page, 'steps.2.annotations.0.text.ja').fill('旧川口町（現 長岡市）');
    await saveScreenshot(page, 'story-editor-1400');

    const [created] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/stories') && r.request().method() === 'POST'), act(page, 'save').click()]);
    expect(created.status()).toBe(201);
    await page.waitForSelector('[data-testid="story-msg"].ok');

    const saved = (await (await fetch(`${url}/api/stories/${id}`)).json()) as StoryAnswer;
    expect(saved.steps.map((s) => s.view)).toEqual(['explore', 'regions', 'exchanges']);
    expect(saved.steps[0].state.metric).toBe('density');
    expect(saved.steps.map((s) => s.caption.ja)).toEqual(captions);
    expect(saved.steps[2].annotations).toEqual([{ type: 'callout', code: '15202', text: { ja: '旧川口町（現 長岡市）' } }]);

    // A reload (the token stays in the tab): the list has the story; open it to edit.
    await page.goto(`${url}/?view=present`);
    await page.waitForSelector(`.story-list button[data-edit="${id}"]`);
    expect(await page.locator(`.story-list li[data-origin="user"] h3`).innerText()).toContain('狛江市のつながり');
    await page.click(`.story-list button[data-edit="${id}"]`);
    await page.waitForSelector('[data-testid="story-editor"] .story-steps li[data-i="2"]');
    await page.click('.story-steps li[data-i="0"] button[data-act="down"]');
    // The moved step keeps the keyboard focus on its button.
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.dataset.i)).toBe('1');
    const [put] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/stories/${id}`) && r.request().method() === 'PUT'), act(page, 'save').click()]);
    expect(put.status()).toBe(200);
    const reordered = (await (await fetch(`${url}/api/stories/${id}`)).json()) as StoryAnswer;
    expect(reordered.steps.map((s) => s.view)).toEqual(['regions', 'explore', 'exchanges']);

    // Preview from step 3, then the presenter's tools: PageUp, the black screen, the step list, the progress bar.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.click('.story-steps li[data-i="2"] button[data-act="preview"]');
    await page.waitForSelector('body.presenting [data-testid="present-counter"]');
    const counter = () => page.locator('[data-testid="present-counter"]').innerText();
    expect(await counter()).toBe('3 / 3');
    // The step's view (here the exchanges) is mounted underneath once its data arrived.
    await page.waitForSelector('.present-overlay[data-drawn="3"]');
    await waitForIdleMap(page);
    expect(await page.locator('[data-testid="present-progress"]').getAttribute('aria-valuenow')).toBe('3');
    await page.keyboard.press('PageUp');
    await page.waitForSelector('.present-overlay[data-drawn="2"]');
    await page.keyboard.press('b');
    expect(await page.locator('[data-testid="present-black"]').isVisible()).toBe(true);
    await page.keyboard.press('b');
    expect(await page.locator('[data-testid="present-black"]').isVisible()).toBe(false);
    await waitForIdleMap(page);
    await page.click('[data-testid="present-steps-toggle"]');
    expect(await page.locator('[data-testid="present-steps"] button[data-jump]').count()).toBe(3);
    // The step shown has its picture (taken once its map was drawn; put into the list when the list is open).
    await page.waitForSelector('[data-testid="present-steps"] button[aria-current="step"] img');
    await saveScreenshot(page, 'story-present-steps-1920');
    await page.click('[data-testid="present-steps"] button[data-jump="0"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="present-counter"]')?.textContent === '1 / 3');
    expect(await page.locator('[data-testid="present-progress"]').getAttribute('aria-valuenow')).toBe('1');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="story-editor"]');
    await page.setViewportSize({ width: 1400, height: 900 });

    const json = await downloaded(page, () => act(page, 'export-json').click());
    const shared = JSON.parse(json.bytes.toString('utf8')) as Story;
    expect(shared.id).toBe(id);
    expect(shared.steps.map((s) => s.caption.ja)).toEqual([captions[1], captions[0], captions[2]]);

    const pptx = await downloaded(page, () => act(page, 'pptx').click());
    expect(pptx.name).toBe(`${id}.pptx`);
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'story.pptx'), pptx.bytes);
    const zip = await JSZip.loadAsync(pptx.bytes);
    const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
    expect(slides).toHaveLength(4);
    const order = [captions[1], captions[0], captions[2]];
    for (let i = 0; i < 3; i++) {
      const xml = await zip.file(`ppt/slides/slide${i + 2}.xml`)!.async('string');
      expect(xml).toContain(order[i]);
      expect(xml).toContain('<p:pic>');
      expect(xml).toContain('typeface="Meiryo"');
      const rels = await zip.file(`ppt/slides/_rels/slide${i + 2}.xml.rels`)!.async('string');
      const media = /Target="\.\.\/media\/([^"]+)"/.exec(rels)?.[1];
      expect((await zip.file(`ppt/media/${media}`)!.async('uint8array')).length).toBeGreaterThan(20_000);
    }
    expect(await zip.file('ppt/slides/slide1.xml')!.async('string')).toContain('狛江市のつながり');
    // Back in the editor after the export.
    await page.waitForSelector('[data-testid="story-editor"]');

    // The handout prints one A4 landscape page per step, each a whole page of its own, and nothing of the app.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await act(page, 'handout').click();
    await page.waitForSelector('body[data-printed="yes"]', { timeout: 120_000 });
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      shown: [...document.body.children].filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.className),
      breaks: [...document.querySelectorAll('.handout-page')].map((e) => getComputedStyle(e).breakAfter),
    }));
    expect(printed).toEqual({ shown: ['story-handout'], breaks: ['page', 'page', 'auto'] });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    writeFileSync(join(artifactsDir, 'story-handout.pdf'), pdf);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(3);
    await page.emulateMedia({ media: 'screen' });
    await page.waitForSelector('[data-testid="story-editor"]');

    // Importing the shared file while the story exists: the conflict is named and a new id offered.
    await page.click('.story-editor button[data-act="close"]');
    await page.setInputFiles('[data-testid="story-import"]', { name: json.name, mimeType: 'application/json', buffer: json.bytes });
    await page.waitForSelector('[data-testid="story-import-newid"]');
    expect(await page.locator('#story-import-msg').innerText()).toContain(id);
    await page.click('[data-testid="story-import-newid"]');
    expect(await field(page, 'id').inputValue()).toBe(`${id}-2`);
    await page.click('.story-editor button[data-act="close"]');

    await page.click(`.story-list button[data-edit="${id}"]`);
    await page.waitForSelector('.story-editor button[data-act="delete"]');
    page.once('dialog', (d) => void d.accept());
    const [deleted] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/stories/${id}`) && r.request().method() === 'DELETE'), act(page, 'delete').click()]);
    expect(deleted.status()).toBe(200);
    expect((await fetch(`${url}/api/stories/${id}`)).status).toBe(404);
    await page.waitForSelector('.story-list');
    expect(await page.locator(`.story-list button[data-edit="${id}"]`).count()).toBe(0);
    await page.close();
  }, 400_000);

  it('without the token the save gets 401, the page says how to get write access, and nothing is stored; a seed story is read-only', async () => {
    const { url, token } = session.server;
    const page = await openAtlas(session.browser, url, '/?view=present', { width: 390, height: 844 });
    await page.click('[data-testid="story-create"]');
    await page.waitForSelector('[data-testid="story-token"]');
    const id = await field(page, 'id').inputValue();
    await field(page, 'title.ja').fill('トークンなし');
    await field(page, 'summary.ja').fill('保存できないはずです。');
    await page.waitForSelector('.story-editor-view #metric');
    await addStep(page, 0, '人口の地図です。');
    await saveScreenshot(page, 'story-editor-390');
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/stories') && r.request().method() === 'POST'), act(page, 'save').click()]);
    expect(refused.status()).toBe(401);
    expect(await page.locator('[data-testid="story-msg"]').innerText()).toContain('?token=');
    expect((await fetch(`${url}/api/stories/${id}`)).status).toBe(404);

    // The handout needs no token: one printed page per step, with its map, caption and source.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await act(page, 'handout').click();
    await page.waitForSelector('body[data-printed="yes"]', { timeout: 120_000 });
    const pages = page.locator('[data-testid="story-handout"] .handout-page');
    expect(await pages.count()).toBe(1);
    expect(await pages.first().locator('img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    expect(await pages.first().locator('.handout-caption').textContent()).toBe('人口の地図です。');
    expect(await pages.first().locator('.handout-source').textContent()).toContain('出典');
    await page.waitForSelector('[data-testid="story-editor"]');

    // A seed story: "duplicate to edit" opens a copy under a new id; the seed itself answers 403 to a change.
    await page.click('.story-editor button[data-act="close"]');
    await page.click('.story-list button[data-edit="komae-nagaoka"]');
    await page.waitForSelector('[data-testid="story-editor"]');
    expect(await field(page, 'id').inputValue()).toBe('komae-nagaoka-copy');
    const seed = storyFromAnswer((await (await fetch(`${url}/api/stories/komae-nagaoka`)).json()) as StoryAnswer);
    const put = await fetch(`${url}/api/stories/komae-nagaoka`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...seed, title: { ...seed.title, ja: '書き換え' } }),
    });
    expect(put.status).toBe(403);
    await page.close();
  }, 200_000);
});
