/** No answer shows a file name as a source: sources are citations (title, publisher, year, link). */
import { describe, expect, it } from 'vitest';
import type { Citation } from '../../domain/citations.ts';
import type { RegionList } from '../../domain/records/regions.ts';
import type { StoryAnswer, StoryList } from '../../domain/records/stories.ts';
import { json, useTestApp } from '../helpers/app.ts';

const app = useTestApp();

const get = async <T>(path: string): Promise<T> => {
  const r = await json<T>(app.request(path));
  expect(r.status, path).toBe(200);
  return r.body;
};

/** A file name where a reader expects words: a seed document's hash name, a seed table, any bare *.txt/csv/json. */
const fileName = /\b\d{3}_[0-9a-f]{16}\.txt\b|\bseeds\/|(^|[\s(])[\w.-]+\.(txt|csv|json|tsv|md)\b/;

/** Every string in an answer with its path, links (`url`) left out. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === 'url' || k === 'outline' ? [] : strings(v, path ? `${path}.${k}` : k)));
  return [];
}

/** Paths of strings that look like file names, and of fields still called `source` holding raw source text. */
function offending(answer: unknown): string[] {
  const bad = strings(answer)
    .filter(([, s]) => fileName.test(s))
    .map(([p, s]) => `${p}: ${s.slice(0, 80)}`);
  const walk = (v: unknown, path: string): string[] => {
    if (Array.isArray(v)) return v.flatMap((x, i) => walk(x, `${path}[${i}]`));
    if (!v || typeof v !== 'object') return [];
    return Object.entries(v).flatMap(([k, x]) => [
      ...(k === 'source' && typeof x === 'string' && /https?:|\.txt|\.csv/.test(x) ? [`${path}.${k}`] : []),
      ...walk(x, `${path}.${k}`),
    ]);
  };
  return [...bad, ...walk(answer, '')];
}

describe('answers cite sources readably', () => {
  it('the test itself catches a seed document’s file name and a seed table', () => {
    expect(offending({ items: [{ sources: [{ title: '001_0c90d4750b6046d5.txt' }] }] })).toHaveLength(1);
    expect(offending({ note: 'from seeds/region_members.csv' })).toHaveLength(1);
    expect(offending({ source: 'https://example.org' })).toHaveLength(1);
    expect(offending({ sources: [{ title: '総務省', url: 'https://www.soumu.go.jp/a.json' }] })).toEqual([]);
  });

  it('regions: every list and the detail of every 連携中枢都市圏, 定住自立圏 and seed grouping', async () => {
    const list = await get<RegionList>('/api/regions');
    expect(offending(list)).toEqual([]);
    for (const r of list.items.filter((x) => x.type !== 'prefecture' && x.type !== 'employment_area')) {
      expect(offending(await get(`/api/regions/${r.id}`)), r.id).toEqual([]);
    }
    const cited = list.items.flatMap((r) => r.sources);
    expect(cited.length).toBeGreaterThan(list.items.length);
    expect(cited.every((c: Citation) => c.title.length > 0)).toBe(true);
  });

  it('exchanges and the municipalities that take part in them', async () => {
    const exchanges = await get<{ items: { a: { code: string }; b: { code: string } }[] }>('/api/exchanges');
    expect(offending(exchanges)).toEqual([]);
    const codes = [...new Set(exchanges.items.flatMap((x) => [x.a.code, x.b.code]))].filter((c) => !c.endsWith('000'));
    for (const code of codes) expect(offending(await get(`/api/municipalities/${code}`)), code).toEqual([]);
  });

  it('story captions: every step of every story', async () => {
    const { items } = await get<StoryList>('/api/stories');
    for (const s of items) {
      const story = await get<StoryAnswer>(`/api/stories/${s.id}`);
      expect(offending(story), s.id).toEqual([]);
      expect(story.steps.every((step) => step.sources.length > 0)).toBe(true);
    }
  });

  it('sources and partner rankings', async () => {
    expect(offending(await get('/api/sources'))).toEqual([]);
    expect(offending(await get('/api/partners/13112?purpose=disaster&limit=100'))).toEqual([]);
  });
});
