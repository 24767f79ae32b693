/**
 * Present: a list of partnership stories; starting one enters a full-screen presentation whose every
 * step has its own URL (`?view=present&story=komae-nagaoka&step=3`). Presenters write their own stories in the
 * editor (`?view=present&edit=draft`), and take any story to PowerPoint or a printed handout.
 *
 * Files: presentation (stepping, camera, the view underneath), overlay, keys, layers, annotations, list, editor
 * (+ editor-form, draft), share, capture, pptx, handout, thumbnails; this file holds the view's state and follows the URL.
 */
import { citationsOf } from '../../../domain/citations.ts';
import type { Municipality } from '../../../domain/records/municipalities.ts';
import { type Story, type StoryAnswer, storyFromAnswer } from '../../../domain/records/stories.ts';
import { api } from '../../api.ts';
import type { AppContext, View, ViewBody } from '../../context.ts';
import { t } from '../../i18n.ts';
import { download } from '../../ui/export.ts';
import type { Html } from '../../ui/html.ts';
import { captureSteps } from './capture.ts';
import { copyOf, emptyStory } from './draft.ts';
import { type Draft, StoryEditor, clearDraft, loadDraft } from './editor.ts';
import { renderList } from './list.ts';
import { Presentation, ownKeys } from './presentation.ts';
import './present.css';

/** What the view holds while mounted. */
interface PresentState {
  ctx: AppContext;
  panel: HTMLElement;
  /** The presentation running (also while previewing or exporting), or null. */
  running: Presentation | null;
  /** The story editor, or null. */
  editor: StoryEditor | null;
  /** The ids of the stories listed last, so new and imported stories get a free one. */
  taken: Set<string>;
  /** False once the view is unmounted: a story list that arrives later is not drawn. */
  alive: boolean;
}

/** The step in the URL (1-based there), as a 0-based index. */
const urlStep = (ctx: AppContext) => Math.max(0, (Number.parseInt(ctx.state.get('step') ?? '1', 10) || 1) - 1);

/** A story as the API would answer it: each step's source as citations. */
const asAnswer = (story: Story): StoryAnswer => ({ ...story, steps: story.steps.map(({ source, ...step }) => ({ ...step, sources: citationsOf(source) })) });

const fetchStory = (id: string) => api('/api/stories/:id', { id });

/** Plays `story` from step `n` (0-based); `fromUser` when a click or key started it (full screen allowed). */
async function play(s: PresentState, story: StoryAnswer, n: number, fromUser: boolean, onLeave: () => void): Promise<Presentation> {
  s.running?.stop();
  s.editor?.stop();
  s.editor = null;
  s.panel.replaceChildren();
  const host = document.createElement('div');
  host.className = 'present-host';
  s.panel.append(host);
  const running = new Presentation(s.ctx, story, host, onLeave);
  s.running = running;
  if (fromUser) running.requestFullscreen();
  await running.go(n, { instant: !fromUser });
  return running;
}

/** Starts the saved or seed story `id` at step `n`. */
async function start(s: PresentState, id: string, n: number, fromUser: boolean): Promise<void> {
  await play(s, await fetchStory(id), n, fromUser, () => leave(s));
}

/** Ends the presentation and clears its URL keys, keeping the camera. */
function stopRunning(s: PresentState): void {
  const running = s.running;
  if (!running) return;
  const keys = Object.keys(running.story.steps[running.index].state);
  running.stop();
  s.running = null;
  s.ctx.state.set(Object.fromEntries([...ownKeys, ...keys].map((k) => [k, null])), { silent: true });
}

/** Leaves the presentation and shows the list again. */
function leave(s: PresentState): void {
  if (!s.running) return;
  stopRunning(s);
  void showList(s);
}

function openEditor(s: PresentState, draft: Draft): void {
  stopRunning(s);
  s.editor?.stop();
  s.ctx.state.set({ edit: 'draft' }, { silent: true });
  s.editor = new StoryEditor(s.ctx, s.panel, draft, {
    preview: (story, n) => {
      void play(s, asAnswer(story), n, true, () => {
        stopRunning(s);
        reopenEditor(s);
      });
    },
    exportStory: (story, kind) => void exportStory(s, asAnswer(story), kind, () => reopenEditor(s)),
    close: () => {
      s.editor?.stop();
      s.editor = null;
      s.ctx.state.set({ edit: null }, { silent: true });
      void showList(s);
    },
  });
}

/** Back to the editor with the draft of this tab. */
function reopenEditor(s: PresentState): void {
  const draft = loadDraft();
  if (draft) openEditor(s, draft);
  else void showList(s);
}

