import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { haversineKm, haversineSql, pointBounds } from './geo.ts';

describe('haversineKm', () => {
  it('gives Tokyo–Osaka about 400 km and is symmetric', () => {
    const d = haversineKm(139.75, 35.69, 135.5, 34.69);
    expect(d).toBeGreaterThan(395);
    expect(d).toBeLessThan(410);
    expect(haversineKm(135.5, 34.69, 139.75, 35.69)).toBeCloseTo(d, 9);
  });

  it('is zero for one point and half the circumference for antipodes', () => {
    expect(haversineKm(140, 35, 140, 35)).toBe(0);
    expect(haversineKm(0, 0, 180, 0)).toBeCloseTo(Math.PI * 6371.0088, 3);
  });

  it('agrees with its SQL form', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const sql = haversineSql('139.75', '35.69', '135.5', '34.69');
    const got = Number((await conn.runAndReadAll(`SELECT ${sql}`)).getRows()[0]![0]);
    conn.closeSync();
    db.closeSync();
    expect(got).toBeCloseTo(haversineKm(139.75, 35.69, 135.5, 34.69), 6);
  });
});

describe('pointBounds', () => {
  it('spans 倶知安町 in Hokkaido to 指宿市 in Kagoshima whatever the order', () => {
    const kutchan = { lon: 140.76, lat: 42.9 };
    const komae = { lon: 139.58, lat: 35.63 };
    const ibusuki = { lon: 130.63, lat: 31.25 };
    expect(pointBounds([komae, kutchan, ibusuki])).toEqual([
      [130.63, 31.25],
      [140.76, 42.9],
    ]);
  });
});
