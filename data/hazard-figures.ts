/**
 * Pipeline step: natural-hazard figures by municipality (J-SHIS 2024 probability of 震度6弱 or more within 30 years;
 * shares of residents in the river-flood, storm-surge, tsunami and landslide areas of the Hazard Map Portal) →
 * table `hazard_figures`, one row per municipality.
 *
 * The input is the publisher's file (external/natural_hazards_by_municipality/raw/muni.json): `codes` (1,898 units:
 * municipalities, the wards of the 20 designated cities, the six 北方領土 villages) and parallel arrays under `m`.
 * Only the keys below are read; the file holds others, some under non-commercial terms. The wards of a designated
 * city are combined into the city, weighted by the residents of each ward (`pop`, the 2020 census on the 1 km grid).
 * These are derived figures, not official statistics (labelled as such in the product).
 */
import { readFileSync } from 'node:fs';
import { DataFileError } from './csv.ts';
import { writeTable } from './database.ts';
import { type HazardFigureRow, builtTables } from '../domain/tables.ts';
import { northernTerritoryCodes } from './boundaries.ts';
import { locateSource, sourceFiles } from './sources.ts';
import type { BuildStep } from './steps.ts';

/** The keys of muni.json used, and what each becomes. */
const keys = {
  population: 'pop',
  quakeProb30: 'quake',
  floodShare: 'hz_flood',
  flood3Share: 'hz_flood3',
  surgeShare: 'hz_surge',
  tsunamiShare: 'hz_tsunami',
  sedimentShare: 'hz_sabo',
} as const;
type Figure = Exclude<keyof typeof keys, 'population'>;
const figures = Object.keys(keys).filter((k) => k !== 'population') as Figure[];

/** One unit of the file as published: a municipality or a ward. Percentages 0–100, null where the file has none. */
export type HazardUnit = { code: string; population: number } & Record<Figure, number | null>;

/** One municipality's figures (%, 0.1 precision), wards combined (declared in domain/tables.ts). */
export type { HazardFigureRow } from '../domain/tables.ts';

const fix = 'use raw/muni.json as published (see SOURCES.md: 1,898 units, sha256 55624f1c…)';

/**
 * Reads muni.json: checks that every array is as long as `codes`, codes are unique 5-digit strings, populations
 * are whole numbers ≥ 0 and every figure lies in 0–100 with flood ≥ 3 m never above flood ≥ 0.5 m.
 * @example parseHazardFile({ codes: ['01101'], m: { pop: [249293], quake: [2.2], … } }, 'muni.json')[0].quakeProb30 // 2.2
 */
export function parseHazardFile(json: unknown, file: string): HazardUnit[] {
  const data = json as { codes?: unknown; m?: Record<string, unknown> };
  if (!Array.isArray(data?.codes) || typeof data.m !== 'object' || data.m === null) throw new DataFileError(file, null, 'has no `codes` array or `m` object', fix);
  const codes = data.codes as unknown[];
  const arrays = {} as Record<keyof typeof keys, unknown[]>;
  for (const [name, key] of Object.entries(keys) as [keyof typeof keys, string][]) {
    const arr = data.m[key];
    if (!Array.isArray(arr) || arr.length !== codes.length) throw new DataFileError(file, null, `m.${key} is not an array of ${codes.length} values (one per code)`, fix);
    arrays[name] = arr;
  }
  const seen = new Set<string>();
  return codes.map((code, i) => {
    const at = `unit #${i + 1} (${String(code)})`;
    if (typeof code !== 'string' || !/^\d{5}$/.test(code)) throw new DataFileError(file, null, `${at}: code is not a 5-digit string`, fix);
    if (seen.has(code)) throw new DataFileError(file, null, `${at}: code appears twice`, fix);
    seen.add(code);
    const population = arrays.population[i];
    if (typeof population !== 'number' || !Number.isInteger(population) || population < 0)
      throw new DataFileError(file, null, `${at}: pop ${String(population)} is not a whole number ≥ 0`, fix);
    const unit = { code, population } as HazardUnit;
    for (const f of figures) {
      const v = arrays[f][i];
      if (v === null) unit[f] = null;
      else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100)
        throw new DataFileError(file, null, `${at}: m.${keys[f]} = ${String(v)} is not a percentage 0–100`, fix);
      else unit[f] = v;
    }
    if (unit.flood3Share !== null && unit.floodShare !== null && unit.flood3Share > unit.floodShare)
      throw new DataFileError(file, null, `${at}: flood ≥ 3 m (${unit.flood3Share} %) exceeds flood ≥ 0.5 m (${unit.floodShare} %)`, fix);
    return unit;
  });
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Joins the units to the municipalities: a municipality's own unit, or its wards (the units numbered just above a
 * designated city's code) combined by population. Checks that every municipality gets figures, every unit belongs to
 * one (the six 北方領土 villages aside), wards add up to their city's census population within 10 % and the
 * national population within 0.1 %.
 * @example aggregateHazards(units, municipalities, 'muni.json').find((r) => r.code === '14100')!.units // 18 wards of 横浜市
 */
