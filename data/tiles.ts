/**
 * Pipeline step "vector tiles": the municipality and prefecture polygons as Mapbox Vector Tiles in one PMTiles
 * archive (data/build/boundaries.pmtiles), so the first map draws from a few small tiles instead of the whole
 * topology. Features carry their code only; the page joins everything else by feature-state.
 *
 * Simplification is topological and per zoom: one topology of all municipalities (shared borders are shared
 * arcs), Visvalingam weights measured in Web Mercator, and for each zoom the points whose triangle is smaller
 * than a fraction of a tile unit are dropped, on the arcs, so neighbours keep one common border at every zoom
 * and prefecture outlines (merged from the same arcs) lie exactly on municipal borders. Islands smaller than a
 * couple of tile units are left out at that zoom, except each municipality's largest part, so every
 * municipality can be seen and pointed at at every zoom. The deepest zoom keeps every point of the source.
 */
import { gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import GeoJSONVT from 'geojson-vt';
import { feature, merge } from 'topojson-client';
import { topology } from 'topojson-server';
import { type Triangle, presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';
import { fromGeojsonVt } from 'vt-pbf';
import { type DirectoryEntry, compression, headerBytes, serializeDirectory, serializeHeader, tileTypeMvt, zxyToTileId } from '../domain/pmtiles.ts';
import type { MunicipalityShape, PrefectureShape } from './boundaries.ts';

type Area = Polygon | MultiPolygon;

/** Zoom range and detail of the archive (see the module comment). */
export interface TileOptions {
  minZoom: number;
  /** The deepest zoom; MapLibre over-zooms beyond it. At 10 a tile unit is about 8 m in Japan, the source's own precision. */
  maxZoom: number;
  /**
   * Points whose Visvalingam triangle is below (tolerance tile units)² are dropped, per zoom. A 512 px tile is 4096
   * units, so 4 is a quarter of a pixel²: nothing a reader can see, and half the points of 2 (zoom 4: 24,000
   * instead of 46,000), which the page's worker has to cut into triangles and lines before the first frame.
   */
  tolerance: number;
  /** Parts (islands) below (minPart tile units)² are left out, per zoom, except each feature's largest. */
  minPart: number;
}

export const defaultTileOptions: TileOptions = { minZoom: 0, maxZoom: 10, tolerance: 4, minPart: 2 };

/** MVT extent and buffer (tile units): the common 4096 and 64. */
const extent = 4096;
const buffer = 64;

/** Layer names in the tiles; the page's style refers to them. */
export const tileLayers = { municipalities: 'municipalities', prefectures: 'prefectures', labels: 'labels' } as const;

/**
 * A name to draw on the map (layer `labels`): prefectures while zoomed out, municipalities from zoom 5 (the page
 * shows them from 5.5), larger places first when labels collide.
 */
export interface LabelPoint {
  kind: 'pref' | 'muni';
  /** The municipality's code (5 digits) or the prefecture's (2): the page hides a tile label by feature-state when it names the place itself. */
  code: string;
  name: string;
  /** The romanised name for the English page (e.g. "Setagaya-ku"), null where none is known. */
  nameEn: string | null;
  lon: number;
  lat: number;
  population: number;
}

/** The zooms whose tiles carry each kind of label (the style shows prefectures below 7.5, municipalities from 5.5). */
export const labelZooms = { pref: [0, 7], muni: [5, 24] } as const;

export interface Tile {
  z: number;
  x: number;
  y: number;
  /** The MVT protobuf, gzip-compressed (as stored and as served). */
  data: Uint8Array;
}

/** Web Mercator of a lon/lat in world units (0..1). */
function mercator([lon, lat]: number[]): [number, number] {
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return [lon / 360 + 0.5, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

/** Area of a triangle of lon/lat points in squared Mercator world units: the weight of its middle point. */
function mercatorTriangleArea(t: Triangle): number {
  const [a, b, c] = t.map(mercator);
  return Math.abs((a[0] - c[0]) * (b[1] - a[1]) - (a[0] - b[0]) * (c[1] - a[1])) / 2;
}

function ringArea(ring: Position[]): number {
  let s = 0;
  const pts = ring.map(mercator);
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) s += (pts[j][0] - pts[i][0]) * (pts[j][1] + pts[i][1]);
  return Math.abs(s) / 2;
}

/** Drops the parts of an area smaller than `minArea` (Mercator units²), keeping at least the largest one. */
export function dropSmallParts(geometry: Area, minArea: number): Area {
  if (geometry.type === 'Polygon') return geometry;
  const parts = geometry.coordinates.map((p) => ({ p, a: ringArea(p[0]) }));
  const largest = parts.reduce((best, x) => (x.a > best.a ? x : best), parts[0]);
  const kept = parts.filter((x) => x === largest || x.a >= minArea).map((x) => x.p);
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0] } : { type: 'MultiPolygon', coordinates: kept };
}

/** The tiles of one zoom, cut from its features (no further simplification: that was done on the topology). */
function tilesOfZoom(z: number, features: ZoomFeatures): Tile[] {
  const options = { maxZoom: z, indexMaxZoom: z, indexMaxPoints: 0, tolerance: 0, extent, buffer };
  const index = (list: Feature[]) => new GeoJSONVT({ type: 'FeatureCollection', features: list } as FeatureCollection, options);
  const indexes = {
    [tileLayers.municipalities]: index(features.municipalities),
    [tileLayers.prefectures]: index(features.prefectures),
    [tileLayers.labels]: index(features.labels),
  };
  const keys = new Set<string>();
  for (const index of Object.values(indexes)) for (const c of index.tileCoords) if (c.z === z) keys.add(`${c.x}/${c.y}`);
  const tiles: Tile[] = [];
  for (const key of keys) {
    const [x, y] = key.split('/').map(Number);
    const layers: Record<string, { features: readonly unknown[] }> = {};
    for (const [name, index] of Object.entries(indexes)) {
      const tile = index.getTile(z, x, y);
      if (tile?.features.length) layers[name] = tile;
    }
    if (!Object.keys(layers).length) continue;
    tiles.push({ z, x, y, data: gzipSync(fromGeojsonVt(layers, { version: 2, extent }), { level: 9 }) });
  }
  return tiles;
}

/** What one zoom's tiles are cut from: simplified municipality and prefecture areas, and the labels shown there. */
export interface ZoomFeatures {
  municipalities: Feature<Area, { code: string }>[];
  prefectures: Feature<Area, { code: string }>[];
  labels: Feature<Point, Omit<LabelPoint, 'lon' | 'lat' | 'nameEn'> & { nameEn?: string }>[];
}

/**
 * The features of each zoom (see the module comment): one topology, simplified per zoom on its shared arcs.
 * @example [...zoomFeatures(shapes.munis, shapes.prefs, labels, defaultTileOptions)].length // 11 (zoom 0–10)
 */
export function* zoomFeatures(munis: MunicipalityShape[], prefs: PrefectureShape[], labels: LabelPoint[], options: TileOptions): Generator<[number, ZoomFeatures]> {
  const collection: FeatureCollection<Area, { code: string }> = {
    type: 'FeatureCollection',
    features: munis.map((m) => ({ type: 'Feature', geometry: m.geometry, properties: { code: m.code } })),
  };
  const pre = presimplify(topology({ municipalities: collection }) as Topology<Objects<{ code: string }>>, mercatorTriangleArea);
  for (let z = options.minZoom; z <= options.maxZoom; z++) {
    const unit = 1 / (extent * 2 ** z);
    const topo = z === options.maxZoom ? pre : simplify(pre, (options.tolerance * unit) ** 2);
    const minArea = z === options.maxZoom ? 0 : (options.minPart * unit) ** 2;
    const object = topo.objects.municipalities as GeometryCollection<{ code: string }>;
    const codeOf = (g: (typeof object.geometries)[number]) => (g.properties as { code: string }).code;
    const areas = (feature(topo, object) as FeatureCollection<Area, { code: string }>).features;
    yield [
      z,
      {
        municipalities: areas.map((f) => ({ ...f, geometry: dropSmallParts(f.geometry, minArea) })),
        prefectures: prefs.map((p) => ({
          type: 'Feature',
          properties: { code: p.code },
          geometry: dropSmallParts(merge(topo, object.geometries.filter((g) => codeOf(g).startsWith(p.code)) as Parameters<typeof merge>[1]), minArea),
        })),
        labels: labels
          .filter((l) => z >= labelZooms[l.kind][0] && z <= labelZooms[l.kind][1])
          .map((l) => ({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [l.lon, l.lat] },
            properties: { kind: l.kind, code: l.code, name: l.name, ...(l.nameEn ? { nameEn: l.nameEn } : {}), population: l.population },
          })),
      },
    ];
  }
}

