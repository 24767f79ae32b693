import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { type DirectoryEntry, type PmtilesHeader, compression, deserializeDirectory, deserializeHeader, tileIdToZxy } from '../domain/pmtiles.ts';

/** The vector tile archive built by the pipeline, held in memory: every tile by "z/x/y", gzip as stored. */
export interface TileArchive {
  /** A content hash, part of every tile URL: a rebuilt archive gets new URLs, so tiles may be cached for good. */
  version: string;
  header: PmtilesHeader;
  /** The archive's JSON metadata (name, attribution, vector_layers). */
  metadata: { name?: string; attribution?: string; vector_layers?: unknown[] };
  tiles: Map<string, Uint8Array>;
}

/**
 * Reads a PMTiles archive (gzip directories and tiles, as the pipeline writes them) into memory; throws with
 * what is wrong when the bytes are not such an archive.
 * @example readTileArchive(readFileSync('data/build/boundaries.pmtiles')).tiles.get('4/14/6')
 */
export function readTileArchive(bytes: Uint8Array): TileArchive {
  const header = deserializeHeader(bytes);
  if (header.internalCompression !== compression.gzip || header.tileCompression !== compression.gzip) {
    throw new Error(`PMTiles compression ${header.internalCompression}/${header.tileCompression}, expected gzip (2/2) as the pipeline writes it`);
  }
  const slice = (offset: number, length: number) => {
    if (offset + length > bytes.length) throw new Error(`PMTiles archive is truncated (needs ${offset + length} bytes, has ${bytes.length})`);
    return bytes.subarray(offset, offset + length);
  };
  const directory = (offset: number, length: number) => deserializeDirectory(gunzipSync(slice(offset, length)));
  const tiles = new Map<string, Uint8Array>();
  const visit = (entries: DirectoryEntry[], depth: number) => {
    for (const e of entries) {
      if (e.runLength === 0) {
        if (depth >= 3) throw new Error('PMTiles leaf directories nest deeper than the spec allows');
        visit(directory(header.leafDirectoryOffset + e.offset, e.length), depth + 1);
        continue;
      }
      const data = slice(header.tileDataOffset + e.offset, e.length);
      for (let i = 0; i < e.runLength; i++) tiles.set(tileIdToZxy(e.tileId + i).join('/'), data);
    }
  };
  visit(directory(header.rootDirectoryOffset, header.rootDirectoryLength), 0);
  const metadata = header.metadataLength ? JSON.parse(gunzipSync(slice(header.metadataOffset, header.metadataLength)).toString('utf8')) : {};
  return { version: createHash('sha256').update(bytes).digest('base64url').slice(0, 12), header, metadata, tiles };
}
