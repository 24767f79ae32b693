import type { Layer } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { type GeoJSONSource, Map as MapLibre, NavigationControl, ScaleControl, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { api } from '../api.ts';
import type { Camera } from '../state.ts';
import { getLang } from '../i18n.ts';
import { displayName } from '../names.ts';
import { labelLayers, labelScale, labelSizes, labelText, markerImage, markerImageSize, type NamedPlace, namedLabels, prefectureFontStack } from './labels.ts';

setWorkerUrl(workerUrl);

/**
 * Has MapLibre take the worker the page head started (vite.config.ts, startWorker) instead of starting its own
 * once it has run: `create` is called with the global Worker swapped for one that hands over that worker, once.
 * MapLibre 6 has no call to give it a worker, and creates it synchronously in the map's constructor.
 */
function withEarlyWorker<T>(create: () => T): T {
  const early = (window as { atlasWorker?: { url: string; worker: Worker } }).atlasWorker;
  if (!early) return create();
  const Native = window.Worker;
  function Adopting(url: string | URL, options?: WorkerOptions): Worker {
    if (new URL(url, location.href).href !== early?.url) return new Native(url, options);
    window.Worker = Native;
    return early.worker;
  }
  window.Worker = Adopting as unknown as typeof Worker;
  delete (window as { atlasWorker?: unknown }).atlasWorker;
  try {
    return create();
  } finally {
    window.Worker = Native;
  }
}

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

/** The municipality polygons in the vector tiles, as feature-state calls name them. */
const munis = { source: 'boundaries', sourceLayer: 'municipalities' } as const;

/** Glyphs drawn ahead in one task (about a millisecond each without a GPU). */
const glyphsPerTask = 8;

/** The first frame is drawn after this at the latest, whatever is still loading. */
const firstFrameTimeoutMs = 8000;

/** A municipality the map can label when it is selected. */
export interface Place {
  code: string;
  name: string;
  nameRomaji?: string | null;
  lon: number;
  lat: number;
  population?: number;
}

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * A style that needs no network beyond this server: a sea background, the municipality and prefecture
 * polygons and the names from the pipeline's vector tiles (polygons carry their code only; colours come by
 * feature-state), the hover and selection outlines from a small GeoJSON source that holds only those places,
 * and labels drawn by MapLibre with the system CJK font (no glyphs URL: every glyph is rasterised locally), in the
 * page's language from the start (changing it later lays every tile out again).
 */
function localStyle(scale: number): StyleSpecification {
  return {
    version: 8,
    sources: {
      boundaries: { type: 'vector', url: `${location.origin}/api/tiles`, promoteId: { municipalities: 'code', prefectures: 'code', labels: 'code' } },
      highlight: { type: 'geojson', data: empty },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': baseColours.sea } },
      {
        id: 'muni-fill',
        type: 'fill',
        source: 'boundaries',
        'source-layer': 'municipalities',
        paint: {
          'fill-color': ['coalesce', ['feature-state', 'color'], baseColours.land],
          // Zoomed out, the borders are the fill's own 1 px outline: no line geometry to build or draw for the first map.
          'fill-outline-color': 'rgba(255,255,255,0.4)',
        },
      },
      {
        id: 'muni-line',
        type: 'line',
        source: 'boundaries',
        'source-layer': 'municipalities',
        minzoom: 6,
        paint: { 'line-color': baseColours.muniLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.5, 8, 0.8, 11, 1.4], 'line-opacity': 0.8 },
      },
      {
        id: 'pref-line',
        type: 'line',
        source: 'boundaries',
        'source-layer': 'prefectures',
        paint: { 'line-color': baseColours.prefLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.6, 9, 1.6] },
      },
      { id: 'muni-hover', type: 'line', source: 'highlight', filter: ['==', ['get', 'kind'], 'hover'], paint: { 'line-color': baseColours.hover, 'line-width': 2 } },
      { id: 'muni-selected', type: 'line', source: 'highlight', filter: ['==', ['get', 'kind'], 'selected'], paint: { 'line-color': baseColours.selected, 'line-width': 3 } },
      ...labelLayers(scale, getLang()),
    ],
  };
}

/**
 * The map: MapLibre draws the polygons (vector tiles), borders, highlights and labels; deck.gl, loaded only when
 * a view first draws with it, adds arcs, points and rings in an overlay (overlaid mode; interleaved breaks on
 * MapLibre 6). Views set deck layers under their own key.
 */
