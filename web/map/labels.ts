import type { Feature, Point } from 'geojson';
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';

/**
 * Font stacks for the labels. The style has no glyphs URL, so MapLibre draws every glyph with these system
 * fonts (CSS font families, the weight read from the first name); nothing is fetched.
 */
const fonts = ['Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', 'sans-serif'];
const regular = ['Noto Sans CJK JP Regular', ...fonts];
const semibold = ['Noto Sans CJK JP SemiBold', ...fonts];
const bold = ['Noto Sans CJK JP Bold', ...fonts];
/** The same fonts as a CSS font-family, for text drawn outside MapLibre (deck.gl layers, canvas snapshots). */
export const cssFontFamily = fonts.map((f) => (f === 'sans-serif' ? f : `"${f}"`)).join(', ');
/** The prefecture labels' font stack, as MapLibre names it (comma-joined): its glyphs can be drawn ahead. */
export const prefectureFontStack = semibold.join(',');

/** Prefecture names lead when zoomed out; municipalities take over as the map zooms in. */
export const labelZooms = { prefecturesBelow: 7.5, municipalitiesFrom: 5.5 } as const;

/** Text sizes (px) on a map 1,280 px wide; wider maps (a projector at 1920×1080) scale them up, see `labelScale`. */
export const labelSizes = { municipality: 12, prefecture: 13, named: 14, story: 18 } as const;

const halo = { 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.6 } as const;
const fromTiles = { source: 'boundaries', 'source-layer': 'labels' } as const;

/** The label of a tile feature in the page's language: the romanised name in English where the tiles have one. */
export function labelText(lang: 'ja' | 'en'): ExpressionSpecification {
  return lang === 'en' ? ['coalesce', ['get', 'nameEn'], ['get', 'name']] : ['get', 'name'];
}

/** Names views place on the map (from the one-feature `highlight` source), beside their markers, with collision. */
function namedLabelLayer(id: string, tierFilter: ExpressionSpecification): LayerSpecification {
  return {
    id,
    type: 'symbol',
    source: 'highlight',
    filter: ['all', ['==', ['get', 'kind'], 'label'], tierFilter],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': bold,
      'text-size': ['get', 'size'],
      'text-padding': 2,
      'symbol-sort-key': ['get', 'sort'],
      // Beside the point where the first side is taken (above, below, right, left), off a marker by `offset` ems.
      'text-variable-anchor': ['bottom', 'top', 'left', 'right'],
      'text-radial-offset': ['get', 'offset'],
      'text-justify': 'auto',
    },
    paint: { 'text-color': 'rgb(17,24,39)', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 2 },
  };
}

/**
 * The label layers, placed with collision: MapLibre leaves out a label that would overlap one placed before it,
 * so dense areas such as 関東 and 近畿 stay legible. Layers higher up are placed first: the origin (`origin-labels`:
 * the selected place, a story's own place), the markers of named places (invisible obstacles where deck.gl draws a
 * dot), the other places a view or a story names (`named-labels`, larger first), then prefectures, then
 * municipalities by population (sort key: minus the population). A tile label of a place that is also named is
 * hidden by feature-state (`named`), so a name never shows twice.
 */
