import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { type EligibilityCity, dissolve, neighbourMap } from '../domain/scoring/eligibility.ts';
import { checkRegionSeeds, prefectureRegions, regionRow } from './regions.ts';
import { DEFAULT_SEEDS_DIR, loadMaster, loadRegionMembers, loadRegions } from './seeds/index.ts';
import { builtBoundaries } from '../tests/helpers/database.ts';

const master = loadMaster();
const topology = JSON.parse(readFileSync(builtBoundaries, 'utf8')) as Topology;

/** Length of all rings' edges of a geometry in (quantised) coordinate pairs: a crude measure of drawn border. */
const ringPoints = (g: { coordinates: number[][][][] }) => g.coordinates.flat().reduce((s, ring) => s + ring.length, 0);

describe('region seeds through the loader', () => {
  const regions = loadRegions(master.codes);
  const members = loadRegionMembers(master.codes);

  it('resolve every member name to the master code and name, and pass the cross-file checks', () => {
    for (const m of members) expect(master.byCode.get(m.code)?.name, `${m.regionId} ${m.code}`).toBe(m.name);
    expect(() =>
      checkRegionSeeds(
        regions,
        members,
        members.map((_, i) => i + 2),
      ),
    ).not.toThrow();
  });

  it('備後圏域 has its centre 福山市, 6 Hiroshima and 2 Okayama members as in seed 002, plus 竹原市 (joined 2024)', () => {
    const seed = members.filter((m) => m.regionId === 'seed-002-bingo');
    expect(seed.filter((m) => m.prefecture === '広島県')).toHaveLength(6);
    expect(seed.filter((m) => m.prefecture === '岡山県')).toHaveLength(2);
    const ccr = members.filter((m) => m.regionId === 'ccr-34207');
    expect(ccr.find((m) => m.role === 'center')?.name).toBe('福山市');
    expect(new Set(ccr.map((m) => m.code))).toEqual(new Set([...seed.map((m) => m.code), '34203']));
  });

  it('stop the build with file and row when a member code does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
    cpSync(DEFAULT_SEEDS_DIR, dir, { recursive: true });
    const file = join(dir, 'region_members.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[3] = lines[3]!.replace(/^([^,]+),(\d{5}),/, '$1,01999,');
    writeFileSync(file, lines.join('\n'));
    expect(() => loadRegionMembers(master.codes, { dir })).toThrow(/region_members\.csv row 4, column code: 01999 is not in the municipality master/);
  });

  it('refuse a member whose region is not listed, naming the row', () => {
    const bad = [{ ...members[0]!, regionId: 'ccr-99999' }];
    expect(() => checkRegionSeeds(regions, bad, [7])).toThrow(/region_members\.csv.*7.*ccr-99999/);
  });
});

describe('dissolve and totals', () => {
  const munis = new Map(master.inPrefecture('広島県').map((m) => [m.code, m]));
  const cities = new Map<string, EligibilityCity>(
    [...munis.keys()].map((code, i) => [
      code,
      {
        code,
        name: munis.get(code)!.name,
        prefCode: '34',
        prefName: '広島県',
        kind: 'city',
        population: 1000 * (i + 1),
        areaKm2: 10,
        dayNightRatio: 100,
        dayNightEstimated: true,
        lon: 133,
        lat: 34.5,
      },
    ]),
  );
  const neighbours = neighbourMap(topology);

  it('removes the border two neighbours share: the dissolved outline has fewer points than the two apart', () => {
    expect(neighbours.get('34207')).toContain('34205');
    const pair = dissolve(topology, ['34207', '34205']);
    const apart = ringPoints(dissolve(topology, ['34207'])) + ringPoints(dissolve(topology, ['34205']));
    expect(ringPoints(pair)).toBeLessThan(apart);
    // The inner border is no longer a border of the outline: the mesh of shared arcs between them is absent.
    const shared = mesh(
      topology,
      topology.objects.municipalities as GeometryCollection,
      (a, b) =>
        new Set([(a.properties as { code: string }).code, (b.properties as { code: string }).code]).size === 2 &&
        [a, b].every((g) => ['34207', '34205'].includes((g.properties as { code: string }).code)),
    );
    const inner = new Set(shared.coordinates.flat().map((p) => p.join(',')));
    const outlinePoints = pair.coordinates.flat(2).map((p) => p.join(','));
    const interior = [...inner].filter((p) => !outlinePoints.includes(p));
    // Only the points where the shared border meets the outer border (its ends) remain.
    expect(inner.size).toBeGreaterThan(4);
    expect(interior.length).toBeGreaterThanOrEqual(inner.size - 4);
  });

  it('sums population and area over current members and gives the centre share', () => {
    const row = regionRow(
      { id: 'ccr-34207', type: 'central_city_region', name: 't', centerCodes: ['34207'], status: 'active', asOf: '', source: 's', note: '', membersKnown: 'all' },
      [
        { code: '34207', status: 'active' },
        { code: '34205', status: 'active' },
        { code: '34204', status: 'planned' },
      ],
      cities,
      topology,
    );
    const p = (c: string) => cities.get(c)!.population;
    expect(row.memberCount).toBe(2);
    expect(row.population).toBe(p('34207') + p('34205'));
    expect(row.areaKm2).toBe(20);
    expect(row.centerShare).toBeCloseTo((p('34207') / (p('34207') + p('34205'))) * 100, 0);
    expect(JSON.parse(row.outline).type).toBe('MultiPolygon');
  });

  it('makes one prefecture region per prefecture with every municipality', () => {
    const prefs = prefectureRegions([{ code: '34', name: '広島県', nameKana: null, nameRomaji: null, lon: 0, lat: 0 }], [...cities.values()] as never);
    expect(prefs[0]!.region.id).toBe('pref-34');
    expect(prefs[0]!.members).toHaveLength(munis.size);
  });
});
