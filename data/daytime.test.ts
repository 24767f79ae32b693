import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateDaytime, parseTokyoDaytime, ratioErrorPoints } from './daytime.ts';
import { sourceFiles } from './sources.ts';
import { localSource } from '../tests/helpers/sources.ts';

describe('estimateDaytime / ratioErrorPoints', () => {
  it('adds jobs located there and removes residents who work', () => {
    expect(estimateDaytime({ population: 100, employed: 50, jobs: 60 })).toBe(110);
    expect(estimateDaytime({ population: 100, employed: 50, jobs: 60 }, 0.5)).toBe(80);
  });
  it('never estimates a negative population', () => {
    expect(estimateDaytime({ population: 10, employed: 100, jobs: 0 })).toBe(0);
  });
  it('measures the error in percentage points of the ratio', () => {
    expect(
      ratioErrorPoints([
        { population: 100, employed: 50, jobs: 60, daytime: 120 },
        { population: 200, employed: 100, jobs: 100, daytime: 200 },
      ]),
    ).toBe(5);
  });
});

describe('the Tokyo daytime table', () => {
  it('has 62 municipalities; 千代田区 1,355.4 %', () => {
    const rows = parseTokyoDaytime(readFileSync(localSource(sourceFiles.tokyoDaytime), 'utf8'), 'tokyo.csv');
    expect(rows.size).toBe(62);
    expect(rows.get('13101')).toMatchObject({ daytime: 903_780, resident: 66_680, ratioPct: 1355.4 });
    expect([...rows.values()].reduce((s, r) => s + r.resident, 0)).toBe(14_047_594);
  });
  it('rejects a table without the 62 municipalities', () => {
    expect(() => parseTokyoDaytime('_id,階層,地域コード\n1,0,13000\n', 'bad.csv')).toThrow(/expected 62/);
  });
});
