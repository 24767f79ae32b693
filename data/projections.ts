/**
 * Pipeline step "projections": IPSS's 2023 regional population projections (日本の地域別将来推計人口, 令和5年推計;
 * 2020 = census, then every five years to 2050, in three age groups) → tables
 *
 * - `projections (unit_code, year, population, under15, working_age, elderly)`: one row per projection unit and year.
 *   A unit is a municipality (designated cities whole, Tokyo's special wards one by one, as in `municipalities`), or
 *   the one group IPSS publishes instead of its members: 07999 浜通り地域, 13 Fukushima municipalities projected only
 *   together. The group stays a group; no per-town figure is ever derived from it.
 * - `projection_units (unit_code, name, kind, code)`: which municipality each unit covers (one row per member; a
 *   municipality unit covers itself), so a municipality or region finds its figures or its group.
 * - `projection_metrics (code, population_2050, pop_change_2050_pct, share_65plus_2050)`: the 2050 outlook of every
 *   municipality for the choropleth; null for the group's members, which have no projection of their own.
 *
 * Checks (each failure names the file, the unit and the fix): every unit resolves to municipalities and every
 * municipality has exactly one unit; totals equal the sum of the three age groups; each prefecture equals the sum
 * of its units; 2020 totals equal the census within `censusTolerance`; every figure is a whole number ≥ 0 and the
 * 2050/2020 ratio of each unit lies in `plausibleRatio`.
 */
import { readFileSync } from 'node:fs';
import { DataFileError } from './csv.ts';
import { writeTable } from './database.ts';
import { type ProjectionMetricRow, type ProjectionRow, type ProjectionUnitRow, builtTables } from '../domain/tables.ts';
import type { MunicipalityRow } from './municipalities.ts';
import type { BuildStep } from './steps.ts';

/** The years IPSS publishes: 2020 is the census base, the rest are projections. */
export const projectionYears = [2020, 2025, 2030, 2035, 2040, 2045, 2050] as const;
export type ProjectionYear = (typeof projectionYears)[number];

/**
 * Largest share by which a unit's 2020 total may differ from our census figure. IPSS distributes age-unknown
 * residents (不詳補完) but keeps the census total, so the expected difference is zero; 0.1 % allows a revised
 * census figure without hiding a wrong join (a wrong unit differs by far more).
 */
export const censusTolerance = 0.001;
/** 2050 ÷ 2020 outside this range means a misread file (IPSS's extremes are about 0.3 and 1.3). */
export const plausibleRatio = [0.1, 2] as const;

/** One unit's figures for one year. */
export interface ProjectionFigures {
  population: number;
  under15: number;
  workingAge: number;
  elderly: number;
}

/** A projection unit as read from the file. */
export interface ProjectionUnit {
  code: string;
  name: string;
  prefName: string;
  /** 'a' prefecture, '0' ward, '1' designated city, '2' city, '3' town or village, '9' group. */
  kind: string;
  /** One entry per `projectionYears` year. */
  values: ProjectionFigures[];
}

/** Rows of the three tables the step writes (declared in domain/tables.ts). */
export type { ProjectionMetricRow, ProjectionRow, ProjectionUnitRow } from '../domain/tables.ts';

const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Reads the published JSON (`years`, `records[]` with `values`: 7 years × [total, 0–14, 15–64, 65+]).
 * @example parseProjections(text, 'x.json').find((u) => u.code === '10444')!.values[6].population // 2164
 */
