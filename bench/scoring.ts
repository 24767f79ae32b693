/**
 * Benchmark 1: disaster-aid suitability for all 1,741 × 1,740 ordered pairs with the production scorer — the
 * compiled form of domain/scoring/disaster.ts (disaster-kernel.ts) that /api/partners and the partner matrix run,
 * over the places they score (server/routes/partners.ts) — against PostgreSQL + PostGIS running the same
 * definition rendered as SQL (sqlOps) over the same inputs and parameters, and DuckDB running that SQL too, for
 * scale. All three must give the same Σ score; a sample of pairs is checked against disasterScore (the definition
 * in plain numbers). Each engine computes the great-circle distance its best way: the kernel and DuckDB by the chord
 * of unit vectors (the haversine rearranged, radius of domain/geo.ts), PostGIS ST_Distance on geography (sphere).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  type DisasterParams,
  type DisasterPlace,
  type PairTerms,
  type PlaceTerms,
  defaultDisasterParams,
  disasterScore,
  disasterTerms,
  sqlOps,
} from '../domain/scoring/disaster.ts';
import { type KernelPlaces, disasterAllPairs, disasterRow } from '../domain/scoring/disaster-kernel.ts';
import { earthRadiusKm, haversineKm } from '../domain/geo.ts';
import type { HazardZone } from '../domain/records/hazards.ts';
import { AtlasDb } from '../server/db.ts';
import { partnerPlaces } from '../server/routes/partners.ts';

export interface ScoringResult {
  pairs: number;
  /** The production scorer (the compiled kernel the API runs). */
  productionMs: number;
  duckdbMs: number;
  postgisMs: number | null;
  /** PostGIS ÷ production. */
  ratio: number | null;
  checksum: { production: number; duckdb: number; postgis: number | null };
  postgisVersion: string | null;
  note?: string;
}

/** One row of the benchmark's `places` table: everything the score reads, as numbers. */
interface BenchPlace {
  code: string;
  lon: number;
  lat: number;
  population: number;
  /** One bit per hazard whose designated zone holds the place; pmask: zones of its partly designated prefecture. */
  zmask: number;
  pmask: number;
  quake: number;
  water: number;
  /** Road network and the gateway's road network, as integers. */
  land: number;
  gland: number;
  island: number;
  glon: number;
  glat: number;
  gkm: number;
}

const columns: [keyof BenchPlace, string][] = [
  ['code', 'VARCHAR'],
  ['lon', 'DOUBLE PRECISION'],
  ['lat', 'DOUBLE PRECISION'],
  ['population', 'BIGINT'],
  ['zmask', 'INTEGER'],
  ['pmask', 'INTEGER'],
  ['quake', 'DOUBLE PRECISION'],
  ['water', 'DOUBLE PRECISION'],
  ['land', 'INTEGER'],
  ['gland', 'INTEGER'],
  ['island', 'INTEGER'],
  ['glon', 'DOUBLE PRECISION'],
  ['glat', 'DOUBLE PRECISION'],
  ['gkm', 'DOUBLE PRECISION'],
];

const p = defaultDisasterParams;

/**
 * The score of every ordered pair, aggregated to (pairs, Σ score, Σ best score per origin). `dist(x, y)` is the
 * engine's great-circle distance in km between two points named by column prefix (`a.`/`b.` the places, `a_g`/`b_g`
 * their gateways), over the engine's own `geometry` columns; everything else is the one definition of the score.
 */
