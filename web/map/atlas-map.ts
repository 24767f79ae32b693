import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { Map as MapLibre, NavigationControl, ScaleControl, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Camera } from '../state.ts';

setWorkerUrl(workerUrl);

export type AreaCollection<P> = FeatureCollection<Polygon | MultiPolygon, P>;

/** All of Japan, 与那国島 to 知床 and 小笠原 included: the first map shows every prefecture. */
export const japanBounds: [[number, number], [number, number]] = [
  [122.93, 24.04],
  [145.82, 45.56],
];

/** Pixels of the map covered by panels, legends and credits, on each side. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Colours of the base map: sea, land without data, borders. */
export const baseColours = { sea: '#d4e4ee', land: '#eceae4', muniLine: '#ffffff', prefLine: '#4a5568', hover: '#111827', selected: '#f0a000' };

/**
 * A style that needs no network: a sea background plus our own municipality and prefecture polygons.
 * Labels are drawn by deck.gl's TextLayer with the system CJK font (no glyph server needed).
 */
function localStyle(munis: AreaCollection<{ code: string }>, prefs: AreaCollection<{ code: string; name: string }>): StyleSpecification {
  return {
    version: 8,
    sources: {
      munis: { type: 'geojson', data: munis, promoteId: 'code' },
      prefs: { type: 'geojson', data: prefs, promoteId: 'code' },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': baseColours.sea } },
      {
        id: 'muni-fill',
        type: 'fill',
        source: 'munis',
        paint: { 'fill-color': ['coalesce', ['feature-state', 'color'], baseColours.land], 'fill-opacity': ['coalesce', ['feature-state', 'opacity'], 1] },
      },
      {
        id: 'muni-line',
        type: 'line',
        source: 'munis',
        paint: { 'line-color': baseColours.muniLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.15, 8, 0.8, 11, 1.4], 'line-opacity': 0.8 },
      },
      { id: 'pref-line', type: 'line', source: 'prefs', paint: { 'line-color': baseColours.prefLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.6, 9, 1.6] } },
      { id: 'muni-hover', type: 'line', source: 'munis', paint: { 'line-color': baseColours.hover, 'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 2, 0] } },
      {
        id: 'muni-selected',
        type: 'line',
        source: 'munis',
        paint: { 'line-color': baseColours.selected, 'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, 0] },
      },
    ],
  };
}

/**
 * The map: MapLibre for the polygons, a deck.gl overlay (overlaid mode; interleaved breaks on MapLibre 6)
 * for arcs, points, rings and labels. Views set deck layers under their own key.
 */
export class AtlasMap {
  readonly map: MapLibre;
  readonly overlay: MapboxOverlay;
  readonly ready: Promise<void>;
  private layerGroups = new Map<string, Layer[]>();
  private coloured = new Set<string>();
  private selected = new Set<string>();
  private hovered: string | null = null;
  private selectionListeners: (() => void)[] = [];

  /** What covers the map now (panels, legend, credits); frames keep their targets clear of it. */
  private insets: () => Insets = () => ({ top: 0, right: 0, bottom: 0, left: 0 });

  /** `camera` null: all of Japan, framed in the map as it is laid out. */
  constructor(container: HTMLElement, munis: AreaCollection<{ code: string }>, prefs: AreaCollection<{ code: string; name: string }>, camera: Camera | null) {
    this.map = new MapLibre({
      container,
      style: localStyle(munis, prefs),
      ...(camera
        ? { center: [camera.lon, camera.lat] as [number, number], zoom: camera.zoom, pitch: camera.pitch, bearing: camera.bearing }
        : { bounds: japanBounds, fitBoundsOptions: { padding: { top: 16, right: 16, left: 16, bottom: 30 } } }),
      minZoom: 3,
      maxZoom: 13,
      attributionControl: false,
      // Kept so that "Save image" can read the canvas after it was drawn.
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    });
    this.map.addControl(new NavigationControl({ visualizePitch: true }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.overlay = new MapboxOverlay({ layers: [], deviceProps: { webgl: { preserveDrawingBuffer: true } } } as ConstructorParameters<typeof MapboxOverlay>[0]);
    this.map.addControl(this.overlay);
    this.ready = new Promise((resolve) =>
      this.map.once('load', () => {
        // deck.gl's canvas lies over the map only to draw; keyboard focus belongs to the map itself.
        for (const canvas of container.querySelectorAll('canvas')) {
          if (canvas !== this.map.getCanvas()) {
            canvas.tabIndex = -1;
            canvas.setAttribute('aria-hidden', 'true');
          }
        }
        resolve();
      }),
    );
  }

  /** Replaces the deck.gl layers of one group (a view or a feature); null removes the group. */
  setLayers(group: string, layers: Layer[] | null): void {
    if (layers?.length) this.layerGroups.set(group, layers);
    else this.layerGroups.delete(group);
    this.overlay.setProps({ layers: [...this.layerGroups.values()].flat() });
  }

  /** Colours municipalities by code (others get the plain land colour); null clears the choropleth. */
  setFillColours(colours: Map<string, string> | null, opacity = 1): void {
    for (const code of this.coloured) if (!colours?.has(code)) this.map.setFeatureState({ source: 'munis', id: code }, { color: null, opacity: null });
    this.coloured.clear();
    if (!colours) return;
    for (const [code, color] of colours) {
      this.map.setFeatureState({ source: 'munis', id: code }, { color, opacity });
      this.coloured.add(code);
    }
  }

  /** Outlines the selected municipalities (their labels then win over their neighbours'). */
  setSelected(codes: Iterable<string>): void {
    for (const code of this.selected) this.map.setFeatureState({ source: 'munis', id: code }, { selected: false });
    this.selected = new Set(codes);
    for (const code of this.selected) this.map.setFeatureState({ source: 'munis', id: code }, { selected: true });
    for (const listener of this.selectionListeners) listener();
  }

  /** Calls `listener` whenever the selection changes. */
  onSelectionChange(listener: () => void): void {
    this.selectionListeners.push(listener);
  }

  /** The codes outlined as selected. */
  selectedCodes(): ReadonlySet<string> {
    return this.selected;
  }

  /** Outlines the municipality under the pointer. */
  setHovered(code: string | null): void {
    if (this.hovered === code) return;
    if (this.hovered) this.map.setFeatureState({ source: 'munis', id: this.hovered }, { hover: false });
    this.hovered = code;
    if (code) this.map.setFeatureState({ source: 'munis', id: code }, { hover: true });
  }

  /** Tells the map how to measure what covers it (called at each frame). */
  setInsets(measure: () => Insets): void {
    this.insets = measure;
  }

  /**
   * Frames a place or an area in the part of the map that stays visible (clear of open panels, the legend
   * and the credits). A point keeps the zoom unless `zoom` is given; bounds are fitted.
   */
  frame(target: { bounds: [[number, number], [number, number]]; maxZoom?: number } | { lon: number; lat: number; zoom?: number }, durationMs = 1200): void {
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches || durationMs === 0;
    const inset = this.insets();
    const pad = 24;
    const padding = { top: inset.top + pad, right: inset.right + pad, bottom: inset.bottom + pad, left: inset.left + pad };
    const canvas = this.map.getCanvas();
    // A map too small for the padding (a phone with a sheet open) falls back to the plain canvas.
    const fits = padding.left + padding.right < canvas.clientWidth - 40 && padding.top + padding.bottom < canvas.clientHeight - 40;
    const motion = reduce ? { animate: false } : { duration: durationMs, essential: true };
    if ('bounds' in target) {
      this.map.fitBounds(target.bounds, { padding: fits ? padding : pad, maxZoom: target.maxZoom ?? 11, ...motion });
    } else {
      // An offset, not camera padding: padding would stay on the map and move every later camera.
      const offset: [number, number] = fits ? [(padding.left - padding.right) / 2, (padding.top - padding.bottom) / 2] : [0, 0];
      this.map.easeTo({ center: [target.lon, target.lat], zoom: target.zoom ?? this.map.getZoom(), offset, ...motion });
    }
  }

  /** The camera now. */
  camera(): Camera {
    const c = this.map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: this.map.getZoom(), pitch: this.map.getPitch(), bearing: this.map.getBearing() };
  }

  /**
   * Moves the camera smoothly (instantly when the user prefers reduced motion). `coveredRight` is the width
   * of a panel over the map's right edge: the target lands in the middle of what stays visible.
   */
  flyTo(camera: Partial<Camera> & { lon: number; lat: number }, durationMs = 1600, coveredRight = 0): void {
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const options = {
      center: [camera.lon, camera.lat] as [number, number],
      zoom: camera.zoom ?? this.map.getZoom(),
      pitch: camera.pitch ?? this.map.getPitch(),
      bearing: camera.bearing ?? this.map.getBearing(),
      offset: [-coveredRight / 2, 0] as [number, number],
    };
    if (reduce || durationMs === 0) this.map.flyTo({ ...options, animate: false });
    else this.map.flyTo({ ...options, duration: durationMs, essential: true });
  }
}