/**
 * Every tile of the archive, zoom by zoom, from the municipality shapes (prefectures are merged from them) and
 * the label points.
 * @example buildTiles(shapes.munis, shapes.prefs, labels, defaultTileOptions).length // about a thousand
 */
export function buildTiles(munis: MunicipalityShape[], prefs: PrefectureShape[], labels: LabelPoint[], options: TileOptions = defaultTileOptions): Tile[] {
  const tiles: Tile[] = [];
  for (const [z, features] of zoomFeatures(munis, prefs, labels, options)) tiles.push(...tilesOfZoom(z, features));
  return tiles;
}

/** What the archive says about itself (its JSON metadata), for any PMTiles reader. */
export interface ArchiveInfo {
  name: string;
  attribution: string;
  bounds: [number, number, number, number];
  center: [number, number, number];
  minZoom: number;
  maxZoom: number;
}

/** The largest root directory (compressed) that still lets a reader find it in the first 16 KiB. */
const maxRootBytes = 16_384 - headerBytes;

/**
 * One PMTiles v3 archive (clustered, directories and tiles gzip): header, root directory, metadata, leaf
 * directories (only when the root would not fit in the first 16 KiB), tile data in tile-id order.
 */
export function writeArchive(tiles: readonly Tile[], info: ArchiveInfo): Buffer {
  const sorted = tiles.map((t) => ({ ...t, id: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.id - b.id);
  const entries: DirectoryEntry[] = [];
  let offset = 0;
  for (const t of sorted) {
    entries.push({ tileId: t.id, offset, length: t.data.length, runLength: 1 });
    offset += t.data.length;
  }
  const gz = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 });
  let root = gz(serializeDirectory(entries));
  let leaves: Buffer = Buffer.alloc(0);
  for (let leafSize = 1024; root.length > maxRootBytes; leafSize *= 2) {
    const leafEntries: DirectoryEntry[] = [];
    const parts: Buffer[] = [];
    let leafOffset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const leaf = gz(serializeDirectory(entries.slice(i, i + leafSize)));
      leafEntries.push({ tileId: entries[i].tileId, offset: leafOffset, length: leaf.length, runLength: 0 });
      parts.push(leaf);
      leafOffset += leaf.length;
    }
    root = gz(serializeDirectory(leafEntries));
    leaves = Buffer.concat(parts);
  }
  const fields: Record<string, Record<string, string>> = { labels: { kind: 'String', code: 'String', name: 'String', nameEn: 'String', population: 'Number' } };
  const vectorLayers = Object.values(tileLayers).map((id) => ({ id, fields: fields[id] ?? { code: 'String' }, minzoom: info.minZoom, maxzoom: info.maxZoom }));
  const metadata = gz(Buffer.from(JSON.stringify({ name: info.name, attribution: info.attribution, type: 'overlay', format: 'pbf', vector_layers: vectorLayers })));
  const rootOffset = headerBytes;
  const metadataOffset = rootOffset + root.length;
  const leafOffset = metadataOffset + metadata.length;
  const tileDataOffset = leafOffset + leaves.length;
  const header = serializeHeader({
    rootDirectoryOffset: rootOffset,
    rootDirectoryLength: root.length,
    metadataOffset,
    metadataLength: metadata.length,
    leafDirectoryOffset: leafOffset,
    leafDirectoryLength: leaves.length,
    tileDataOffset,
    tileDataLength: offset,
    addressedTiles: sorted.length,
    tileEntries: sorted.length,
    tileContents: sorted.length,
    clustered: true,
    internalCompression: compression.gzip,
    tileCompression: compression.gzip,
    tileType: tileTypeMvt,
    minZoom: info.minZoom,
    maxZoom: info.maxZoom,
    bounds: info.bounds,
    centerZoom: info.center[2],
    center: [info.center[0], info.center[1]],
  });
  return Buffer.concat([header, root, metadata, leaves, ...sorted.map((t) => t.data)]);
}
