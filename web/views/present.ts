import { ArcLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { LngLat } from 'maplibre-gl';
import type { Municipality } from '../../domain/records/municipalities.ts';
import type { Story, StoryList, StoryStep } from '../../domain/records/stories.ts';
import { api } from '../api.ts';
import type { AppContext, View, ViewBody } from '../context.ts';
import { esc, fmtInt } from '../format.ts';
import { getLang, t } from '../i18n.ts';
import { rgb } from '../palette.ts';
import { saveSnapshot, setSnapshotText } from '../ui/snapshot.ts';
import './present.css';

const font = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif';
/** Okabe–Ito orange and blue: the arc runs from the story's place (orange) to its partner (blue). */
const arcFrom = '#E69F00';
const arcTo = '#0072B2';
/** Camera move between steps, in ms (jumps when the user prefers reduced motion). */
const flyMs = 2200;
/** URL keys the presentation itself owns. */
const ownKeys = ['story', 'step'];

// English falls back to the Japanese where a presenter wrote only that.
const lang = (b: { ja: string; en?: string }) => (getLang() === 'ja' ? b.ja : (b.en ?? b.ja));

/** Straight-line distance in km between two municipalities' representative points. */
export function distanceKm(a: Pick<Municipality, 'lon' | 'lat'>, b: Pick<Municipality, 'lon' | 'lat'>): number {
  return new LngLat(a.lon, a.lat).distanceTo(new LngLat(b.lon, b.lat)) / 1000;
}

/** A distance as a presenter says it: "約210 km", "約1,580 km". */
export const fmtDistance = (km: number) => t(`約${fmtInt(km < 100 ? km : Math.round(km / 10) * 10)} km`, `about ${fmtInt(km < 100 ? km : Math.round(km / 10) * 10)} km`);

interface Arc {
  from: Municipality;
  to: Municipality;
  km: number;
}

/** The presentation's own deck.gl layers for a step: arcs, their end points, names and (for a few arcs) distances. */
function storyLayers(ctx: AppContext, step: StoryStep) {
  const arcs: Arc[] = step.arcs.map(([a, b]) => ({ from: ctx.munis.get(a)!, to: ctx.munis.get(b)! })).map((p) => ({ ...p, km: distanceKm(p.from, p.to) }));
  const places = [...new Set([...step.highlight, ...step.arcs.flat()])].map((c) => ctx.munis.get(c)!).filter(Boolean);
  const named = places.length <= 20 ? places : places.filter((m) => step.arcs.some((p) => p[0] === m.code));
  const outline = { outlineWidth: 4, outlineColor: [255, 255, 255, 240] as [number, number, number, number], fontSettings: { sdf: true } };
  return [
    new ArcLayer<Arc>({
      id: 'story-arcs',
      data: arcs,
      getSourcePosition: (d) => [d.from.lon, d.from.lat],
      getTargetPosition: (d) => [d.to.lon, d.to.lat],
      getSourceColor: rgb(arcFrom),
      getTargetColor: rgb(arcTo),
      getWidth: arcs.length > 10 ? 3 : 5,
      widthUnits: 'pixels',
      getHeight: 0.4,
      greatCircle: false,
    }),
    new ScatterplotLayer<Municipality>({
      id: 'story-points',
      data: places,
      getPosition: (m) => [m.lon, m.lat],
      getRadius: places.length > 30 ? 4 : 7,
      radiusUnits: 'pixels',
      getFillColor: (m) => rgb(step.arcs.some((p) => p[0] === m.code) ? arcFrom : arcTo),
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      stroked: true,
    }),
    new TextLayer<Municipality>({
      id: 'story-names',
      data: named,
      getPosition: (m) => [m.lon, m.lat],
      getText: (m) => m.name,
      getSize: 20,
      getPixelOffset: [0, -22],
      getColor: [17, 24, 39, 255],
      fontFamily: font,
      fontWeight: 700,
      characterSet: 'auto',
      ...outline,
    }),
    new TextLayer<Arc>({
      id: 'story-distances',
      data: arcs.length <= 3 ? arcs : [],
      getPosition: (d) => [(d.from.lon + d.to.lon) / 2, (d.from.lat + d.to.lat) / 2],
      getText: (d) => fmtDistance(d.km),
      getSize: 22,
      getTextAnchor: 'start',
      getPixelOffset: [14, 0],
      getColor: [120, 60, 0, 255],
      fontFamily: font,
      fontWeight: 700,
      characterSet: 'auto',
      ...outline,
      updateTriggers: { getText: getLang() },
    }),
  ];
}

/**
 * A running presentation: the story, the step shown, the view underneath, the overlay and the keys.
 * Lives apart from the Present tab's list so that stepping can swap the view underneath.
 */
class Presentation {
  index = 0;
  private child: View | null = null;
  private childState = '';
  /** URL keys the shown step set, cleared when the next step does not set them. */
  private stepKeys: string[] = [];
  private overlay: HTMLElement;
  private token = 0;
  private enteredFullscreen = false;

  constructor(
    private readonly ctx: AppContext,
    readonly story: Story,
    private readonly host: HTMLElement,
    private readonly onLeave: () => void,
  ) {
    this.overlay = document.createElement('div');
    this.overlay.className = 'present-overlay';
    this.overlay.setAttribute('role', 'region');
    this.overlay.setAttribute('aria-roledescription', 'slide');
    document.body.append(this.overlay);
    document.body.classList.add('presenting');
    // Any "Save image" while presenting is titled with the story and step.
    setSnapshotText(() => this.snapshotText());
    ctx.atlas.map.on('moveend', this.onMoveEnd);
    window.addEventListener('keydown', this.onKey, true);
    document.addEventListener('fullscreenchange', this.onFullscreen);
    // The top bar and panels are gone: let the map take the whole window.
    requestAnimationFrame(() => ctx.atlas.map.resize());
  }

  /** Asks for full screen; browsers allow it only from a click or key press, so links open without it. */
  requestFullscreen(): void {
    const el = document.documentElement;
    if (!el.requestFullscreen || document.fullscreenElement) return;
    el.requestFullscreen().then(
      () => (this.enteredFullscreen = true),
      () => undefined,
    );
  }

  /** Shows step `n` (0-based, clamped): URL, view underneath, outline, arcs, camera, caption. */
  async go(n: number, options: { instant?: boolean } = {}): Promise<void> {
    const { ctx, story } = this;
    this.index = Math.max(0, Math.min(story.steps.length - 1, n));
    const step = story.steps[this.index];
    const token = ++this.token;
    const clear = Object.fromEntries(this.stepKeys.filter((k) => !(k in step.state) && !ownKeys.includes(k)).map((k) => [k, null]));
    this.stepKeys = Object.keys(step.state);
    ctx.state.set({ ...clear, ...step.state, story: story.id, step: this.index + 1 }, { silent: true });
    ctx.state.setCamera(step.camera);
    this.renderOverlay(step);
    this.frameAboveCaption();
    this.fly(step, options.instant);

    const key = JSON.stringify({ view: step.view, state: step.state });
    if (key !== this.childState) {
      this.child?.unmount(ctx);
      this.child = null;
      this.childState = key;
      const next = ctx.viewById(step.view);
      this.host.replaceChildren();
      if (next) {
        try {
          await next.mount(ctx, this.host);
        } catch (err) {
          ctx.toast((err as Error).message);
        }
        if (token !== this.token) {
          next.unmount(ctx);
          return;
        }
        this.child = next;
        // The view may have moved the camera to its own place; the story decides where to look.
        this.fly(step, options.instant);
      }
    }
    if (token !== this.token) return;
    this.drawStep();
  }

  /**
   * Flies to the step's camera. The flight's move events carry `storyStep`, so that its end — also when the next
   * flight or a drag cuts it short — puts the step's own camera back in the URL instead of a point mid-flight.
   */
  private fly(step: StoryStep, instant = false): void {
    const map = this.ctx.atlas.map;
    const { lon, lat, zoom, pitch, bearing } = step.camera;
    const options = { center: [lon, lat] as [number, number], zoom, pitch, bearing };
    if (instant || matchMedia('(prefers-reduced-motion: reduce)').matches) map.jumpTo(options, { storyStep: true });
    else map.flyTo({ ...options, duration: flyMs, essential: true }, { storyStep: true });
  }

  /** Runs after the app's own moveend handler (registered later), which wrote the camera of the moment. */
  private onMoveEnd = (e: object) => {
    if ((e as { storyStep?: boolean }).storyStep) this.ctx.state.setCamera(this.story.steps[this.index].camera);
  };

  /** Outlines and arcs of the step shown (again after a selection replaced the outline). */
  drawStep(): void {
    const step = this.story.steps[this.index];
    this.ctx.atlas.setSelected(step.highlight);
    this.ctx.atlas.setLayers('story', storyLayers(this.ctx, step));
  }

  /** Centres the camera in the part of the map the lower third and the controls leave visible. */
  private frameAboveCaption(): void {
    const third = this.overlay.querySelector<HTMLElement>('.present-third');
    this.ctx.atlas.map.setPadding({ top: 70, bottom: third?.offsetHeight ?? 0, left: 0, right: 0 });
  }

  next = () => void this.go(this.index + 1);
  previous = () => void this.go(this.index - 1);

  /** Ends the presentation: the view underneath, layers, overlay, keys and full screen. */
  stop(): void {
    this.token++;
    this.child?.unmount(this.ctx);
    this.child = null;
    this.host.replaceChildren();
    this.ctx.atlas.setLayers('story', null);
    this.ctx.atlas.setSelected([]);
    this.ctx.atlas.map.setPadding({ top: 0, bottom: 0, left: 0, right: 0 });
    this.overlay.remove();
    document.body.classList.remove('presenting');
    setSnapshotText(null);
    this.ctx.atlas.map.off('moveend', this.onMoveEnd);
    window.removeEventListener('keydown', this.onKey, true);
    document.removeEventListener('fullscreenchange', this.onFullscreen);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    requestAnimationFrame(() => this.ctx.atlas.map.resize());
  }

  get view(): View | null {
    return this.child;
  }

  /** The title and lines a saved PNG carries: the story, the step, its caption and source. */
  snapshotText(): { title: string; lines: string[] } {
    const step = this.story.steps[this.index];
    return {
      title: `${lang(this.story.title)}（${this.index + 1}/${this.story.steps.length}）`,
      lines: [lang(step.caption), `${t('出典', 'Source')}: ${step.source}`],
    };
  }

  renderOverlay(step: StoryStep): void {
    const total = this.story.steps.length;
    this.overlay.setAttribute('aria-label', `${lang(this.story.title)} ${this.index + 1}/${total}`);
    this.overlay.innerHTML = `
      <div class="present-controls">
        <button type="button" data-act="leave" title="Esc">✕ ${t('終了', 'Leave')}</button>
        <button type="button" data-act="prev" title="←" ${this.index === 0 ? 'disabled' : ''} aria-label="${t('前へ', 'Previous')}">‹</button>
        <span class="present-counter" data-testid="present-counter" aria-live="polite">${this.index + 1} / ${total}</span>
        <button type="button" data-act="next" title="→ / Space" ${this.index === total - 1 ? 'disabled' : ''} aria-label="${t('次へ', 'Next')}">›</button>
        <button type="button" data-act="save" title="${t('スライド用PNG（2倍）', 'PNG for slides (2×)')}">${t('画像を保存', 'Save image')}</button>
      </div>
      <div class="present-third">
        <div class="present-title">${esc(lang(this.story.title))}</div>
        <p class="present-caption" data-testid="present-caption">${esc(lang(step.caption))}</p>
        <div class="present-source">${t('出典', 'Source')}: ${esc(step.source)}<span class="present-data">${this.ctx.sources.items.map((s) => esc(s.attribution)).join(' ｜ ')}</span></div>
      </div>`;
    this.overlay.querySelector('.present-controls')!.addEventListener('click', (e) => {
      const act = (e.target as HTMLElement).closest<HTMLButtonElement>('button')?.dataset.act;
      if (act === 'leave') this.onLeave();
      else if (act === 'prev') this.previous();
      else if (act === 'next') this.next();
      else if (act === 'save') void saveSnapshot(this.ctx, { scale: 2, ...this.snapshotText() });
    });
  }

  private onKey = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target as HTMLElement;
    if (target.closest('input, select, textarea')) return;
    const last = this.story.steps.length - 1;
    const actions: Record<string, () => void> = {
      ArrowRight: this.next,
      ' ': this.next,
      PageDown: this.next,
      ArrowLeft: this.previous,
      PageUp: this.previous,
      Home: () => void this.go(0),
      End: () => void this.go(last),
      Escape: this.onLeave,
    };
    const action = actions[e.key];
    if (!action || (e.key === ' ' && target.closest('button'))) return;
    // Captured before MapLibre's own arrow-key panning.
    e.preventDefault();
    e.stopPropagation();
    action();
  };

  /** Esc in full screen is taken by the browser: leaving full screen we entered also leaves the presentation. */
  private onFullscreen = () => {
    if (!document.fullscreenElement && this.enteredFullscreen) this.onLeave();
  };
}

