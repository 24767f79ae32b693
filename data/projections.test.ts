import { describe, expect, it } from 'vitest';
import { DataFileError } from './csv.ts';
import { type ProjectionUnit, parseProjections, projectionGroups, projectionTables } from './projections.ts';

const years = [2020, 2025, 2030, 2035, 2040, 2045, 2050];
/** Seven years falling linearly from `from` to `to`, split 10 / 50 / 40 %. */
const series = (from: number, to: number) =>
  years.map((_, i) => {
    const total = Math.round(from + ((to - from) * i) / 6);
    const young = Math.round(total * 0.1);
    const old = Math.round(total * 0.4);
    return [total, young, total - young - old, old];
  });
const record = (code: string, kind: string, name: string, from: number, to: number) => ({ code, kind, prefecture: '群馬県', municipality: name, values: series(from, to) });
const file = (records: unknown[]) => JSON.stringify({ years, records });

const kawaba = { code: '10444', name: '川場村', population: 3480 };
const numata = { code: '10206', name: '沼田市', population: 45000 };
function units(): ProjectionUnit[] {
  const prefValues = series(3480, 2164).map((v, i) => v.map((x, j) => x + series(45000, 30000)[i]![j]!));
  return parseProjections(
    file([
      { code: '10000', kind: 'a', prefecture: '群馬県', municipality: '', values: prefValues },
      record('10206', '2', '沼田市', 45000, 30000),
      record('10444', '3', '川場村', 3480, 2164),
    ]),
    'fixture.json',
  );
}

describe('parseProjections', () => {
  it('reads seven years of total and three age groups per unit', () => {
    const kawabaUnit = units().find((u) => u.code === '10444')!;
    expect(kawabaUnit.values[0]!.population).toBe(3480);
    expect(kawabaUnit.values[6]!.population).toBe(2164);
  });
  it('refuses a total that is not the sum of its age groups, naming the unit and year', () => {
    const bad = record('10444', '3', '川場村', 3480, 2164);
    bad.values[6]![0] = 9999;
    expect(() => parseProjections(file([bad]), 'fixture.json')).toThrow(/10444 川場村.*2050: total 9999/);
  });
  it('refuses another edition', () => {
    expect(() => parseProjections(JSON.stringify({ years: [2015, 2020], records: [] }), 'old.json')).toThrow(DataFileError);
  });
});

describe('projectionTables', () => {
  it('gives every municipality its 2050 outlook', () => {
    const t = projectionTables(units(), [kawaba, numata], 'fixture.json');
    expect(t.metrics.find((m) => m.code === '10444')).toEqual({ code: '10444', population2050: 2164, popChange2050Pct: -37.8, share65plus2050: 40 });
    expect(t.rows.filter((r) => r.unitCode === '10444')).toHaveLength(7);
  });
  it('stops when a 2020 total differs from the census beyond the tolerance', () => {
    expect(() => projectionTables(units(), [{ ...kawaba, population: 3600 }, numata], 'fixture.json')).toThrow(/10444 川場村: 2020 total 3480 differs from the census \(3600\)/);
  });
  it('stops when a municipality has no projection, or a unit no municipality', () => {
    expect(() => projectionTables(units(), [kawaba, numata, { code: '10448', name: '昭和村', population: 7000 }], 'fixture.json')).toThrow(/10448 昭和村/);
    expect(() => projectionTables(units(), [kawaba], 'fixture.json')).toThrow(/10206 is not a municipality/);
  });
  it('stops when a prefecture is not the sum of its units', () => {
    const list = units();
    list[0]!.values[3]!.population += 1;
    expect(() => projectionTables(list, [kawaba, numata], 'fixture.json')).toThrow(/群馬県 2035/);
  });
  it('keeps the 浜通り group whole: its members get no figures of their own', () => {
    const members = projectionGroups['07999']!.members.map((code, i) => ({ code, name: `m${i}`, population: i === 0 ? 452_508 - 12 : 1 }));
    const group = { code: '07999', kind: '9', prefecture: '福島県', municipality: '浜通り地域', values: series(452_508, 307_228) };
    const t = projectionTables(parseProjections(file([group]), 'fixture.json'), members, 'fixture.json');
    expect(t.unitRows).toHaveLength(13);
    expect(t.unitRows.every((u) => u.unitCode === '07999' && u.kind === 'group')).toBe(true);
    expect(t.metrics.every((m) => m.population2050 === null && m.popChange2050Pct === null)).toBe(true);
    expect(new Set(t.rows.map((r) => r.unitCode))).toEqual(new Set(['07999']));
  });
});
