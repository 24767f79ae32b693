import type { Topology } from 'topojson-specification';
import type { Municipality, Prefecture, SourceList } from '../domain/records/municipalities.ts';
import type { AtlasMap } from './map/atlas-map.ts';
import type { UrlState } from './state.ts';
import type { Html } from './ui/html.ts';

/** What every view can use: the map, the URL state, the loaded reference data and the shared panels. */
export interface AppContext {
  atlas: AtlasMap;
  state: UrlState;
  /** All 1,741 municipalities by code. */
  munis: Map<string, Municipality>;
  prefectures: Prefecture[];
  /**
   * The boundary topology (objects `municipalities`, `prefectures`), for client-side dissolves and exports:
   * fetched on first call (the map itself draws from vector tiles), then kept.
   */
  boundaries(): Promise<Topology>;
  sources: SourceList;
  /** Selects a municipality (null clears): outline, URL, details panel; `fly` moves the camera to it. */
  select(code: string | null, options?: { fly?: boolean }): void;
  /** Shows content in the right-hand panel and returns its body element. */
  showPanel(content: HTMLElement | Html): HTMLElement;
  closePanel(): void;
  /** Replaces the map legend (null hides it). */
  setLegend(content: HTMLElement | Html | null): void;
  /** Frames a place or an area in the visible part of the map (clear of open panels and the legend). */
  frame(target: { bounds: [[number, number], [number, number]]; maxZoom?: number } | { lon: number; lat: number; zoom?: number }): void;
  /** A short message at the bottom of the screen. */
  toast(message: string): void;
  /** Switches to a view, first setting the URL keys it reads (e.g. `{ region: 'ccr-34207' }`). */
  setView(id: string, keys?: Record<string, string | null>): Promise<void>;
  /** The view with this id (the presentation mounts its steps' views through it). */
  viewById(id: string): View | undefined;
  /** Re-renders the whole UI in the current language. */
  rerender(): void;
}

/** One view of the atlas (a tab): its controls on the left, its layers on the map. */
export interface View extends ViewBody {
  id: string;
  label(): string;
}

/** What a view does; views loaded on first use (web/views/index.ts) define only this. */
export interface ViewBody {
  /**
   * Work that needs neither the reference data nor the panel, started with the boot calls when the page opens
   * on this view (Explore colours the map from its metric before the tiles arrive).
   */
  prepare?(atlas: AtlasMap, state: UrlState): Promise<void>;
  /** Builds the view's controls into `panel` and draws its layers. */
  mount(ctx: AppContext, panel: HTMLElement): void | Promise<void>;
  /** Removes the view's layers, legend and listeners. */
  unmount(ctx: AppContext): void;
  /** An extra tooltip line for a municipality under the pointer. */
  tooltip?(m: Municipality): Html | null;
  /** A click on a municipality (`point`: where on the map); return true when the view handled it (no default selection). */
  onMapClick?(code: string, event: { shiftKey: boolean; point?: { x: number; y: number } }): boolean;
  /**
   * The tooltip of the view's own object under the pointer (a flow), shown instead of the municipality's, so that
   * only one tooltip shows at a time; null: the municipality's.
   */
  pointerTooltip?(point: { x: number; y: number }): Html | null;
  /** Called after the selection changed; `keepCamera` when the camera must stay (a link's own view, a pair's button). */
  onSelect?(code: string | null, options: { keepCamera: boolean }): void;
  /** Called when URL keys changed (back/forward, links). */
  onStateChange?(changed: Set<string>): void;
}