export class AtlasMap {
  readonly map: MapLibre;
  /** The style's sources and layers exist: colours can be set from here on, before any tile has arrived. */
  readonly styleReady: Promise<void>;
  /** The first frame with the tiles in view is drawn. */
  readonly ready: Promise<void>;
  private deck: MapboxOverlay | null = null;
  private deckLoading: Promise<MapboxOverlay> | null = null;
  private layerGroups = new Map<string, Layer[]>();
  /** Groups drawn over all others. */
  private readonly topGroups = new Set<string>();
  private coloured = new Set<string>();
  private selected = new Set<string>();
  /** The place a view names itself, above what deck.gl draws (the exchanges' flows), and its label as the map would draw it. */
  private viewNamed: { code: string; label: { name: string; size: number } | null } | null = null;
  private hovered: string | null = null;
  private places = new Map<string, Place>();
  /** Places views and stories name, by group (see setLabels). */
  private labelGroups = new Map<string, NamedPlace[]>();
  /** Codes whose tile label is hidden because they are named (feature-state `named`). */
  private named = new Set<string>();
  /** Label sizes follow the map's width (labelScale), from the first frame on. */
  private scale: number;
  private outlines = new Map<string, Feature<Polygon | MultiPolygon> | null>();
  private outlineRequests = new Map<string, Promise<void>>();
  private selectionListeners: (() => void)[] = [];
  /** Work the first frame waits for (see holdFirstFrameFor). */
  private gates = 0;

  /** What covers the map now (panels, legend, credits); frames keep their targets clear of it. */
  private insets: () => Insets = () => ({ top: 0, right: 0, bottom: 0, left: 0 });

