import { bytesToHeader } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { type PmtilesHeader, deserializeDirectory, deserializeHeader, serializeDirectory, serializeHeader } from './pmtiles.ts';

const header: PmtilesHeader = {
  rootDirectoryOffset: 127,
  rootDirectoryLength: 300,
  metadataOffset: 427,
  metadataLength: 90,
  leafDirectoryOffset: 517,
  leafDirectoryLength: 0,
  tileDataOffset: 517,
  tileDataLength: 5_000_000_000,
  addressedTiles: 1092,
  tileEntries: 1092,
  tileContents: 1092,
  clustered: true,
  internalCompression: 2,
  tileCompression: 2,
  tileType: 1,
  minZoom: 0,
  maxZoom: 10,
  bounds: [122.5, 23.5, 154.25, 46.5],
  centerZoom: 4,
  center: [137.5, 37.6],
};

describe('PMTiles directories', () => {
  it('round-trips entries, with contiguous offsets written as 0 and others as offset + 1', () => {
    const entries = [
      { tileId: 0, offset: 0, length: 100, runLength: 1 },
      { tileId: 5, offset: 100, length: 20, runLength: 3 },
      { tileId: 400_000, offset: 5_000, length: 70_000, runLength: 1 },
      { tileId: 2 ** 40, offset: 2 ** 33, length: 1, runLength: 0 },
    ];
    expect(deserializeDirectory(serializeDirectory(entries))).toEqual(entries);
    // The contiguous second entry's offset is stored as a single 0 byte.
    const bytes = serializeDirectory(entries.slice(0, 2));
    expect(bytes[bytes.length - 1]).toBe(0);
  });

  it('refuses a directory that ends inside a number', () => {
    expect(() => deserializeDirectory(Uint8Array.from([2, 0x80]))).toThrow(/ends inside a number/);
  });
});

describe('PMTiles header', () => {
  it('round-trips and is read alike by the reference reader (pmtiles)', () => {
    const bytes = serializeHeader(header);
    expect(bytes.length).toBe(127);
    expect(deserializeHeader(bytes)).toEqual(header);
    const ref = bytesToHeader(bytes.buffer as ArrayBuffer);
    expect(ref).toMatchObject({ specVersion: 3, rootDirectoryLength: 300, tileDataLength: 5_000_000_000, maxZoom: 10, centerLon: 137.5, centerLat: 37.6, minLat: 23.5 });
  });

  it('refuses bytes that are not a v3 archive', () => {
    expect(() => deserializeHeader(new TextEncoder().encode('{"type":"Topology"}'.padEnd(127)))).toThrow(/not a PMTiles archive/);
    const v2 = serializeHeader(header);
    v2[7] = 2;
    expect(() => deserializeHeader(v2)).toThrow(/version 2/);
  });
});
