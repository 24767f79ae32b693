/**
 * Readable citations. Every fact row keeps its `source` as written in the seeds: URLs, the file names of the five
 * seed documents (`001_0c90d4750b6046d5.txt`), the atlas's own tables, or a few words. Readers see none of those
 * raw forms: answers carry citations (title, publisher, year, link), and panels, captions and images print them
 * with `formatCitation`.
 */

import { z } from 'zod';
import { pure } from './records/pure.ts';

/** A source as a reader would cite it. */
export const Citation = pure(() =>
  z.object({
    title: z.string().describe("The document's or page's title; in ［ ］ where the document has none and the title is ours."),
    publisher: z.string().nullable(),
    year: z.string().nullable().describe('Year of publication, or (asOf) the year the fact row was read as true on the page.'),
    asOf: z.literal(true).optional().describe("True where `year` is the row's as-of year rather than the publication's."),
    url: z.string().nullable(),
  }),
);
export type Citation = z.infer<typeof Citation>;

/**
 * The five seed documents (../shared/seeds/README.md), by file name. Titles and dates as the documents print them;
 * 000 and 004 print no title, and 000 no publisher or date.
 */
export const seedDocuments: Readonly<Record<string, Citation>> = {
  '000_bf0aa67e4f4a965a.txt': {
    title: '［都市側からの都市と地方の連携・交流支援に関する調査（概要）］',
    publisher: null,
    year: null,
    url: null,
  },
  '001_0c90d4750b6046d5.txt': {
    title: '［自治体間交流（過疎地域と都市との交流）パンフレット］',
    publisher: '総務省自治行政局過疎対策室',
    year: '2006',
    url: null,
  },
  '002_57fe8b12f6463796.txt': {
    title: '地方の創生（地域と関わる「関係人口」の創出拡大等） 概要説明資料',
    publisher: '総務省',
    year: '2019',
    url: null,
  },
  '003_ac0dbb940c349c56.txt': {
    title: '「令和4年度 自治体間連携フォーラム」の実施報告について',
    publisher: '世田谷区 区民健康村・ふるさと・交流推進課',
    year: '2023',
    url: null,
  },
  '004_65cae2738d8d2cf6.txt': {
    title: '［関係人口創出・拡大のための対流促進事業 モデル事業（令和2年度）実施団体と実施地域］',
    publisher: '内閣府地方創生推進室',
    year: '2020',
    url: null,
  },
};

/** The atlas's own tables, cited where a figure is counted from them (e.g. the number of regions listed). */
const atlasTables: Readonly<Record<string, string>> = {
  'seeds/regions.csv': '連携アトラス 圏域表（総務省・各自治体の公表資料から編集、各行に出典）',
  'seeds/region_members.csv': '連携アトラス 圏域構成団体表（各行に出典）',
  'seeds/region_coverage.csv': '連携アトラス 圏域の公式集計表（各行に出典）',
  'seeds/exchanges.csv': '連携アトラス 自治体間交流表（各行に出典）',
};

/** Publishers of frequently cited hosts; other pages are cited by their host name. */
const publishers: readonly [RegExp, string][] = [
  [/(^|\.)soumu\.go\.jp$/, '総務省'],
  [/(^|\.)cao\.go\.jp$/, '内閣府'],
  [/(^|\.)bousai\.go\.jp$/, '内閣府（防災担当）'],
  [/(^|\.)mlit\.go\.jp$/, '国土交通省'],
  [/(^|\.)wikipedia\.org$/, 'ウィキペディア日本語版'],
  [/(^|\.)metro\.tokyo\.lg\.jp$/, '東京都'],
];

/** A token that is a bare file name (what a reader must never be shown as a source). */
export const fileNameLike = /^[\w./-]+\.(txt|csv|json|tsv|xlsx?|pdf|md)$/i;

const yearOf = (asOf: string | undefined) => (asOf && /^\d{4}/.test(asOf) ? asOf.slice(0, 4) : null);

