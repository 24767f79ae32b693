import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../domain/csv.ts';
import { DataFileError } from './csv.ts';
import { aggregateHazards, parseHazardFile } from './hazard-figures.ts';
import { sourceFiles } from './sources.ts';
import { besideSource, localSource } from '../tests/helpers/sources.ts';

/** A muni.json with the given units (figures in file order: quake, flood, flood3, surge, tsunami, sabo). */
function file(units: [string, number, ...(number | null)[]][]) {
  const col = (i: number) => units.map((u) => u[i] ?? null);
  return {
    codes: units.map((u) => u[0]),
    m: { pop: col(1), quake: col(2), hz_flood: col(3), hz_flood3: col(4), hz_surge: col(5), hz_tsunami: col(6), hz_sabo: col(7), other: [] },
  };
}
const city = { code: '22100', name: '静岡市', kind: 'designated_city', population: 693_389 };
const town = { code: '22301', name: '東伊豆町', kind: 'town', population: 11_759 };

describe('parseHazardFile', () => {
  it('reads the published keys and refuses what the source does not say', () => {
    const units = parseHazardFile(file([['22301', 11_700, 65.1, 1.2, 0, 0.4, 2.5, 30.2]]), 'muni.json');
    expect(units[0]).toEqual({ code: '22301', population: 11_700, quakeProb30: 65.1, floodShare: 1.2, flood3Share: 0, surgeShare: 0.4, tsunamiShare: 2.5, sedimentShare: 30.2 });
    const bad: [unknown, RegExp][] = [
      [{ codes: ['22301'] }, /no `codes` array or `m` object/],
      [{ ...file([['22301', 1, 1, 1, 1, 1, 1, 1]]), m: { ...file([['22301', 1, 1, 1, 1, 1, 1, 1]]).m, quake: [] } }, /m.quake is not an array of 1 values/],
      [file([['2230', 1, 1, 1, 1, 1, 1, 1]]), /not a 5-digit string/],
      [file([['22301', 1, 101, 1, 1, 1, 1, 1]]), /m.quake = 101 is not a percentage 0–100/],
      [file([['22301', 1, 1, 5, 6, 1, 1, 1]]), /flood ≥ 3 m \(6 %\) exceeds flood ≥ 0.5 m \(5 %\)/],
      [file([['22301', -1, 1, 1, 1, 1, 1, 1]]), /pop -1 is not a whole number/],
      [
        file([
          ['22301', 1, 1, 1, 1, 1, 1, 1],
          ['22301', 1, 1, 1, 1, 1, 1, 1],
        ]),
        /appears twice/,
      ],
    ];
    for (const [json, message] of bad) expect(() => parseHazardFile(json, 'muni.json')).toThrow(message);
  });
});

describe('aggregateHazards', () => {
  const wards = parseHazardFile(
    file([
      ['22101', 250_000, 81.2, 27.2, 1.5, 0, 0, 12],
      ['22102', 210_000, 74.9, 34.2, 2.3, 0.5, 4.8, 4.1],
      ['22103', 233_389, 72.9, 13.1, 1.1, 6.1, 11.7, 5.8],
      ['22301', 11_759, 65.1, 1.2, 0, 0.4, 2.5, 30.2],
      ['01695', 0, 82.1, null, null, null, null, null],
    ]),
    'muni.json',
  );

  it("combines a designated city's wards weighted by their residents; other units pass through", () => {
    const rows = aggregateHazards(wards, [city, town], 'muni.json');
    const shizuoka = rows.find((r) => r.code === '22100')!;
    expect(shizuoka.units).toBe(3);
    expect(shizuoka.gridPopulation).toBe(693_389);
    expect(shizuoka.quakeProb30).toBeCloseTo((250_000 * 81.2 + 210_000 * 74.9 + 233_389 * 72.9) / 693_389, 1);
    expect(rows.find((r) => r.code === '22301')).toMatchObject({ units: 1, quakeProb30: 65.1, sedimentShare: 30.2 });
  });

  it('names the file and the unit when something does not join', () => {
    expect(() => aggregateHazards(wards.slice(3), [city, town], 'muni.json')).toThrow(/municipality 22100 静岡市 has no hazard figures/);
    const stray = parseHazardFile(file([['99999', 1, 1, 1, 1, 1, 1, 1]]), 'muni.json');
    expect(() => aggregateHazards([...wards, ...stray], [city, town], 'muni.json')).toThrow(DataFileError);
    expect(() => aggregateHazards(wards, [{ ...city, population: 900_000 }, town], 'muni.json')).toThrow(/wards of 22100 静岡市 hold 693,389 residents, the census 900,000/);
  });
});

describe('the published file', () => {
  it('agrees with the readable table of SOURCES.md unit by unit (高知市 78.4, 静岡市 wards 73–81)', () => {
    const path = localSource(sourceFiles.hazards);
    const units = parseHazardFile(JSON.parse(readFileSync(path, 'utf8')), path);
    expect(units).toHaveLength(1898);
    const table = parseCsv(readFileSync(besideSource(sourceFiles.hazards, /raw\/muni\.json$/, 'hazards_2024.csv'), 'utf8'), 'hazards_2024.csv').records;
    const header = table[0];
    const col = (name: string) => header.indexOf(name);
    const byCode = new Map(units.map((u) => [u.code, u]));
    for (const r of table.slice(1)) {
      const u = byCode.get(r[col('code')])!;
      const num = (v: string) => (v === '' ? null : Number(v));
      expect([u.population, u.quakeProb30, u.floodShare, u.tsunamiShare]).toEqual([
        Number(r[col('pop_grid_2020_persons')]),
        num(r[col('quake_p30_jma6lower_pct')]),
        num(r[col('flood_ge0p5m_pop_share_pct')]),
        num(r[col('tsunami_any_depth_pop_share_pct')]),
      ]);
    }
    // 高知市 78.4 and 静岡市's wards 73–81 (SOURCES.md).
    expect(byCode.get('39201')!.quakeProb30).toBe(78.4);
    expect(units.filter((u) => u.code.startsWith('221') && u.code < '22110').map((u) => u.quakeProb30)).toEqual([81.2, 74.9, 72.9]);
  });
});
