/**
 * The view's state lives in the URL's query string, so a link reopens the same view:
 * view, metric, classification, selection, camera (`c=lon,lat,zoom,pitch,bearing`), language,
 * and whatever keys a view adds (filters, parameters, story step).
 */
export interface Camera {
  lon: number;
  lat: number;
  zoom: number;
  pitch: number;
  bearing: number;
}

export const defaultCamera: Camera = { lon: 137.5, lat: 37.6, zoom: 4.6, pitch: 0, bearing: 0 };

type Listener = (changed: Set<string>) => void;

/** The current URL state with change notification. Writes replace the history entry unless `push`. */
export class UrlState {
  private params: URLSearchParams;
  private listeners: Listener[] = [];

  constructor(search = location.search) {
    this.params = new URLSearchParams(search);
    window.addEventListener('popstate', () => {
      const before = this.params;
      this.params = new URLSearchParams(location.search);
      const changed = new Set<string>();
      for (const k of new Set([...before.keys(), ...this.params.keys()])) if (before.get(k) !== this.params.get(k)) changed.add(k);
      this.emit(changed);
    });
  }

  get(key: string): string | null {
    return this.params.get(key);
  }

  /** Sets (or, with null, removes) keys; notifies listeners of the keys that changed. */
  set(patch: Record<string, string | number | null | undefined>, options: { push?: boolean; silent?: boolean } = {}): void {
    const changed = new Set<string>();
    for (const [k, v] of Object.entries(patch)) {
      const next = v === null || v === undefined || v === '' ? null : String(v);
      if (this.params.get(k) === next) continue;
      if (next === null) this.params.delete(k);
      else this.params.set(k, next);
      changed.add(k);
    }
    if (changed.size === 0) return;
    const url = `${location.pathname}?${this.params.toString()}${location.hash}`;
    if (options.push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    if (!options.silent) this.emit(changed);
  }

  get camera(): Camera {
    const parts = (this.params.get('c') ?? '').split(',').map(Number);
    if (parts.length < 3 || parts.some((n) => !Number.isFinite(n))) return { ...defaultCamera };
    const [lon, lat, zoom, pitch = 0, bearing = 0] = parts;
    return { lon, lat, zoom, pitch, bearing };
  }

  /** Stores the camera without notifying (the map already shows it). */
  setCamera(c: Camera): void {
    const r = (v: number, d: number) => Number(v.toFixed(d));
    this.set({ c: [r(c.lon, 4), r(c.lat, 4), r(c.zoom, 2), r(c.pitch, 0), r(c.bearing, 0)].join(',') }, { silent: true });
  }

  /** The whole URL, for the copy-link button. */
  href(): string {
    return `${location.origin}${location.pathname}?${this.params.toString()}`;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  private emit(changed: Set<string>): void {
    for (const l of this.listeners) l(changed);
  }
}
