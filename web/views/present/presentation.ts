/**
 * A running presentation: the story, the step shown, the view underneath, the overlay and the keys.
 * Lives apart from the Present tab's list so that stepping can swap the view underneath.
 */
import type { StoryAnswer, StoryStepAnswer } from '../../../domain/records/stories.ts';
import type { AppContext, View } from '../../context.ts';
import { inLang, t } from '../../i18n.ts';
import { citationLine } from '../../ui/citations.ts';
import { saveSnapshot, setSnapshotText } from '../../ui/snapshot.ts';
import { stepKeyAction } from './keys.ts';
import { annotationLayers } from './annotations.ts';
import { storyLabels, storyLayers } from './layers.ts';
import { takeThumbnailWhenIdle } from './thumbnails.ts';
import { renderOverlay } from './overlay.ts';

/** Camera move between steps, in ms (jumps when the user prefers reduced motion). */
const flyMs = 2200;
/** URL keys the presentation itself owns. */
export const ownKeys = ['story', 'step'];

export class Presentation {
  index = 0;
  private child: View | null = null;
  private childState = '';
  /** URL keys the shown step set, cleared when the next step does not set them. */
  private stepKeys: string[] = [];
  private overlay: HTMLElement;
  private token = 0;
  private enteredFullscreen = false;
  private stepsOpen = false;
  /** The black screen (B), over everything including the overlay. */
  private readonly black: HTMLElement;

  constructor(
    private readonly ctx: AppContext,
    readonly story: StoryAnswer,
    private readonly host: HTMLElement,
    private readonly onLeave: () => void,
  ) {
    this.overlay = document.createElement('div');
    this.overlay.className = 'present-overlay';
    this.overlay.setAttribute('role', 'region');
    this.overlay.setAttribute('aria-roledescription', 'slide');
    this.black = document.createElement('div');
    this.black.className = 'present-black';
    this.black.dataset.testid = 'present-black';
    this.black.hidden = true;
    this.black.addEventListener('click', () => (this.black.hidden = true));
    document.body.append(this.overlay, this.black);
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
    this.black.hidden = true;
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
    // Marks the step as drawn (view mounted, layers set), for tests and anyone waiting on it.
    this.overlay.dataset.drawn = String(this.index + 1);
    takeThumbnailWhenIdle(
      ctx,
      step,
      () => token === this.token,
      (picture) => this.showThumbnail(this.index, picture),
    );
  }

  /**
   * Flies to the step's camera. The flight's move events carry `storyStep`, so that its end — also when the next
   * flight or a drag cuts it short — puts the step's own camera back in the URL instead of a point mid-flight.
   */
  private fly(step: StoryStepAnswer, instant = false): void {
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
    this.ctx.atlas.setLayers('story', [...storyLayers(this.ctx, step), ...annotationLayers(this.ctx, step.annotations)]);
    this.ctx.atlas.setLabels('story', storyLabels(this.ctx, step));
  }

  /** Puts a picture just taken into the open step list. */
  private showThumbnail(i: number, picture: string): void {
    const slot = this.overlay.querySelector(`[data-jump="${i}"] .thumb-none`);
    if (!slot) return;
    const img = document.createElement('img');
    Object.assign(img, { src: picture, alt: '', width: 160, height: 90 });
    slot.replaceWith(img);
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
    this.ctx.atlas.setLabels('story', null);
    this.ctx.atlas.setSelected([]);
    this.ctx.atlas.map.setPadding({ top: 0, bottom: 0, left: 0, right: 0 });
    this.overlay.remove();
    this.black.remove();
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
      title: `${inLang(this.story.title)}（${this.index + 1}/${this.story.steps.length}）`,
      lines: [inLang(step.caption), `${t('出典', 'Source')}: ${citationLine(step.sources)}`],
    };
  }

  renderOverlay(step: StoryStepAnswer): void {
    renderOverlay(this.overlay, this.ctx, this.story, this.index, step, this.stepsOpen, {
      steps: () => {
        this.stepsOpen = !this.stepsOpen;
        this.renderOverlay(this.story.steps[this.index]);
        this.overlay.querySelector<HTMLElement>(this.stepsOpen ? '[aria-current="step"]' : '[data-act="steps"]')?.focus();
      },
      jump: (i) => {
        this.stepsOpen = false;
        void this.go(i);
      },
      leave: this.onLeave,
      previous: this.previous,
      next: this.next,
      save: () => void saveSnapshot(this.ctx, { scale: 2, ...this.snapshotText() }),
    });
  }

  private onKey = (e: KeyboardEvent) => {
    const action = stepKeyAction(e, {
      next: this.next,
      previous: this.previous,
      first: () => void this.go(0),
      last: () => void this.go(this.story.steps.length - 1),
      black: () => (this.black.hidden = !this.black.hidden),
      leave: this.onLeave,
    });
    if (!action) return;
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