/**
 * Plays every step at once, renders each, and builds the PowerPoint deck (downloaded) or the handout (printed);
 * then `after` puts back what was shown.
 */
async function exportStory(s: PresentState, story: StoryAnswer, kind: 'pptx' | 'handout', after: () => void): Promise<void> {
  const { ctx } = s;
  try {
    const running = await play(s, story, 0, false, () => undefined);
    const pictures = await captureSteps(ctx, running, story, (i) => ctx.toast(t(`書き出し中… ${i + 1} / ${story.steps.length}`, `Exporting… ${i + 1} / ${story.steps.length}`)));
    const link = (i: number) => `${location.origin}${location.pathname}?view=present&story=${encodeURIComponent(story.id)}&step=${i + 1}`;
    if (kind === 'pptx') {
      const { buildPptx } = await import('./pptx.ts');
      download(
        `${story.id}.pptx`,
        await buildPptx(
          story,
          pictures,
          story.steps.map((_, i) => link(i)),
        ),
      );
      ctx.toast(t('PowerPoint ファイルを書き出しました。', 'PowerPoint file exported.'));
    } else {
      const { printHandout } = await import('./handout.ts');
      printHandout(story, pictures);
    }
  } catch (err) {
    ctx.toast(t('書き出せませんでした: ', 'Could not export: ') + (err as Error).message);
  } finally {
    stopRunning(s);
    if (s.alive) after();
  }
}

async function showList(s: PresentState): Promise<void> {
  const fail = (err: Error) => s.ctx.toast(err.message);
  await renderList(
    s.panel,
    async () => {
      const list = await api('/api/stories');
      s.taken = new Set(list.items.map((x) => x.id));
      return list;
    },
    () => s.alive && !s.running && !s.editor,
    {
      start: (id) => void start(s, id, 0, true).catch(fail),
      edit: (id, origin) =>
        void fetchStory(id)
          .then((answer) => {
            const story = storyFromAnswer(answer);
            openEditor(s, origin === 'seed' ? { story: copyOf(story, s.taken), savedId: null, selected: 0 } : { story, savedId: id, selected: 0 });
          })
          .catch(fail),
      pptx: (id) =>
        void fetchStory(id)
          .then((answer) => exportStory(s, answer, 'pptx', () => void showList(s)))
          .catch(fail),
      create: () => {
        clearDraft();
        openEditor(s, { story: emptyStory(s.taken), savedId: null, selected: 0 });
      },
      imported: (story) => openEditor(s, { story, savedId: null, selected: 0 }),
    },
  );
}

class PresentView implements ViewBody {
  private s: PresentState | null = null;

  async mount(ctx: AppContext, panel: HTMLElement): Promise<void> {
    const s: PresentState = { ctx, panel, running: null, editor: null, taken: new Set(), alive: true };
    this.s = s;
    const id = ctx.state.get('story');
    const draft = ctx.state.get('edit') ? loadDraft() : null;
    if (draft && !id) return openEditor(s, draft);
    ctx.state.set({ edit: null }, { silent: true });
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
    this.s.editor?.stop();
    this.s.editor = null;
    this.s.alive = false;
    this.s = null;
  }

  /** The view underneath: the presentation's step or the editor's. */
  private get child(): View | null {
    return this.s?.running?.view ?? this.s?.editor?.view ?? null;
  }

  tooltip(m: Municipality): Html | null {
    return this.child?.tooltip?.(m) ?? null;
  }

  onMapClick(code: string, event: { shiftKey: boolean }): boolean {
    return this.child?.onMapClick?.(code, event) ?? false;
  }

  onSelect(code: string | null, options: { keepCamera: boolean }): void {
    this.child?.onSelect?.(code, options);
    // A selection (e.g. `sel` in a link, applied after the view mounted) must not hide the step's outline.
    this.s?.running?.drawStep();
  }

  onStateChange(changed: Set<string>): void {
    const s = this.s;
    if (!s) return;
    // Back/forward or an edited link: follow the story and step in the URL (not while writing a story).
    if (!s.editor && (changed.has('story') || changed.has('step'))) {
      const id = s.ctx.state.get('story');
      if (!id) leave(s);
      else if (s.running?.story.id === id) void s.running.go(urlStep(s.ctx));
      else void start(s, id, urlStep(s.ctx), false).catch((err: Error) => s.ctx.toast(err.message));
      return;
    }
    this.child?.onStateChange?.(changed);
  }
}

export const presentView: ViewBody = new PresentView();
