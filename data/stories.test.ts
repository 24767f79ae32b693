import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegions } from './seeds/index.ts';
import { loadMaster } from './seeds/master.ts';
import { loadStories, parseStory, storiesDir } from './stories.ts';

const codes = new Set(loadMaster().codes);
const regionIds = new Set(loadRegions(codes).map((r) => r.id));
const komae = readFileSync(join(storiesDir, 'komae-nagaoka.json'), 'utf8');
const file = 'seeds/stories/komae-nagaoka.json';

/** The 狛江市 story with one change applied. */
// biome-ignore lint/suspicious/noExplicitAny: the test breaks a parsed story in ways its type forbids.
function broken(change: (story: any) => void): string {
  const story = JSON.parse(komae);
  change(story);
  return JSON.stringify(story);
}

describe('story files', () => {
  it('all five stories validate against the schema, the census codes and the region ids', () => {
    const stories = loadStories(storiesDir, codes, regionIds);
    expect(stories.map((s) => s.id)).toEqual(['setagaya', 'komae-nagaoka', 'bingo', 'kankei-jinko', 'ibusuki-kutchan']);
    for (const s of stories) {
      for (const step of s.steps) expect(step.source, `${s.id}: every caption names a seed document`).toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    }
  });

  it('the 狛江市–長岡市 story has the facts of the seed documents', () => {
    const story = parseStory(komae, file, codes);
    const text = story.steps.map((s) => s.caption.ja).join(' ');
    for (const fact of ['1987年', '1988年', '2004年', '一番乗り', '210 km']) expect(text).toContain(fact);
    expect(story.steps.some((s) => s.view === 'disaster' && s.state.origin === '13219')).toBe(true);
  });

  it('a wrong type names the file and the field', () => {
    const text = broken((s) => (s.steps[2].camera.zoom = '9'));
    expect(() => parseStory(text, file, codes)).toThrow(/seeds\/stories\/komae-nagaoka\.json: steps\[2\]\.camera\.zoom: expected number/);
  });

  it('a missing caption, an unknown view or an extra field is refused with its path', () => {
    expect(() =>
      parseStory(
        broken((s) => delete s.steps[0].caption.en),
        file,
        codes,
      ),
    ).toThrow(/steps\[0\]\.caption\.en/);
    expect(() =>
      parseStory(
        broken((s) => (s.steps[1].view = 'map')),
        file,
        codes,
      ),
    ).toThrow(/steps\[1\]\.view/);
    expect(() =>
      parseStory(
        broken((s) => (s.steps[1].colour = 'red')),
        file,
        codes,
      ),
    ).toThrow(/steps\[1\].*colour/);
  });

  it('an unknown municipality code or region id stops the build', () => {
    expect(() =>
      parseStory(
        broken((s) => (s.steps[0].highlight = ['15203'])),
        file,
        codes,
      ),
    ).toThrow(/steps\[0\]\.highlight\[0\]: 15203 is not a municipality code/);
    expect(() =>
      parseStory(
        broken((s) => (s.steps[0].arcs = [['13219', '99999']])),
        file,
        codes,
      ),
    ).toThrow(/steps\[0\]\.arcs\[0\]\[1\]/);
    expect(() =>
      parseStory(
        broken((s) => (s.steps[5].state.origin = '13299')),
        file,
        codes,
      ),
    ).toThrow(/steps\[5\]\.state\.origin/);
    expect(() =>
      parseStory(
        broken((s) => (s.steps[0].state = { region: 'ccr-99999' })),
        file,
        codes,
        regionIds,
      ),
    ).toThrow(/state\.region/);
  });

  it('bad JSON and an id that differs from the file name are refused', () => {
    expect(() => parseStory('{"id": ', file, codes)).toThrow(/komae-nagaoka\.json: not valid JSON/);
    expect(() =>
      parseStory(
        broken((s) => (s.id = 'komae')),
        file,
        codes,
      ),
    ).toThrow(/id: "komae" differs from the file name/);
  });
});