export function scoringSql(dist: (x: string, y: string) => string, geometry: readonly string[], params: DisasterParams = p): string {
  const cols = [...columns.map(([c]) => c), ...geometry];
  const select = ['a', 'b'].flatMap((t) => cols.map((c) => `${t}.${c} AS ${t}_${c}`)).join(', ');
  const place = (t: string): PlaceTerms<string> => ({
    population: `${t}_population`,
    quakeProb: `${t}_quake`,
    waterShare: `${t}_water`,
    island: `${t}_island`,
    gatewayKm: `${t}_gkm`,
  });
  const pair: PairTerms<string> = {
    distanceKm: 'd',
    gatewayDistanceKm: dist('a_g', 'b_g'),
    sameLandmass: '(CASE WHEN a_land = b_land THEN 1 ELSE 0 END)',
    sameGatewayLandmass: '(CASE WHEN a_gland = b_gland THEN 1 ELSE 0 END)',
    sharedZone: '(CASE WHEN (a_zmask & b_zmask) <> 0 THEN 1 ELSE 0 END)',
    possibleZone: '(CASE WHEN ((a_zmask | a_pmask) & (b_zmask | b_pmask) & ~(a_zmask & b_zmask)) <> 0 THEN 1 ELSE 0 END)',
  };
  const score = disasterTerms(sqlOps, place('a'), place('b'), pair, params).score;
  return `WITH pairs AS (SELECT ${select}, ${dist('a.', 'b.')} AS d FROM places a CROSS JOIN places b WHERE a.code <> b.code),
    scored AS (SELECT a_code, ${score} AS score FROM pairs),
    best AS (SELECT a_code, max(score) AS best, sum(score) AS total, count(*) AS n FROM scored GROUP BY a_code)
    SELECT sum(n) AS pairs, sum(total) AS total, sum(best) AS best FROM best`;
}

/** The places as the API scores them (server/routes/partners.ts): as the kernel's columns and as rows for the SQL engines. */
async function readPlaces(dbPath: string): Promise<{ places: BenchPlace[]; list: DisasterPlace[]; kernel: KernelPlaces }> {
  const db = await AtlasDb.open(dbPath, { readers: 1 });
  try {
    const { list: all, kernel } = await partnerPlaces(db);
    const bit = new Map([...new Set(all.flatMap((x) => [...x.zones, ...x.partialZones]))].sort().map((z, i) => [z, 1 << i]));
    const mask = (zones: readonly HazardZone[]) => zones.reduce((m, z) => m | bit.get(z)!, 0);
    const land = new Map([...new Set(all.map((x) => x.disaster.landmass))].sort().map((l, i) => [l, i]));
    const places = all.map(({ code, disaster: d }) => ({
      code,
      lon: d.lon,
      lat: d.lat,
      population: d.population,
      zmask: mask(d.zones),
      pmask: mask(d.partialZones),
      quake: d.quakeProb,
      water: d.waterShare,
      land: land.get(d.landmass)!,
      gland: land.get(d.gateway.landmass)!,
      island: d.island ? 1 : 0,
      glon: d.gateway.lon,
      glat: d.gateway.lat,
      gkm: d.island ? haversineKm(d.lon, d.lat, d.gateway.lon, d.gateway.lat) : 0,
    }));
    return { places, list: all.map((x) => x.disaster), kernel };
  } finally {
    await db.close();
  }
}

/** The production scorer over every ordered pair, best of `runs`, with Σ score and Σ best score per origin. */
function timeProduction(kernel: KernelPlaces, runs: number): { ms: number; total: number; pairs: number } {
  let best = Infinity;
  let total = 0;
  let pairs = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    total = 0;
    pairs = 0;
    disasterAllPairs(kernel, p, (i, score) => {
      for (let j = 0; j < kernel.n; j++) {
        if (j === i) continue;
        total += score[j];
        pairs++;
      }
    });
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, total, pairs };
}

/** The largest gap between the kernel and disasterScore (the definition in plain numbers) over a sample of pairs. */
function referenceGap(list: DisasterPlace[], kernel: KernelPlaces): number {
  let gap = 0;
  for (let i = 0; i < list.length; i += 97) {
    const row = disasterRow(kernel, i, p);
    for (let j = 0; j < list.length; j += 13) if (j !== i) gap = Math.max(gap, Math.abs(row.score[j] - disasterScore(list[i], list[j], p).score));
  }
  return gap;
}

