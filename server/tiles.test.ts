import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PMTiles, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { readTileArchive } from './tiles.ts';

const built = readFileSync(resolve(import.meta.dirname, '..', 'data', 'build', 'boundaries.pmtiles'));

describe('readTileArchive', () => {
  it('reads every tile of the built archive as the reference reader (pmtiles) does', async () => {
    const archive = readTileArchive(built);
    const source: Source = { getKey: () => 'built', getBytes: async (o, l) => ({ data: Uint8Array.prototype.slice.call(built, o, o + l).buffer as ArrayBuffer }) };
    const ref = new PMTiles(source);
    expect(archive.tiles.size).toBe((await ref.getHeader()).numAddressedTiles);
    let checked = 0;
    for (const [key, data] of archive.tiles) {
      // Every 25th tile is enough to catch a wrong offset anywhere in the archive.
      if (checked++ % 25) continue;
      const [z, x, y] = key.split('/').map(Number);
      expect(Buffer.from((await ref.getZxy(z, x, y))!.data as ArrayBuffer).equals(gunzipSync(data)), key).toBe(true);
    }
    expect(archive.version).toMatch(/^[\w-]{12}$/);
    expect(archive.metadata.attribution).toContain('国土数値情報');
  });

  it('says what is wrong with a truncated or foreign file', () => {
    expect(() => readTileArchive(built.subarray(0, 20_000))).toThrow(/truncated/);
    expect(() => readTileArchive(Buffer.from('{"type":"Topology","arcs":[]}'.padEnd(200)))).toThrow(/not a PMTiles archive/);
  });
});