function citeOne(token: string, asOf: string | undefined): Citation {
  const doc = seedDocuments[token];
  if (doc) return doc;
  const table = atlasTables[token];
  if (table) return { title: table, publisher: '連携アトラス', year: null, url: null };
  // "label: https://… (title)": a label before the address, and a title in brackets after it.
  const web = /^(?:(.+?)\s*[:：]\s*)?(https?:\/\/\S+)(?:\s+[(（](.+)[)）])?$/.exec(token);
  if (web) {
    const url = web[2]!;
    let host = url;
    try {
      host = new URL(url).hostname;
    } catch {
      // Not a parseable address: cite it as written.
    }
    const publisher = publishers.find(([re]) => re.test(host))?.[1] ?? host;
    const year = yearOf(asOf);
    return { title: web[3] ?? web[1] ?? host, publisher, year, ...(year ? { asOf: true as const } : {}), url };
  }
  if (token === 'user') return { title: 'ユーザーが作成', publisher: null, year: yearOf(asOf), url: null };
  return { title: token, publisher: null, year: yearOf(asOf), url: null };
}

/** Splits joined sources at ";" outside brackets, so "https://… (吹田市; 58市)" stays one source. */
function splitSources(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '(' || c === '（') depth++;
    else if ((c === ')' || c === '）') && depth > 0) depth--;
    else if (c === ';' && depth === 0 && /\s/.test(source[i + 1] ?? ' ')) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/**
 * The citations of a `source` field: one per source it joins with ";", duplicates dropped.
 * @param asOf the row's as-of date, the year shown for a web page
 * @example citationsOf('001_0c90d4750b6046d5.txt ; https://www.soumu.go.jp/x.html', '2024-04-01')
 * // [{ title: '［自治体間交流…］', publisher: '総務省自治行政局過疎対策室', year: '2006', url: null },
 * //  { title: 'www.soumu.go.jp', publisher: '総務省', year: '2024', asOf: true, url: 'https://www.soumu.go.jp/x.html' }]
 */
export function citationsOf(source: string, asOf?: string): Citation[] {
  const out: Citation[] = [];
  for (const token of splitSources(source)) {
    const t = token.trim();
    if (!t) continue;
    const c = citeOne(t, asOf);
    if (!out.some((o) => o.title === c.title && o.url === c.url)) out.push(c);
  }
  return out;
}

/**
 * One line of text for a citation, for captions, tooltips and exported images.
 * @example formatCitation(seedDocuments['002_57fe8b12f6463796.txt']) // '総務省「地方の創生（…） 概要説明資料」2019'
 */
export function formatCitation(c: Citation, withUrl = false): string {
  const title = c.title.startsWith('［') ? c.title : `「${c.title}」`;
  const head = c.publisher && c.publisher !== c.title ? `${c.publisher}${title}` : title;
  const year = c.year ? (c.asOf ? `（${c.year}年時点）` : ` ${c.year}`) : '';
  return `${head}${year}${withUrl && c.url ? ` ${c.url}` : ''}`;
}

/**
 * A `source` text from citations, the reverse of citationsOf: seed documents and the atlas's tables by their file name, web pages as
 * "title: address" (or the address alone), anything else by its title. For copying a story to edit it.
 * @example sourceOf(citationsOf('001_0c90d4750b6046d5.txt; https://a.jp/x')) // '001_0c90d4750b6046d5.txt; https://a.jp/x'
 */
export function sourceOf(list: readonly Citation[]): string {
  const fileOf = (c: Citation) => Object.entries(seedDocuments).find(([, d]) => d === c || (d.title === c.title && d.url === c.url))?.[0];
  return list
    .map((c) => {
      const file = fileOf(c) ?? Object.entries(atlasTables).find(([, title]) => title === c.title && c.publisher === '連携アトラス')?.[0];
      if (file) return file;
      if (c.url) return c.title && c.title !== c.publisher && !c.url.includes(c.title) && c.title !== hostOf(c.url) ? `${c.title}: ${c.url}` : c.url;
      return c.title;
    })
    .join('; ');
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
