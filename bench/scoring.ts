/**
 * Benchmark 1: disaster-aid suitability for all 1,741 × 1,741 ordered pairs, in DuckDB (the atlas's engine,
 * haversine in SQL) against PostgreSQL + PostGIS (geography distance on the sphere), same inputs, same
 * formula and parameters (server/scoring/disaster.ts), same aggregate answer. Each engine computes the
 * distance its best way: DuckDB the haversine (as a chord of unit vectors, radius of server/routes/partners.ts), PostGIS
 * ST_Distance on geography (sphere).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { defaultDisasterParams } from '../domain/scoring/disaster.ts';
import { earthRadiusKm } from '../domain/geo.ts';

export interface ScoringResult {
  pairs: number;
  duckdbMs: number;
  postgisMs: number | null;
  ratio: number | null;
  checksum: { duckdb: number; postgis: number | null };
  postgisVersion: string | null;
  note?: string;
}

interface Place {
  code: string;
  lon: number;
  lat: number;
  population: number;
  /** One bit per hazard whose designated zone holds the place (same hazard → shared-zone risk). */
  zmask: number;
}

const p = defaultDisasterParams;

/**
 * The score of every ordered pair (an origin without residents needs no capacity: 1, as in capacity()), aggregated to (pairs, Σ score, Σ best score per origin). `dist` is the
 * engine's great-circle distance in km; everything else is the same SQL in both engines. The capacity
 * exponent is capped at 700 so PostgreSQL's exp() never underflows to an error (exp(−700) ≈ 0 in both).
 */
function scoringSql(dist: string): string {
  return `WITH pairs AS (
      SELECT a.code AS a, b.code AS b, ${dist} AS d, (a.zmask & b.zmask) <> 0 AS shared,
             CAST(greatest(b.population, 0) AS DOUBLE PRECISION) / nullif(a.population, 0) AS rel
      FROM places a CROSS JOIN places b WHERE a.code <> b.code),
    factors AS (
      SELECT a, shared, exp(-d / ${p.decayKm}) AS r, 1 / (1 + exp((d - ${p.reachMidKm}) / ${p.reachWidthKm})) AS reach,
             CASE WHEN rel IS NULL THEN 1 ELSE 1 - exp(-least(rel / ${p.capacityRatio}, 700)) END AS cap FROM pairs),
    scored AS (
      SELECT a, (1 - CASE WHEN shared THEN r + ${p.zonePenalty} * (1 - r) ELSE r END) * reach * cap AS score FROM factors),
    best AS (SELECT a, max(score) AS best, sum(score) AS total, count(*) AS n FROM scored GROUP BY a)
    SELECT sum(n) AS pairs, sum(total) AS total, sum(best) AS best FROM best`;
}