async function timeDuckDb(places: BenchPlace[], runs: number): Promise<{ ms: number; total: number; pairs: number }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`CREATE TABLE raw (${columns.map(([c, t]) => `${c} ${t}`).join(', ')})`);
  const appender = await conn.createAppender('raw');
  for (const pl of places) {
    for (const [c, t] of columns) {
      const v = pl[c];
      if (t === 'VARCHAR') appender.appendVarchar(String(v));
      else if (t === 'BIGINT') appender.appendBigInt(BigInt(v));
      else if (t === 'INTEGER') appender.appendInteger(Number(v));
      else appender.appendDouble(Number(v));
    }
    appender.endRow();
  }
  appender.closeSync();
  // Each point as a unit vector once; per pair the great-circle distance is then 2R·asin(chord / 2), which is
  // the haversine formula rearranged (sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2) = chord² / 4) with one asin and one
  // sqrt instead of four sines: the same distances, about six times faster.
  const unit = (lon: string, lat: string, pre: string) =>
    `cos(radians(${lat})) * cos(radians(${lon})) AS ${pre}x, cos(radians(${lat})) * sin(radians(${lon})) AS ${pre}y, sin(radians(${lat})) AS ${pre}z`;
  await conn.run(`CREATE TABLE places AS SELECT *, ${unit('lon', 'lat', '')}, ${unit('glon', 'glat', 'g')} FROM raw`);
  const sq = (x: string, y: string, c: string) => `(${y}${c} - ${x}${c}) * (${y}${c} - ${x}${c})`;
  const chord = (x: string, y: string) => `2 * ${earthRadiusKm} * asin(least(1, sqrt(${sq(x, y, 'x')} + ${sq(x, y, 'y')} + ${sq(x, y, 'z')}) / 2))`;
  const sql = scoringSql(chord, ['x', 'y', 'z', 'gx', 'gy', 'gz']);
  let best = Infinity;
  let row: unknown[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    row = (await conn.runAndReadAll(sql)).getRows()[0];
    best = Math.min(best, performance.now() - t0);
  }
  conn.closeSync();
  instance.closeSync();
  return { ms: best, pairs: Number(row[0]), total: Number(row[1]) };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The newest installed PostgreSQL with the PostGIS extension, installing Debian's packages when missing (root only). */
function postgresBin(log: (m: string) => void): { bin: string; version: string } | { missing: string } {
  const find = () => {
    const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
    const v = versions.find((ver) => existsSync(`/usr/lib/postgresql/${ver}/bin/initdb`) && existsSync(`/usr/share/postgresql/${ver}/extension/postgis.control`));
    return v ? { bin: `/usr/lib/postgresql/${v}/bin`, version: v } : null;
  };
  let found = find();
  if (!found) {
    if (process.getuid?.() !== 0) return { missing: 'PostgreSQL + PostGIS are not installed and this user cannot apt-get install them' };
    log('installing Debian postgresql + postgis with apt-get (once) …');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql', 'postgresql-postgis'], { stdio: 'inherit', env });
    if (r.status !== 0) return { missing: 'apt-get install postgresql postgresql-postgis failed' };
    found = find();
  }
  return found ?? { missing: 'PostGIS extension not found after installing' };
}

