import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { builtBoundaries } from '../tests/helpers/database.ts';
import { landmasses, loadFixedLinks, nearestShore } from './landmasses.ts';
import { repoRoot } from './sources.ts';

const topology = JSON.parse(readFileSync(builtBoundaries, 'utf8')) as Topology;
const codes = new Set((topology.objects.municipalities as unknown as { geometries: { properties: { code: string } }[] }).geometries.map((g) => g.properties.code));
const links = loadFixedLinks(join(repoRoot, 'seeds', 'fixed_links.csv'), codes);
const rows = landmasses(topology, links);
const row = (code: string) => rows.find((r) => r.code === code)!;

describe('nearestShore', () => {
  it('finds the mainland vertex nearest to any vertex of the island', () => {
    const shore = { lon: Float64Array.from([133.0, 133.1, 140]), lat: Float64Array.from([35.5, 35.6, 40]), code: ['a', 'b', 'c'] };
    const hit = nearestShore(
      [
        [133.3, 36.2],
        [133.1, 36.0],
      ],
      shore,
    )!;
    expect(hit.code).toBe('b');
    expect(hit.km).toBeCloseTo(44.5, 0);
  });
});

describe('landmasses', () => {
  it('finds the islands reached only by sea, with the port where the ferry lands', () => {
    expect(row('32528')).toMatchObject({ island: true, portCode: '32201' }); // 隠岐の島町 → 松江市 (七類)
    expect(row('15224')).toMatchObject({ island: true, portCode: '15100' }); // 佐渡市 → 新潟市
    expect(row('47201')).toMatchObject({ island: true, portCode: '46491' }); // 那覇市 → 南大隅町 (佐多岬)
    expect(row('01517')).toMatchObject({ island: true, portCode: '01214' }); // 礼文町 → 稚内市
    // Both 奄美大島 municipalities are one island: no ferry between them.
    expect(row('46222').landmass).toBe(row('46527').landmass);
    expect(rows.filter((r) => r.island)).toHaveLength(88);
  });

  it('counts islands joined by a road bridge as mainland, and a municipality with its own islands by its land', () => {
    for (const code of ['28205', '43215', '35305', '46404', '42207', '35341']) expect(row(code).island, code).toBe(false); // 洲本, 天草, 周防大島, 長島, 平戸, 上関
    expect(row('28205').landmass).toBe(row('13101').landmass); // 淡路島 and Honshu: 明石海峡大橋
    expect(row('37201').landmass).toBe(row('13101').landmass); // Shikoku and Honshu: 瀬戸大橋
    expect(row('40130').landmass).toBe(row('13101').landmass); // Kyushu and Honshu: 関門橋
    expect(row('01100').landmass).not.toBe(row('13101').landmass); // Hokkaido: vehicles cross by ferry
  });

  it('treats 淡路島 as an island when its bridges are not listed', () => {
    const noAwaji = landmasses(
      topology,
      links.filter((l) => !['akashi-kaikyo', 'onaruto'].includes(l.id)),
    );
    expect(noAwaji.find((r) => r.code === '28205')).toMatchObject({ island: true });
  });
});
