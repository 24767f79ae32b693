/** The part of vt-pbf (no types of its own) the tile step uses: geojson-vt tiles → one MVT protobuf. */
declare module 'vt-pbf' {
  export function fromGeojsonVt(layers: Record<string, { features: readonly unknown[] }>, options?: { version?: number; extent?: number }): Uint8Array;
}