export function aggregateHazards(
  units: readonly HazardUnit[],
  municipalities: readonly { code: string; name: string; kind: string; population: number }[],
  file: string,
): HazardFigureRow[] {
  const known = new Map(municipalities.map((m) => [m.code, m]));
  const cities = municipalities
    .filter((m) => m.kind === 'designated_city')
    .map((m) => m.code)
    .sort();
  const groups = new Map<string, HazardUnit[]>();
  for (const u of units) {
    if (northernTerritoryCodes.includes(u.code)) continue;
    // A ward: 政令指定都市 wards are numbered 1–29 above their city's code, within the prefecture.
    const city = known.has(u.code) ? u.code : cities.filter((c) => c.slice(0, 2) === u.code.slice(0, 2) && c < u.code && Number(u.code) - Number(c) < 30).pop();
    if (!city) throw new DataFileError(file, null, `unit ${u.code} is neither a municipality nor a ward of a designated city`, 'use the N03 2021 codes of SOURCES.md');
    if (city !== u.code && known.has(u.code)) throw new DataFileError(file, null, `unit ${u.code} is both a municipality and a ward`, fix);
    groups.set(city, [...(groups.get(city) ?? []), u]);
  }
  const rows: HazardFigureRow[] = [];
  for (const m of municipalities) {
    const list = groups.get(m.code);
    if (!list) throw new DataFileError(file, null, `municipality ${m.code} ${m.name} has no hazard figures`, fix);
    const own = list.length === 1 && list[0].code === m.code;
    if (m.kind === 'designated_city' && own) throw new DataFileError(file, null, `designated city ${m.code} ${m.name} has no wards in the file`, fix);
    const gridPopulation = list.reduce((s, u) => s + u.population, 0);
    if (!own && Math.abs(gridPopulation / m.population - 1) > 0.1)
      throw new DataFileError(file, null, `the wards of ${m.code} ${m.name} hold ${gridPopulation.toLocaleString()} residents, the census ${m.population.toLocaleString()}`, fix);
    const row = { code: m.code, gridPopulation, units: list.length } as HazardFigureRow;
    for (const f of figures) {
      const valued = list.filter((u) => u[f] !== null);
      const weight = valued.reduce((s, u) => s + u.population, 0);
      row[f] = !valued.length ? null : own || weight === 0 ? valued[0][f] : round1(valued.reduce((s, u) => s + u.population * u[f]!, 0) / weight);
    }
    rows.push(row);
  }
  const grid = rows.reduce((s, r) => s + r.gridPopulation, 0);
  const census = municipalities.reduce((s, m) => s + m.population, 0);
  if (Math.abs(grid / census - 1) > 0.001) throw new DataFileError(file, null, `units hold ${grid.toLocaleString()} residents, the census ${census.toLocaleString()}`, fix);
  return rows;
}

export const hazardFiguresStep: BuildStep = {
  name: 'hazard figures (J-SHIS 2024, hazard-map exposure)',
  async run(ctx) {
    const file = await locateSource(sourceFiles.hazards);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new DataFileError(file, null, `is not JSON (${(err as Error).message})`, fix);
    }
    const units = parseHazardFile(json, file);
    const rows = aggregateHazards(units, ctx.municipalities, file);
    await writeTable(ctx.conn, builtTables.hazardFigures, rows);
    const wards = rows.filter((r) => r.units > 1);
    const noQuake = rows.filter((r) => r.quakeProb30 === null).map((r) => ctx.municipalities.find((m) => m.code === r.code)!.name);
    return `hazard_figures (${rows.length.toLocaleString()} municipalities from ${units.length.toLocaleString()} units; ${wards.length} designated cities from ${wards.reduce((s, r) => s + r.units, 0)} wards; no J-SHIS value: ${noQuake.join(', ') || 'none'})`;
  },
};