export function labelLayers(scale = 1, lang: 'ja' | 'en' = 'ja'): LayerSpecification[] {
  return [
    {
      id: 'muni-labels',
      type: 'symbol',
      ...fromTiles,
      minzoom: labelZooms.municipalitiesFrom,
      filter: ['==', ['get', 'kind'], 'muni'],
      layout: {
        'text-field': labelText(lang),
        'text-font': regular,
        'text-size': Math.round(labelSizes.municipality * scale),
        'text-padding': 3,
        'symbol-sort-key': ['-', 0, ['get', 'population']],
      },
      paint: { 'text-color': 'rgb(17,24,39)', 'text-opacity': ['case', ['boolean', ['feature-state', 'named'], false], 0, 1], ...halo },
    },
    {
      id: 'pref-labels',
      type: 'symbol',
      ...fromTiles,
      maxzoom: labelZooms.prefecturesBelow,
      filter: ['==', ['get', 'kind'], 'pref'],
      layout: { 'text-field': labelText(lang), 'text-font': semibold, 'text-size': Math.round(labelSizes.prefecture * scale), 'text-padding': 3 },
      paint: { 'text-color': 'rgb(30,41,59)', ...halo },
    },
    namedLabelLayer('named-labels', ['!=', ['get', 'tier'], 0]),
    {
      // The markers views draw with deck.gl, as invisible obstacles placed before every label but the origin's, so no other name hides one.
      id: 'named-markers',
      type: 'symbol',
      source: 'highlight',
      filter: ['all', ['==', ['get', 'kind'], 'label'], ['get', 'marker']],
      layout: { 'icon-image': markerImage, 'icon-allow-overlap': true },
    },
    // The origin (tier 0) first of all: its name always shows, beside its own marker.
    namedLabelLayer('origin-labels', ['==', ['get', 'tier'], 0]),
  ];
}

/** A transparent square the size of a deck.gl marker (7 px radius, 2 px outline): the obstacle of `named-markers`. */
export const markerImage = 'named-marker-space';
export const markerImageSize = 18;

/** A place a view or a story names on the map, above the map's own labels. */
export interface NamedPlace {
  code: string;
  /** The name as shown (already in the page's language). */
  name: string;
  lon: number;
  lat: number;
  /** Breaks ties within a tier: larger places first. */
  population?: number;
  /** 0: what the view is about (the origin, the selected place); 1: the places it names around it. Default 1. */
  tier?: 0 | 1;
  /** A marker is drawn at the point (deck.gl), so the name keeps off it. */
  marker?: boolean;
  /** Presentation size (large type), else the map's named size. */
  story?: boolean;
}

export interface NamedLabelProps {
  kind: 'label';
  code: string;
  name: string;
  /** Placement order: lower first (tier, then larger population). */
  sort: number;
  /** Radial offset from the point in ems. */
  offset: number;
  /** A marker is drawn at the point: an obstacle other names keep off. */
  marker: boolean;
  /** 0: the origin's layer, placed before everything else. */
  tier: 0 | 1;
  size: number;
}

/**
 * The labels of named places, one per code (the lowest tier wins), ordered for placement: tier 0 before tier 1,
 * then by population, so a collision drops the smaller neighbour, never the origin.
 * @example namedLabels([{ code: '13112', name: '世田谷区', lon: 139.65, lat: 35.65, tier: 0 }], 1)[0].properties.sort // 0
 */
export function namedLabels(places: Iterable<NamedPlace>, scale: number): Feature<Point, NamedLabelProps>[] {
  const best = new Map<string, NamedPlace>();
  for (const p of places) {
    const seen = best.get(p.code);
    if (!seen || (p.tier ?? 1) < (seen.tier ?? 1) || (p.tier === seen.tier && p.story && !seen.story)) best.set(p.code, p);
  }
  return [...best.values()].map((p) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
    properties: {
      kind: 'label',
      code: p.code,
      name: p.name,
      // Populations stay below 10⁸, so the tier always leads.
      sort: (p.tier ?? 1) * 1e8 - (p.population ?? 0),
      offset: p.marker ? 0.9 : 0,
      marker: !!p.marker,
      tier: p.tier ?? 1,
      size: Math.round((p.story ? labelSizes.story : labelSizes.named) * scale),
    },
  }));
}

/**
 * How much larger labels are drawn on a wide map, so a projector (1920×1080) or a large screen stays legible from
 * the back of a room. In steps, because a new size lays every tile's labels out again: 1 below 1,500 px, 1.25 up to
 * 2,200 px, then 1.5.
 * @example labelScale(1620) // 1.25 (the map beside the panel at 1920×1080)
 */
export function labelScale(mapWidthPx: number): number {
  return mapWidthPx >= 2200 ? 1.5 : mapWidthPx >= 1500 ? 1.25 : 1;
}