let current: Presentation | null = null;
let context: AppContext | null = null;
let panelEl: HTMLElement | null = null;

/** Starts `id` at step `n` (0-based); `fromUser` when a click or key started it (full screen allowed). */
async function start(ctx: AppContext, panel: HTMLElement, id: string, n: number, fromUser: boolean): Promise<void> {
  const story = await api<Story>(`/api/stories/${encodeURIComponent(id)}`);
  current?.stop();
  panel.replaceChildren();
  const host = document.createElement('div');
  host.className = 'present-host';
  panel.append(host);
  current = new Presentation(ctx, story, host, () => leave(ctx, panel));
  if (fromUser) current.requestFullscreen();
  await current.go(n, { instant: !fromUser });
}

/** Leaves the presentation and shows the list again, keeping the camera. */
function leave(ctx: AppContext, panel: HTMLElement): void {
  if (!current) return;
  const keys = Object.keys(current.story.steps[current.index].state);
  current.stop();
  current = null;
  ctx.state.set(Object.fromEntries([...ownKeys, ...keys].map((k) => [k, null])), { silent: true });
  void renderList(ctx, panel);
}

async function renderList(ctx: AppContext, panel: HTMLElement): Promise<void> {
  panel.innerHTML = `<h2>${t('発表', 'Present')}</h2><p class="sub">${t('読み込み中…', 'Loading…')}</p>`;
  const list = await api<StoryList>('/api/stories');
  if (panel !== panelEl || current) return;
  panel.innerHTML = `
    <h2>${t('発表：連携のストーリー', 'Present: partnership stories')}</h2>
    <p class="sub">${t('全画面で一歩ずつ見せます。→・スペースで次へ、←で前へ、Escで終了。各ステップにリンクがあります。', 'Full screen, one step at a time. → or Space for next, ← for previous, Esc to leave. Every step has its own link.')}</p>
    <ol class="story-list">${list.items
      .map(
        (s) => `<li>
          <h3>${esc(lang(s.title))}</h3>
          <p>${esc(lang(s.summary))}</p>
          <button type="button" class="btn" data-story="${esc(s.id)}">${t('発表を始める', 'Start')}</button>
          <span class="sub">${t(`${s.steps}ステップ`, `${s.steps} steps`)}</span>
        </li>`,
      )
      .join('')}</ol>`;
  panel.querySelector('.story-list')!.addEventListener('click', (e) => {
    const id = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-story]')?.dataset.story;
    if (id) void start(ctx, panel, id, 0, true).catch((err: Error) => ctx.toast(err.message));
  });
}