/** Reads the places (with hazard bitmask) from the atlas database. */
async function readPlaces(dbPath: string): Promise<Place[]> {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  const hasZones = (await conn.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'hazard_zones'`)).getRows()[0][0];
  const sql = Number(hasZones)
    ? `WITH h AS (SELECT hazard, row_number() OVER (ORDER BY hazard) - 1 AS bit FROM (SELECT DISTINCT hazard FROM hazard_zones)),
         z AS (SELECT code, bit_or(1 << bit) AS zmask FROM (SELECT DISTINCT z.code, h.bit FROM hazard_zones z JOIN h USING (hazard)) GROUP BY code)
       SELECT m.code, m.lon, m.lat, m.population, coalesce(z.zmask, 0) AS zmask FROM municipalities m LEFT JOIN z USING (code) ORDER BY m.code`
    : 'SELECT code, lon, lat, population, 0 AS zmask FROM municipalities ORDER BY code';
  const rows = (await conn.runAndReadAll(sql)).getRows();
  conn.closeSync();
  instance.closeSync();
  return rows.map(([code, lon, lat, population, zmask]) => ({ code: String(code), lon: Number(lon), lat: Number(lat), population: Number(population), zmask: Number(zmask) }));
}

async function timeDuckDb(places: Place[], runs: number): Promise<{ ms: number; total: number; pairs: number }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run('CREATE TABLE places (code VARCHAR, lon DOUBLE, lat DOUBLE, population BIGINT, zmask INTEGER)');
  const appender = await conn.createAppender('places');
  for (const pl of places) {
    appender.appendVarchar(pl.code);
    appender.appendDouble(pl.lon);
    appender.appendDouble(pl.lat);
    appender.appendBigInt(BigInt(pl.population));
    appender.appendInteger(pl.zmask);
    appender.endRow();
  }
  appender.closeSync();
  // Each place as a unit vector once; per pair the great-circle distance is then 2R·asin(chord / 2), which is
  // the haversine formula rearranged (sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2) = chord² / 4) with one asin and one
  // sqrt instead of four sines: the same distances, about six times faster.
  await conn.run(`CREATE TABLE prepared AS SELECT *, cos(radians(lat)) * cos(radians(lon)) AS x, cos(radians(lat)) * sin(radians(lon)) AS y, sin(radians(lat)) AS z FROM places`);
  await conn.run('DROP TABLE places');
  await conn.run('ALTER TABLE prepared RENAME TO places');
  const sq = (c: string) => `(b.${c} - a.${c}) * (b.${c} - a.${c})`;
  const sql = scoringSql(`2 * ${earthRadiusKm} * asin(least(1, sqrt(${sq('x')} + ${sq('y')} + ${sq('z')}) / 2))`);
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
async function timePostgis(places: Place[], runs: number, log: (m: string) => void): Promise<{ ms: number; total: number; pairs: number; version: string } | { missing: string }> {
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
    const csv = places.map((pl) => `${pl.code},${pl.lon},${pl.lat},${pl.population},${pl.zmask}`).join('\n');
    writeFileSync(join(dir, 'places.csv'), `${csv}\n`);
    chmodSync(join(dir, 'places.csv'), 0o644);
    const version = psql(`CREATE EXTENSION postgis;
      CREATE TABLE places (code text PRIMARY KEY, lon double precision, lat double precision, population bigint, zmask integer, geog geography(Point, 4326));
      \\copy places (code, lon, lat, population, zmask) FROM '${join(dir, 'places.csv')}' WITH (FORMAT csv)
      UPDATE places SET geog = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography;
      VACUUM ANALYZE places;
      SELECT postgis_lib_version();`).trim();
    // Sphere distance (use_spheroid = false), as the atlas's haversine; metres → km.
    const sql = scoringSql('ST_Distance(a.geog, b.geog, false) / 1000.0');
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
 * Times the all-pairs scoring in both engines (best of `runs`) and checks they agree.
 * @example const r = await benchScoring('data/build/atlas.duckdb', 3, console.log); r.ratio // e.g. 25
 */
export async function benchScoring(dbPath: string, runs: number, log: (m: string) => void): Promise<ScoringResult> {
  const places = await readPlaces(dbPath);
  log(`scoring: ${places.length} places, ${places.length * (places.length - 1)} ordered pairs`);
  const duck = await timeDuckDb(places, runs);
  log(`scoring: DuckDB ${duck.ms.toFixed(1)} ms (Σ score ${duck.total.toFixed(3)})`);
  const pg = await timePostgis(places, runs, log);
  if ('missing' in pg) {
    log(`scoring: PostGIS skipped: ${pg.missing}`);
    return { pairs: duck.pairs, duckdbMs: duck.ms, postgisMs: null, ratio: null, checksum: { duckdb: duck.total, postgis: null }, postgisVersion: null, note: pg.missing };
  }
  log(`scoring: PostGIS ${pg.ms.toFixed(1)} ms (Σ score ${pg.total.toFixed(3)}, ${pg.version})`);
  if (pg.pairs !== duck.pairs || Math.abs(pg.total - duck.total) > 1e-4 * duck.total)
    throw new Error(`the engines disagree: DuckDB ${duck.pairs} pairs Σ ${duck.total}, PostGIS ${pg.pairs} pairs Σ ${pg.total}`);
  return { pairs: duck.pairs, duckdbMs: duck.ms, postgisMs: pg.ms, ratio: pg.ms / duck.ms, checksum: { duckdb: duck.total, postgis: pg.total }, postgisVersion: pg.version };
}
