/**
 * The PMTiles v3 archive format (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md), as far as
 * the atlas needs it: the pipeline writes one archive of vector tiles, the server reads it back into memory.
 * Pure byte functions; compression is the caller's (directories and tiles are gzip in our archives).
 */
import { tileIdToZxy, zxyToTileId } from 'pmtiles';

export { tileIdToZxy, zxyToTileId };

/** One directory entry: a run of `runLength` tiles sharing bytes, or (runLength 0) a leaf directory. */
export interface DirectoryEntry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/** The fixed 127-byte header. Offsets and lengths in bytes; bounds in degrees. */
export interface PmtilesHeader {
  rootDirectoryOffset: number;
  rootDirectoryLength: number;
  metadataOffset: number;
  metadataLength: number;
  leafDirectoryOffset: number;
  leafDirectoryLength: number;
  tileDataOffset: number;
  tileDataLength: number;
  addressedTiles: number;
  tileEntries: number;
  tileContents: number;
  clustered: boolean;
  /** 1 none, 2 gzip, 3 brotli, 4 zstd. */
  internalCompression: number;
  tileCompression: number;
  /** 1 MVT. */
  tileType: number;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  centerZoom: number;
  center: [number, number];
}

export const headerBytes = 127;
export const compression = { none: 1, gzip: 2 } as const;
export const tileTypeMvt = 1;

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

function readVarint(bytes: Uint8Array, at: { pos: number }): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (at.pos >= bytes.length) throw new Error('PMTiles directory ends inside a number');
    const b = bytes[at.pos++];
    value += (b & 0x7f) * scale;
    if (b < 0x80) return value;
    scale *= 0x80;
  }
}

/**
 * A directory as the spec lays it out (uncompressed): count, tile-id deltas, run lengths, lengths, offsets
 * (0 = right after the previous entry, else offset + 1). Entries must be sorted by tile id.
 * @example deserializeDirectory(serializeDirectory(entries)) // equals entries
 */
export function serializeDirectory(entries: readonly DirectoryEntry[]): Uint8Array {
  const out: number[] = [];
  writeVarint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    writeVarint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) writeVarint(out, e.runLength);
  for (const e of entries) writeVarint(out, e.length);
  entries.forEach((e, i) => {
    const previous = entries[i - 1];
    writeVarint(out, i > 0 && previous && e.offset === previous.offset + previous.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(out);
}

/** The entries of an uncompressed directory. */
export function deserializeDirectory(bytes: Uint8Array): DirectoryEntry[] {
  const at = { pos: 0 };
  const n = readVarint(bytes, at);
  const entries: DirectoryEntry[] = [];
  let last = 0;
  for (let i = 0; i < n; i++) {
    last += readVarint(bytes, at);
    entries.push({ tileId: last, offset: 0, length: 0, runLength: 0 });
  }
  for (const e of entries) e.runLength = readVarint(bytes, at);
  for (const e of entries) e.length = readVarint(bytes, at);
  entries.forEach((e, i) => {
    const v = readVarint(bytes, at);
    const previous = entries[i - 1];
    e.offset = v === 0 && i > 0 && previous ? previous.offset + previous.length : v - 1;
  });
  return entries;
}

const e7 = (deg: number) => Math.round(deg * 1e7);

/** The 127-byte header. */
export function serializeHeader(h: PmtilesHeader): Uint8Array {
  const bytes = new Uint8Array(headerBytes);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('PMTiles'), 0);
  view.setUint8(7, 3);
  const u64 = [
    h.rootDirectoryOffset,
    h.rootDirectoryLength,
    h.metadataOffset,
    h.metadataLength,
    h.leafDirectoryOffset,
    h.leafDirectoryLength,
    h.tileDataOffset,
    h.tileDataLength,
    h.addressedTiles,
    h.tileEntries,
    h.tileContents,
  ];
  u64.forEach((v, i) => view.setBigUint64(8 + 8 * i, BigInt(v), true));
  view.setUint8(96, h.clustered ? 1 : 0);
  view.setUint8(97, h.internalCompression);
  view.setUint8(98, h.tileCompression);
  view.setUint8(99, h.tileType);
  view.setUint8(100, h.minZoom);
  view.setUint8(101, h.maxZoom);
  h.bounds.forEach((v, i) => view.setInt32(102 + 4 * i, e7(v), true));
  view.setUint8(118, h.centerZoom);
  view.setInt32(119, e7(h.center[0]), true);
  view.setInt32(123, e7(h.center[1]), true);
  return bytes;
}

/** Reads the header; throws when the bytes are not a PMTiles v3 archive. */
export function deserializeHeader(bytes: Uint8Array): PmtilesHeader {
  if (bytes.length < headerBytes || new TextDecoder().decode(bytes.subarray(0, 7)) !== 'PMTiles') throw new Error('not a PMTiles archive (no "PMTiles" magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  if (view.getUint8(7) !== 3) throw new Error(`PMTiles version ${view.getUint8(7)}, expected 3`);
  const u64 = (i: number) => Number(view.getBigUint64(8 + 8 * i, true));
  const deg = (at: number) => view.getInt32(at, true) / 1e7;
  return {
    rootDirectoryOffset: u64(0),
    rootDirectoryLength: u64(1),
    metadataOffset: u64(2),
    metadataLength: u64(3),
    leafDirectoryOffset: u64(4),
    leafDirectoryLength: u64(5),
    tileDataOffset: u64(6),
    tileDataLength: u64(7),
    addressedTiles: u64(8),
    tileEntries: u64(9),
    tileContents: u64(10),
    clustered: view.getUint8(96) === 1,
    internalCompression: view.getUint8(97),
    tileCompression: view.getUint8(98),
    tileType: view.getUint8(99),
    minZoom: view.getUint8(100),
    maxZoom: view.getUint8(101),
    bounds: [deg(102), deg(106), deg(110), deg(114)],
    centerZoom: view.getUint8(118),
    center: [deg(119), deg(123)],
  };
}
