import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MetricValues } from '../../domain/records/metrics.ts';
import type { DataSource } from '../../domain/records/municipalities.ts';
import { sourceFiles } from '../../data/sources.ts';
import { json, useTestApp } from '../helpers/app.ts';
import { besideSource } from '../helpers/sources.ts';

const app = useTestApp();

describe('hazard figures in /api/metrics', () => {
  it('serves quakeProb30, tsunamiShare and floodShare for every municipality, labelled as derived, with their sources', async () => {
    for (const metric of ['quakeProb30', 'tsunamiShare', 'floodShare']) {
      const { status, body } = await json<MetricValues>(app.request(`/api/metrics/${metric}`));
      expect(status, metric).toBe(200);
      expect(body.unit).toBe('%');
      expect(Object.keys(body.values)).toHaveLength(1741);
      expect(body.min).toBeGreaterThanOrEqual(0);
      expect(body.max).toBeLessThanOrEqual(100);
      expect(body.derived?.ja).toMatch(/^派生値/);
      expect(body.sources).toContain(metric === 'quakeProb30' ? 'jshis_2024' : 'hazard_map_portal');
    }
    const quake = (await json<MetricValues>(app.request('/api/metrics/quakeProb30'))).body.values;
    expect(quake['39201']).toBe(78.4); // 高知市, as published
    expect(quake['22100']).toBeGreaterThan(72.9); // 静岡市: its wards read 72.9–81.2, weighted by residents
    expect(quake['22100']).toBeLessThan(81.2);
    expect(quake['07546']).toBeNull(); // 双葉町: J-SHIS gives no value
  });
});

describe('hazard sources in /api/sources', () => {
  it('credits each underlying source with the attribution line exactly as SOURCES.md gives it', async () => {
    const lines = [...readFileSync(besideSource(sourceFiles.hazards, /raw\/muni\.json$/, 'SOURCES.md'), 'utf8').matchAll(/^- (「.+」を加工して作成.*)$/gm)].map((m) => m[1]);
    expect(lines).toHaveLength(3);
    const { body } = await json<{ items: DataSource[] }>(app.request('/api/sources'));
    const attributions = body.items.map((s) => s.attribution);
    for (const line of lines) expect(attributions).toContain(line);
  });
});
