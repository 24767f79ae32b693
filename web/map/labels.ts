import type { Feature, Point } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';

/**
 * Font stacks for the labels. The style has no glyphs URL, so MapLibre draws every glyph with these system
 * fonts (CSS font families, the weight read from the first name); nothing is fetched.
 */
const fonts = ['Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', 'sans-serif'];
const regular = ['Noto Sans CJK JP Regular', ...fonts];
const semibold = ['Noto Sans CJK JP SemiBold', ...fonts];

/** Prefecture names lead when zoomed out; municipalities take over as the map zooms in. */
export const labelZooms = { prefecturesBelow: 7.5, municipalitiesFrom: 5.5 } as const;

const halo = { 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.5 } as const;
const fromTiles = { source: 'boundaries', 'source-layer': 'labels' } as const;

/**
 * The label layers. The names come with the vector tiles (layer `labels`: kind, name, population), so they are
 * drawn in the same frame as the polygons. MapLibre's collision detection leaves out a label that would overlap
 * one placed before it, so dense areas such as 関東 and 近畿 stay legible: layers higher up are placed first
 * (selected places, then prefectures), and within a layer larger places first (sort key: minus the population).
 */
export const labelLayers: LayerSpecification[] = [
  {
    id: 'muni-labels',
    type: 'symbol',
    ...fromTiles,
    minzoom: labelZooms.municipalitiesFrom,
    filter: ['==', ['get', 'kind'], 'muni'],
    layout: { 'text-field': ['get', 'name'], 'text-font': regular, 'text-size': 12, 'text-padding': 3, 'symbol-sort-key': ['-', 0, ['get', 'population']] },
    paint: { 'text-color': 'rgb(17,24,39)', ...halo },
  },
  {
    id: 'pref-labels',
    type: 'symbol',
    ...fromTiles,
    maxzoom: labelZooms.prefecturesBelow,
    filter: ['==', ['get', 'kind'], 'pref'],
    layout: { 'text-field': ['get', 'name'], 'text-font': semibold, 'text-size': 13, 'text-padding': 3 },
    paint: { 'text-color': 'rgb(30,41,59)', ...halo },
  },
  {
    id: 'selected-labels',
    type: 'symbol',
    source: 'highlight',
    filter: ['==', ['get', 'kind'], 'label'],
    layout: { 'text-field': ['get', 'name'], 'text-font': regular, 'text-size': 12, 'text-allow-overlap': true },
    paint: { 'text-color': 'rgb(17,24,39)', ...halo },
  },
];

/**
 * The label of a selected place, drawn over its neighbours' at any zoom.
 * @example labelPoint({ name: '世田谷区', lon: 139.65, lat: 35.65 }).properties // { kind: 'label', name: '世田谷区' }
 */
export function labelPoint(p: { name: string; lon: number; lat: number }): Feature<Point, { kind: 'label'; name: string }> {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { kind: 'label', name: p.name } };
}
