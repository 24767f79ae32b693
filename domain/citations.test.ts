import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { citationsOf, fileNameLike, formatCitation, seedDocuments, sourceOf } from './citations.ts';

describe('citationsOf', () => {
  it('cites a seed document by title, publisher and year, never by its file name', () => {
    const [c] = citationsOf('001_0c90d4750b6046d5.txt');
    expect(c).toEqual({ title: '［自治体間交流（過疎地域と都市との交流）パンフレット］', publisher: '総務省自治行政局過疎対策室', year: '2006', url: null });
    expect(formatCitation(c!)).toBe('総務省自治行政局過疎対策室［自治体間交流（過疎地域と都市との交流）パンフレット］ 2006');
  });
  it('cites a web page by its title in brackets, or its host, with the publisher of a known host and the as-of year', () => {
    expect(citationsOf('https://www.soumu.go.jp/main_sosiki/x.html', '2024-04-01')).toEqual([
      { title: 'www.soumu.go.jp', publisher: '総務省', year: '2024', asOf: true, url: 'https://www.soumu.go.jp/main_sosiki/x.html' },
    ]);
    expect(formatCitation(citationsOf('https://www.soumu.go.jp/x.html', '2024-04-01')[0]!)).toBe('総務省「www.soumu.go.jp」（2024年時点）');
    const [titled] = citationsOf('http://153.143.60.193/shozai.html (道府県庁所在都市の状況, 2020-04-01)');
    expect(titled).toMatchObject({ title: '道府県庁所在都市の状況, 2020-04-01', url: 'http://153.143.60.193/shozai.html' });
  });
  it('keeps a source whole when its bracketed title holds a ";"', () => {
    expect(citationsOf('https://a.jp/x.html (吹田市; 58市) ; https://b.jp/')).toHaveLength(2);
  });
  it('splits joined sources (" ; " in the seeds, "; " in stories), dropping duplicates', () => {
    const list = citationsOf('002_57fe8b12f6463796.txt; 002_57fe8b12f6463796.txt ; 竹原市の参加: https://www.city.takehara.lg.jp/a.html');
    expect(list.map((c) => c.title)).toEqual([seedDocuments['002_57fe8b12f6463796.txt']!.title, '竹原市の参加']);
  });
  it('turns the atlas’s own tables into readable titles', () => {
    const list = citationsOf('seeds/regions.csv ; seeds/region_members.csv');
    expect(list.every((c) => c.publisher === '連携アトラス' && !fileNameLike.test(c.title))).toBe(true);
  });
  it('gives every seed document a title that is not a file name', () => {
    for (const [file, c] of Object.entries(seedDocuments)) {
      expect(fileNameLike.test(file)).toBe(true);
      expect(fileNameLike.test(c.title)).toBe(false);
    }
  });
});

describe('sourceOf', () => {
  it('turns the citations of every seed story step back into a source that cites the same', () => {
    const dir = new URL('../seeds/stories/', import.meta.url);
    for (const file of readdirSync(dir)) {
      const story = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { steps: { source: string }[] };
      for (const step of story.steps) {
        const cited = citationsOf(step.source);
        expect(citationsOf(sourceOf(cited)), `${file}: ${step.source}`).toEqual(cited);
      }
    }
  });
});