export function parseProjections(text: string, file: string): ProjectionUnit[] {
  let doc: { years?: unknown; records?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (err) {
    throw new DataFileError(file, null, `not JSON (${(err as Error).message})`, 'use the published municipality-population-projections.json unchanged');
  }
  if (JSON.stringify(doc.years) !== JSON.stringify(projectionYears))
    throw new DataFileError(file, null, `years are ${JSON.stringify(doc.years)}, expected ${projectionYears.join(', ')}`, 'use the 2023 edition (令和5年推計)');
  if (!Array.isArray(doc.records)) throw new DataFileError(file, null, 'no records array', 'use the published file unchanged');
  return doc.records.map((raw, i) => {
    const r = raw as { code?: unknown; kind?: unknown; prefecture?: unknown; municipality?: unknown; values?: unknown };
    const where = `record ${i + 1} (${String(r.code)} ${String(r.municipality || r.prefecture)})`;
    if (typeof r.code !== 'string' || !/^\d{5}$/.test(r.code))
      throw new DataFileError(file, i + 1, `code ${String(r.code)} is not a 5-digit code`, 'use the published file unchanged');
    if (!Array.isArray(r.values) || r.values.length !== projectionYears.length)
      throw new DataFileError(file, i + 1, `${where} has no ${projectionYears.length} years of values`, 'use the published file unchanged');
    const values = r.values.map((v, y) => {
      if (!Array.isArray(v) || v.length !== 4 || v.some((x) => !Number.isInteger(x) || (x as number) < 0))
        throw new DataFileError(file, i + 1, `${where}, ${projectionYears[y]}: ${JSON.stringify(v)} is not four whole numbers ≥ 0`, 'use the published file unchanged');
      const [population, under15, workingAge, elderly] = v as number[];
      if (population !== under15 + workingAge + elderly)
        throw new DataFileError(file, i + 1, `${where}, ${projectionYears[y]}: total ${population} ≠ ${under15} + ${workingAge} + ${elderly}`, 'use the published file unchanged');
      return { population, under15, workingAge, elderly };
    });
    return { code: r.code, name: String(r.municipality || r.prefecture), prefName: String(r.prefecture), kind: String(r.kind), values };
  });
}

/** The units that stand for municipalities of the atlas: designated cities whole, Tokyo's wards, cities, towns, villages, groups. */
const isAtlasUnit = (u: ProjectionUnit) => u.kind === '1' || u.kind === '2' || u.kind === '3' || u.kind === '9' || (u.kind === '0' && u.code.startsWith('131'));

/**
 * Municipalities of a group unit. IPSS's file names the group but not its members; these are the 13 its tables
 * list under 浜通り地域 (SOURCES.md of the dataset), checked against the file: their 2020 census sum must equal
 * the group's 2020 total.
 */
export const projectionGroups: Readonly<Record<string, { name: string; members: readonly string[] }>> = {
  '07999': {
    name: '浜通り地域',
    // いわき市, 相馬市, 南相馬市, 広野町, 楢葉町, 富岡町, 川内村, 大熊町, 双葉町, 浪江町, 葛尾村, 新地町, 飯舘村
    members: ['07204', '07209', '07212', '07541', '07542', '07543', '07544', '07545', '07546', '07547', '07548', '07561', '07564'],
  },
};

/**
 * Checks the units against the municipalities and the census and turns them into the three tables.
 * Throws DataFileError naming the unit and the fix.
 */
export function projectionTables(
  units: readonly ProjectionUnit[],
  municipalities: readonly Pick<MunicipalityRow, 'code' | 'name' | 'population'>[],
  file: string,
): { rows: ProjectionRow[]; unitRows: ProjectionUnitRow[]; metrics: ProjectionMetricRow[]; maxCensusGap: number } {
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  const covered = new Map<string, string>();
  const unitRows: ProjectionUnitRow[] = [];
  let maxCensusGap = 0;
  const checkCensus = (unit: ProjectionUnit, census: number) => {
    const gap = Math.abs(unit.values[0].population - census) / Math.max(census, 1);
    maxCensusGap = Math.max(maxCensusGap, gap);
    if (gap > censusTolerance)
      throw new DataFileError(
        file,
        null,
        `${unit.code} ${unit.name}: 2020 total ${unit.values[0].population} differs from the census (${census}) by ${(gap * 100).toFixed(2)} %`,
        'use the 2023 edition with the 2020 census base, or correct the unit code',
      );
  };
  const atlasUnits = units.filter(isAtlasUnit);
  for (const u of atlasUnits) {
    const ratio = u.values[6].population / Math.max(u.values[0].population, 1);
    if (ratio < plausibleRatio[0] || ratio > plausibleRatio[1])
      throw new DataFileError(file, null, `${u.code} ${u.name}: 2050 ÷ 2020 = ${ratio.toFixed(2)}, outside ${plausibleRatio.join('–')}`, 'check that the file is not misread');
    const group = u.kind === '9' ? projectionGroups[u.code] : undefined;
    if (u.kind === '9' && !group) throw new DataFileError(file, null, `group ${u.code} ${u.name} has no member list`, 'add its members to projectionGroups in data/projections.ts');
    const members = group ? group.members : [u.code];
    for (const code of members) {
      const m = byCode.get(code);
      if (!m) throw new DataFileError(file, null, `${u.code} ${u.name}: ${code} is not a municipality of the atlas`, 'use the boundaries and census of the same vintage (2020)');
      if (covered.has(code)) throw new DataFileError(file, null, `${code} ${m.name} is covered by ${covered.get(code)} and ${u.code}`, 'keep one unit per municipality');
      covered.set(code, u.code);
      unitRows.push({ unitCode: u.code, name: group ? group.name : m.name, kind: group ? 'group' : 'municipality', code });
    }
    checkCensus(
      u,
      members.reduce((s, c) => s + byCode.get(c)!.population, 0),
    );
  }
  const missing = municipalities.filter((m) => !covered.has(m.code));
  if (missing.length)
    throw new DataFileError(
      file,
      null,
      `${missing.length} municipalities have no projection: ${missing
        .slice(0, 5)
        .map((m) => `${m.code} ${m.name}`)
        .join(', ')}`,
      'use the 2023 edition unchanged',
    );

  // Each prefecture equals the sum of its units, year by year and group by group.
  for (const pref of units.filter((u) => u.kind === 'a')) {
    const own = atlasUnits.filter((u) => u.code.slice(0, 2) === pref.code.slice(0, 2));
    projectionYears.forEach((year, y) => {
      const sum = own.reduce((s, u) => s + u.values[y].population, 0);
      if (sum !== pref.values[y].population)
        throw new DataFileError(file, null, `${pref.name} ${year}: ${pref.values[y].population} ≠ sum of its units ${sum}`, 'use the published file unchanged');
    });
  }

  const rows: ProjectionRow[] = atlasUnits.flatMap((u) => u.values.map((v, y) => ({ unitCode: u.code, year: projectionYears[y], ...v })));
  const own = new Map(atlasUnits.filter((u) => u.kind !== '9').map((u) => [u.code, u]));
  const metrics = municipalities.map((m): ProjectionMetricRow => {
    const u = own.get(m.code);
    if (!u) return { code: m.code, population2050: null, popChange2050Pct: null, share65plus2050: null };
    const [first, last] = [u.values[0], u.values[6]];
    return {
      code: m.code,
      population2050: last.population,
      popChange2050Pct: first.population > 0 ? round1((last.population / first.population - 1) * 100) : null,
      share65plus2050: last.population > 0 ? round1((last.elderly / last.population) * 100) : null,
    };
  });
  return { rows, unitRows, metrics, maxCensusGap };
}

/** The step, registered in data/build.ts; reads the file located as `projections` (data/sources.ts). */
export const projectionStep: BuildStep = {
  name: 'population projections (IPSS 2023)',
  async run(ctx) {
    const file = ctx.paths.projections;
    const t = projectionTables(parseProjections(readFileSync(file, 'utf8'), file), ctx.municipalities, file);
    await writeTable(ctx.conn, builtTables.projections, t.rows);
    await writeTable(ctx.conn, builtTables.projectionUnits, t.unitRows);
    await writeTable(ctx.conn, builtTables.projectionMetrics, t.metrics);
    const units = new Set(t.rows.map((r) => r.unitCode)).size;
    const grouped = t.unitRows.filter((r) => r.kind === 'group').length;
    const total = (year: number) => t.rows.filter((r) => r.year === year).reduce((s, r) => s + r.population, 0);
    return `projections (${units} units × ${projectionYears.length} years; ${grouped} municipalities only as the 浜通り group), 2020 ${total(2020).toLocaleString()} → 2050 ${total(2050).toLocaleString()}; largest 2020 gap to the census ${(t.maxCensusGap * 100).toFixed(3)} % (tolerance ${censusTolerance * 100} %)`;
  },
};