  /** `camera` null: all of Japan, framed in the map as it is laid out. */
  constructor(
    private readonly container: HTMLElement,
    camera: Camera | null,
  ) {
    this.scale = labelScale(container.clientWidth);
    this.map = withEarlyWorker(
      () =>
        new MapLibre({
          container,
          style: localStyle(this.scale),
          ...(camera
            ? { center: [camera.lon, camera.lat] as [number, number], zoom: camera.zoom, pitch: camera.pitch, bearing: camera.bearing }
            : { bounds: japanBounds, fitBoundsOptions: { padding: { top: 16, right: 16, left: 16, bottom: 30 } } }),
          minZoom: 3,
          maxZoom: 13,
          attributionControl: false,
          // Labels appear at once: a fade would draw a dozen more frames of the whole map.
          fadeDuration: 0,
          // Kept so that "Save image" can read the canvas after it was drawn. No multisampling (MapLibre's default):
          // lines and labels smooth their own edges, and 4× samples made every frame a fifth slower without a GPU.
          canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
        }),
    );
    this.map.addControl(new NavigationControl({ visualizePitch: true }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.styleReady = this.map.isStyleLoaded() ? Promise.resolve() : new Promise((resolve) => this.map.once('style.load', () => resolve()));
    this.ready = this.holdFirstFrame();
    void this.styleReady.then(() => {
      this.map.on('resize', () => this.fitLabels());
      const size = markerImageSize;
      this.map.addImage(markerImage, { width: size, height: size, data: new Uint8Array(size * size * 4) });
    });
  }

  /** Label sizes for the map's width now (larger on a projector); re-laid out only when the scale changes. */
  private fitLabels(): void {
    const scale = labelScale(this.container.clientWidth);
    if (scale === this.scale) return;
    this.scale = scale;
    this.map.setLayoutProperty('muni-labels', 'text-size', Math.round(labelSizes.municipality * scale));
    this.map.setLayoutProperty('pref-labels', 'text-size', Math.round(labelSizes.prefecture * scale));
    this.drawHighlight();
  }

  /**
   * Draws the glyphs of the prefecture names while MapLibre's worker starts and the tiles are on their way.
   * MapLibre draws each glyph of a label on the main thread when the worker first asks for it, in the middle of
   * laying out the first tiles (a tenth of a second for the 47 names without a GPU). Drawn here, a few glyphs a
   * task, so the thread stays free for what the map needs meanwhile (it notices the worker start, and sends the
   * worker its messages, only between tasks). MapLibre has no public call for this (6.x: the style's glyph manager).
   */
  async prewarmPrefectureLabels(names: readonly string[]): Promise<void> {
    const style = (this.map as unknown as { style?: { glyphManager?: { getGlyphs(r: Record<string, Record<string, string[]>>): Promise<unknown> } } }).style;
    const ids = [...new Set(Array.from(names.join('')).filter((c) => c.trim()))];
    for (let i = 0; i < ids.length && style?.glyphManager; i += glyphsPerTask) {
      await style.glyphManager.getGlyphs({ [prefectureFontStack]: { default: ids.slice(i, i + glyphsPerTask) } }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve));
    }
  }

  /** Names places in the page's language (English: the romanised names the tiles carry). */
  setLanguage(lang: 'ja' | 'en'): void {
    for (const id of ['muni-labels', 'pref-labels']) this.map.setLayoutProperty(id, 'text-field', labelText(lang));
    this.drawHighlight();
  }

  /**
   * Draws nothing until the first view is complete: every tile in view loaded and laid out, labels placed and the
   * colours of `holdFirstFrameFor` set. Without a GPU each frame of the whole map costs 60–400 ms to draw and read
   * back, and MapLibre would draw one per tile and glyph batch as they arrive; the page shows the sea colour (the
   * container's background) meanwhile. Resolves when that one frame is drawn. MapLibre has no public hook for
   * this, so it wraps the painter's render call (MapLibre 6); a held frame costs nothing but the placement.
   */
  private holdFirstFrame(): Promise<void> {
    const internals = this.map as unknown as { painter: { render: (...args: unknown[]) => void }; _placementDirty: boolean };
    const painter = internals.painter;
    const render = painter.render;
    return new Promise((resolve) => {
      const release = () => {
        painter.render = render;
        this.map.once('render', () => resolve());
        this.map.triggerRepaint();
      };
      // Whatever is still missing after this long is drawn as it comes (a stalled request must not blank the map).
      const timer = setTimeout(release, firstFrameTimeoutMs);
      painter.render = (...args: unknown[]) => {
        if (this.gates > 0 || !this.map.loaded() || internals._placementDirty) return;
        clearTimeout(timer);
        painter.render = render;
        render.apply(painter, args);
        // MapLibre fires 'render' right after this call.
        this.map.once('render', () => resolve());
      };
    });
  }

  /** The first frame also waits for `work` (the opening view's colours), so the map is drawn once, coloured. */
  holdFirstFrameFor(work: Promise<unknown>): void {
    this.gates++;
    void work
      .catch(() => undefined)
      .then(() => {
        this.gates--;
        this.map.triggerRepaint();
      });
  }

  /** deck.gl's overlay when it has been loaded, else null (the first page draws without it). */
  get loadedOverlay(): MapboxOverlay | null {
    return this.deck;
  }

  /** deck.gl's overlay; only after `loadDeck()` (views that draw with deck.gl are mounted after it). */
  get overlay(): MapboxOverlay {
    if (!this.deck) throw new Error('deck.gl is not loaded yet: await atlas.loadDeck() first');
    return this.deck;
  }

  /** Loads deck.gl and adds its overlay, once; the first page draws without it. */
  loadDeck(): Promise<MapboxOverlay> {
    this.deckLoading ??= import('@deck.gl/mapbox').then(({ MapboxOverlay }) => {
      const overlay = new MapboxOverlay({ layers: [], deviceProps: { webgl: { preserveDrawingBuffer: true } } } as ConstructorParameters<typeof MapboxOverlay>[0]);
      this.map.addControl(overlay);
      // deck.gl's canvas lies over the map only to draw; keyboard focus belongs to the map itself.
      for (const canvas of this.container.querySelectorAll('canvas')) {
        if (canvas !== this.map.getCanvas()) {
          canvas.tabIndex = -1;
          canvas.setAttribute('aria-hidden', 'true');
        }
      }
      this.deck = overlay;
      overlay.setProps({ layers: this.deckLayers() });
      return overlay;
    });
    return this.deckLoading;
  }

  /**
   * Replaces the deck.gl layers of one group (a view or a feature); null removes the group. Groups are drawn in the
   * order they were first set, `onTop` ones (names that nothing may cross) after all others.
   */
  setLayers(group: string, layers: Layer[] | null, onTop = false): void {
    if (layers?.length) this.layerGroups.set(group, layers);
    else this.layerGroups.delete(group);
    if (onTop) this.topGroups.add(group);
    if (this.deck) this.deck.setProps({ layers: this.deckLayers() });
    else if (this.layerGroups.size) void this.loadDeck();
  }

  /** Every group's layers, in drawing order. */
  private deckLayers(): Layer[] {
    const groups = [...this.layerGroups];
    return [...groups.filter(([g]) => !this.topGroups.has(g)), ...groups.filter(([g]) => this.topGroups.has(g))].flatMap(([, layers]) => layers);
  }

  /** Colours municipalities by code (others get the plain land colour); null clears the choropleth. */
  setFillColours(colours: Map<string, string> | null): void {
    for (const code of this.coloured) if (!colours?.has(code)) this.map.setFeatureState({ ...munis, id: code }, { color: null });
    this.coloured.clear();
    if (!colours) return;
    for (const [code, color] of colours) {
      this.map.setFeatureState({ ...munis, id: code }, { color });
      this.coloured.add(code);
    }
  }

  /**
   * Names places above the map's own labels, under a group key (a view, a story); null removes the group. They
   * are placed with collision, the group's tier 0 (its origin) and the selected places first, then by population.
   */
  setLabels(group: string, places: NamedPlace[] | null): void {
    if (places?.length) this.labelGroups.set(group, places);
    else this.labelGroups.delete(group);
    this.drawHighlight();
  }

  /** The places the map labels (a selected place keeps its label whatever its neighbours). */
  setPlaces(places: Iterable<Place>): void {
    this.places = new Map([...places].map((p) => [p.code, p]));
    // Nothing selected yet (the first page): no need to draw the map again.
    if (this.selected.size) this.drawHighlight();
  }

  /** Outlines the selected municipalities (their labels then win over their neighbours'). */
  setSelected(codes: Iterable<string>): void {
    this.selected = new Set(codes);
    for (const code of this.selected) this.requestOutline(code);
    this.drawHighlight();
    for (const listener of this.selectionListeners) listener();
  }

  /**
   * The place whose name a view draws itself, above its deck.gl layers so that its flows do not cross it (null: the
   * map names every place). The map leaves that label out and keeps the place's tile label hidden, so the name never
   * shows twice.
   */
  leaveLabelTo(code: string | null): void {
    if ((this.viewNamed?.code ?? null) === code) return;
    this.viewNamed = code ? { code, label: null } : null;
    this.drawHighlight();
  }

  /** The label the map would draw for the place a view names itself (its name and size, a story's included), if any. */
  leftLabel(): { name: string; size: number } | null {
    return this.viewNamed?.label ?? null;
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
    this.hovered = code;
    if (code) this.requestOutline(code);
    this.drawHighlight();
  }

  /** Fetches a municipality's outline once; redraws the highlight when it arrives. */
  private requestOutline(code: string): void {
    if (this.outlines.has(code) || this.outlineRequests.has(code)) return;
    const request = api('/api/municipalities/:code/outline', { code })
      .then(
        (f) => this.outlines.set(code, f),
        () => this.outlines.set(code, null),
      )
      .then(() => {
        this.outlineRequests.delete(code);
        if (code === this.hovered || this.selected.has(code)) this.drawHighlight();
      });
    this.outlineRequests.set(code, request);
  }

  /**
   * The highlight source: outlines of the hovered and selected places, and the labels of the places named (the
   * selected ones and the label groups'). Their tile labels are hidden meanwhile, so no name shows twice.
   */
  private drawHighlight(): void {
    const features: Feature[] = [];
    const outline = (code: string, kind: string) => {
      const f = this.outlines.get(code);
      if (f) features.push({ ...f, properties: { code, kind } });
    };
    if (this.hovered && !this.selected.has(this.hovered)) outline(this.hovered, 'hover');
    const named: NamedPlace[] = [...this.labelGroups.values()].flat();
    for (const code of this.selected) {
      outline(code, 'selected');
      const p = this.places.get(code);
      if (p) named.push({ code, name: displayName(p, getLang()), lon: p.lon, lat: p.lat, population: p.population, tier: this.selected.size === 1 ? 0 : 1 });
    }
    const labels = namedLabels(named, this.scale);
    // A view that names a place itself gets its label instead of the map.
    const viewNamed = this.viewNamed;
    const left = viewNamed && labels.find((l) => l.properties.code === viewNamed.code);
    if (viewNamed) viewNamed.label = left ? { name: left.properties.name, size: left.properties.size } : null;
    features.push(...labels.filter((l) => l !== left));
    const codes = new Set([...labels.map((l) => l.properties.code), ...(viewNamed ? [viewNamed.code] : [])]);
    for (const code of this.named) if (!codes.has(code)) this.map.setFeatureState({ source: 'boundaries', sourceLayer: 'labels', id: code }, { named: false });
    for (const code of codes) if (!this.named.has(code)) this.map.setFeatureState({ source: 'boundaries', sourceLayer: 'labels', id: code }, { named: true });
    this.named = codes;
    (this.map.getSource('highlight') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features } as FeatureCollection<Polygon | MultiPolygon | Point>);
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