/** Runs the all-pairs scoring in a throw-away PostgreSQL cluster on 127.0.0.1; always stops it. */
async function timePostgis(
  places: BenchPlace[],
  runs: number,
  log: (m: string) => void,
): Promise<{ ms: number; total: number; pairs: number; version: string } | { missing: string }> {
  const pg = postgresBin(log);
  if ('missing' in pg) return pg;
  const dir = mkdtempSync(join(tmpdir(), 'atlas-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[], input?: string) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    return execFileSync(file, argv, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  };
  const port = await freePort();
  let started = false;
  try {
    run(`${pg.bin}/initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    run(`${pg.bin}/pg_ctl`, [
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB -c work_mem=256MB`,
      'start',
    ]);
    started = true;
    const psql = (sql: string) => run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1'], sql);
    const csv = places.map((pl) => columns.map(([c]) => pl[c]).join(',')).join('\n');
    writeFileSync(join(dir, 'places.csv'), `${csv}\n`);
    chmodSync(join(dir, 'places.csv'), 0o644);
    const version = psql(`CREATE EXTENSION postgis;
      CREATE TABLE places (${columns.map(([c, t]) => `${c} ${t}`).join(', ')}, geog geography(Point, 4326), ggeog geography(Point, 4326));
      \\copy places (${columns.map(([c]) => c).join(', ')}) FROM '${join(dir, 'places.csv')}' WITH (FORMAT csv)
      UPDATE places SET geog = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography, ggeog = ST_SetSRID(ST_MakePoint(glon, glat), 4326)::geography;
      VACUUM ANALYZE places;
      SELECT postgis_lib_version();`).trim();
    // Sphere distance (use_spheroid = false), as the atlas's haversine; metres → km.
    const sql = scoringSql((x, y) => `ST_Distance(${x}geog, ${y}geog, false) / 1000.0`, ['geog', 'ggeog']);
    let best = Infinity;
    let out = '';
    for (let i = 0; i < runs; i++) {
      out = psql(`\\timing on\n${sql};`);
      const ms = Number(/Time: ([\d.]+) ms/.exec(out)?.[1]);
      best = Math.min(best, ms);
    }
    const [pairs, total] = out.split('\n')[0].split('|').map(Number);
    return { ms: best, pairs, total, version: `PostgreSQL ${pg.version} + PostGIS ${version}` };
  } finally {
    if (started) {
      try {
        run(`${pg.bin}/pg_ctl`, ['-D', data, '-w', '-m', 'fast', 'stop']);
      } catch {
        // Already stopped.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Times the all-pairs scoring with the production scorer, DuckDB and PostGIS (best of `runs`) and checks they agree.
 * @example const r = await benchScoring('data/build/atlas.duckdb', 3, console.log); r.ratio // PostGIS ÷ production
 */
export async function benchScoring(dbPath: string, runs: number, log: (m: string) => void): Promise<ScoringResult> {
  const { places, list, kernel } = await readPlaces(dbPath);
  const gap = referenceGap(list, kernel);
  if (gap > 1e-9) throw new Error(`the compiled scorer differs from disasterScore by up to ${gap}`);
  const production = timeProduction(kernel, runs);
  log(`scoring: ${places.length} places, ${production.pairs} ordered pairs; production scorer ${production.ms.toFixed(1)} ms (Σ score ${production.total.toFixed(3)})`);
  const agree = (total: number, tolerance: number) => Math.abs(total - production.total) <= tolerance * production.total;
  const duck = await timeDuckDb(places, runs);
  log(`scoring: DuckDB ${duck.ms.toFixed(1)} ms (Σ score ${duck.total.toFixed(3)})`);
  if (duck.pairs !== production.pairs || !agree(duck.total, 1e-6)) throw new Error(`DuckDB disagrees with the production scorer: Σ ${duck.total} vs ${production.total}`);
  const base = { pairs: production.pairs, productionMs: production.ms, duckdbMs: duck.ms };
  const checksum = { production: production.total, duckdb: duck.total, postgis: null as number | null };
  const pg = await timePostgis(places, runs, log);
  if ('missing' in pg) {
    log(`scoring: PostGIS skipped: ${pg.missing}`);
    return { ...base, postgisMs: null, ratio: null, checksum, postgisVersion: null, note: pg.missing };
  }
  log(`scoring: PostGIS ${pg.ms.toFixed(1)} ms (Σ score ${pg.total.toFixed(3)}, ${pg.version})`);
  // PostGIS measures on the sphere by its own formula: distances agree to a metre, sums to 1e-4.
  if (pg.pairs !== production.pairs || !agree(pg.total, 1e-4))
    throw new Error(`PostGIS disagrees with the production scorer: ${pg.pairs} pairs Σ ${pg.total} vs ${production.total}`);
  return { ...base, postgisMs: pg.ms, ratio: pg.ms / production.ms, checksum: { ...checksum, postgis: pg.total }, postgisVersion: pg.version };
}
