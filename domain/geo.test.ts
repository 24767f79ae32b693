import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { haversineKm, haversineSql } from './geo.ts';

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
