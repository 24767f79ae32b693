/**
 * Present: a list of partnership stories; starting one enters a full-screen presentation whose every
 * step has its own URL (`?view=present&story=komae-nagaoka&step=3`).
 *
 * Files: presentation (stepping, camera, the view underneath), overlay, keys, layers, list; this file holds the
 * view's state and follows the URL.
 */
import type { StoryAnswer, StoryList } from '../../../domain/records/stories.ts';
import type { Municipality } from '../../../domain/records/municipalities.ts';
import { api } from '../../api.ts';
import type { AppContext, ViewBody } from '../../context.ts';
import type { Html } from '../../ui/html.ts';
import { renderList } from './list.ts';
import { Presentation, ownKeys } from './presentation.ts';
import './present.css';

/** What the view holds while mounted. */
interface PresentState {
  ctx: AppContext;
  panel: HTMLElement;
  /** The presentation running, or null while the list shows. */
  running: Presentation | null;
  /** False once the view is unmounted: a story list that arrives later is not drawn. */
  alive: boolean;
}

/** The step in the URL (1-based there), as a 0-based index. */
const urlStep = (ctx: AppContext) => Math.max(0, (Number.parseInt(ctx.state.get('step') ?? '1', 10) || 1) - 1);

/** Starts `id` at step `n` (0-based); `fromUser` when a click or key started it (full screen allowed). */
async function start(s: PresentState, id: string, n: number, fromUser: boolean): Promise<void> {
  const story = await api<StoryAnswer>(`/api/stories/${encodeURIComponent(id)}`);
  s.running?.stop();
  s.panel.replaceChildren();
  const host = document.createElement('div');
  host.className = 'present-host';
  s.panel.append(host);
  s.running = new Presentation(s.ctx, story, host, () => leave(s));
  if (fromUser) s.running.requestFullscreen();
  await s.running.go(n, { instant: !fromUser });
}

/** Leaves the presentation and shows the list again, keeping the camera. */
function leave(s: PresentState): void {
  const running = s.running;
  if (!running) return;
  const keys = Object.keys(running.story.steps[running.index].state);
  running.stop();
  s.running = null;
  s.ctx.state.set(Object.fromEntries([...ownKeys, ...keys].map((k) => [k, null])), { silent: true });
  void showList(s);
}

async function showList(s: PresentState): Promise<void> {
  await renderList(
    s.panel,
    () => api<StoryList>('/api/stories'),
    () => s.alive && !s.running,
    (id) => void start(s, id, 0, true).catch((err: Error) => s.ctx.toast(err.message)),
  );
}

class PresentView implements ViewBody {
  private s: PresentState | null = null;

  async mount(ctx: AppContext, panel: HTMLElement): Promise<void> {
    const s: PresentState = { ctx, panel, running: null, alive: true };
    this.s = s;
    const id = ctx.state.get('story');
    if (id) {
      try {
        await start(s, id, urlStep(ctx), false);
        return;
      } catch (err) {
        ctx.toast((err as Error).message);
        ctx.state.set({ story: null, step: null }, { silent: true });
      }
    }
    await showList(s);
  }

  unmount(): void {
    if (!this.s) return;
    this.s.running?.stop();
    this.s.running = null;
    this.s.alive = false;
    this.s = null;
  }

  tooltip(m: Municipality): Html | null {
    return this.s?.running?.view?.tooltip?.(m) ?? null;
  }

  onMapClick(code: string, event: { shiftKey: boolean }): boolean {
    return this.s?.running?.view?.onMapClick?.(code, event) ?? false;
  }

  onSelect(code: string | null): void {
    const running = this.s?.running;
    running?.view?.onSelect?.(code);
    // A selection (e.g. `sel` in a link, applied after the view mounted) must not hide the step's outline.
    running?.drawStep();
  }

  onStateChange(changed: Set<string>): void {
    const s = this.s;
    if (!s) return;
    // Back/forward or an edited link: follow the story and step in the URL.
    if (changed.has('story') || changed.has('step')) {
      const id = s.ctx.state.get('story');
      if (!id) leave(s);
      else if (s.running?.story.id === id) void s.running.go(urlStep(s.ctx));
      else void start(s, id, urlStep(s.ctx), false).catch((err: Error) => s.ctx.toast(err.message));
      return;
    }
    s.running?.view?.onStateChange?.(changed);
  }
}

export const presentView: ViewBody = new PresentView();