/** The step in the URL (1-based there), as a 0-based index. */
const urlStep = (ctx: AppContext) => Math.max(0, (Number.parseInt(ctx.state.get('step') ?? '1', 10) || 1) - 1);

/**
 * Present: a list of partnership stories; starting one enters a full-screen presentation whose every
 * step has its own URL (`?view=present&story=komae-nagaoka&step=3`).
 */
export const presentView: ViewBody = {
  async mount(ctx, panel) {
    context = ctx;
    panelEl = panel;
    const id = ctx.state.get('story');
    if (id) {
      try {
        await start(ctx, panel, id, urlStep(ctx), false);
        return;
      } catch (err) {
        ctx.toast((err as Error).message);
        ctx.state.set({ story: null, step: null }, { silent: true });
      }
    }
    await renderList(ctx, panel);
  },
  unmount() {
    current?.stop();
    current = null;
    panelEl = null;
  },
  tooltip(m) {
    return current?.view?.tooltip?.(m) ?? null;
  },
  onMapClick(code, event) {
    return current?.view?.onMapClick?.(code, event) ?? false;
  },
  onSelect(code) {
    current?.view?.onSelect?.(code);
    // A selection (e.g. `sel` in a link, applied after the view mounted) must not hide the step's outline.
    current?.drawStep();
  },
  onStateChange(changed) {
    // Back/forward or an edited link: follow the story and step in the URL.
    if (context && panelEl && (changed.has('story') || changed.has('step'))) {
      const id = context.state.get('story');
      if (!id) leave(context, panelEl);
      else if (current?.story.id === id) void current.go(urlStep(context));
      else void start(context, panelEl, id, urlStep(context), false).catch((err: Error) => context?.toast(err.message));
      return;
    }
    current?.view?.onStateChange?.(changed);
  },
};
