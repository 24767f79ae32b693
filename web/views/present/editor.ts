/**
 * The story editor: a presenter builds a story from views of the atlas. The chosen view runs underneath the editor
 * (its own controls below it, its layers on the map); "add this view as a step" captures what the URL holds.
 * Steps are captioned, sourced, annotated, reordered, duplicated, deleted and previewed; the story is saved with the
 * write token. The draft is kept in this tab's session storage, so a reload or a language switch keeps it.
 */
import type { Story, StoryAnnotation, StoryStep, StoryView } from '../../../domain/records/stories.ts';
import { ApiClientError, api, canWrite } from '../../api.ts';
import type { AppContext, View } from '../../context.ts';
import { t } from '../../i18n.ts';
import { html, setHtml } from '../../ui/html.ts';
import { type DraftProblem, captureStep, checkDraft, duplicateStep, fieldOfError, isStoryView, moveStep, removeStep, storyToSave } from './draft.ts';
import { editorMarkup, noCaption } from './editor-form.ts';
import { annotationLayers } from './annotations.ts';
import { downloadStoryJson } from './share.ts';
import { takeThumbnailWhenIdle } from './thumbnails.ts';
import './editor.css';

/** What the editor asks of the Present view. */
export interface EditorHost {
  /** Plays the draft from step `n` (0-based); the editor comes back when the preview ends. */
  preview(story: Story, n: number): void;
  /** Builds the .pptx or the printed handout of the draft. */
  exportStory(story: Story, kind: 'pptx' | 'handout'): void;
  /** Leaves the editor for the story list. */
  close(): void;
}

const draftKey = 'renkei-atlas-story-draft';

/** The draft of this browser tab: the story, the id it is stored under (null before its first save) and the step chosen. */
export interface Draft {
  story: Story;
  savedId: string | null;
  selected: number;
}

export const loadDraft = (): Draft | null => {
  try {
    return JSON.parse(sessionStorage.getItem(draftKey) ?? 'null') as Draft | null;
  } catch {
    return null;
  }
};
export const clearDraft = () => sessionStorage.removeItem(draftKey);

const tokenMessage = () =>
  t(
    '保存・削除には書き込みトークンが必要です。サーバー起動時に表示されたURL（…?token=…）でこのページを開き直してください。下書きはこのタブに残ります。',
    'Saving and deleting need the write token: reopen the atlas with the URL the server printed at start (…?token=…). The draft stays in this tab.',
  );

/** Sets `value` at a dotted path (`steps.1.caption.ja`) inside `target`, creating objects on the way. */
function setPath(target: Record<string, unknown>, path: string, value: string): void {
  const keys = path.split('.');
  let obj = target;
  for (const k of keys.slice(0, -1)) {
    obj[k] ??= {};
    obj = obj[k] as Record<string, unknown>;
  }
  obj[keys.at(-1)!] = value;
}

export class StoryEditor {
  private child: View | null = null;
  private childId: StoryView = 'explore';
  private readonly form: HTMLElement;
  private readonly host: HTMLElement;
  private alive = true;

  constructor(
    private readonly ctx: AppContext,
    panel: HTMLElement,
    private draft: Draft,
    private readonly owner: EditorHost,
  ) {
    this.form = document.createElement('div');
    this.form.className = 'story-editor';
    this.form.dataset.testid = 'story-editor';
    this.host = document.createElement('div');
    this.host.className = 'story-editor-view';
    panel.replaceChildren(this.form, this.host, this.placesList());
    this.form.addEventListener('click', this.onClick);
    this.form.addEventListener('input', this.onInput);
    this.form.addEventListener('change', this.onChange);
    const step = draft.story.steps[draft.selected];
    this.childId = step?.view ?? (isStoryView(ctx.state.get('view') ?? '') ? (ctx.state.get('view') as StoryView) : 'explore');
    this.render();
    void (step ? this.show(step) : this.mountChild(this.childId));
  }

  /** The view running underneath, for the Present view to pass tooltips, clicks and URL changes on. */
  get view(): View | null {
    return this.child;
  }

  stop(): void {
    this.alive = false;
    this.child?.unmount(this.ctx);
    this.child = null;
    this.ctx.atlas.setLayers('story', null);
  }

  /** Every municipality for the annotations' place inputs. */
  private placesList(): HTMLElement {
    const list = document.createElement('datalist');
    list.id = 'story-places';
    setHtml(list, html`${[...this.ctx.munis.values()].map((m) => html`<option value="${`${m.code} ${m.prefName}${m.name}`}"></option>`)}`);
    return list;
  }

  private keep(): void {
    sessionStorage.setItem(draftKey, JSON.stringify(this.draft));
  }

  private render(focus?: { act: string; i: number }): void {
    setHtml(this.form, editorMarkup({ ctx: this.ctx, ...this.draft, view: this.childId, writable: canWrite() }, tokenMessage()));
    if (focus) this.form.querySelector<HTMLElement>(`li[data-i="${focus.i}"] button[data-act="${focus.act}"]:not(:disabled)`)?.focus();
    this.drawAnnotations();
    this.keep();
  }

  /** The chosen step's annotations on the map, as they will play. */
  private drawAnnotations(): void {
    const step = this.draft.story.steps[this.draft.selected];
    this.ctx.atlas.setLayers('story', step?.annotations?.length ? annotationLayers(this.ctx, step.annotations) : null);
  }

  /** Mounts view `id` underneath the editor (its controls in the editor's lower part). */
  private async mountChild(id: StoryView): Promise<void> {
    this.child?.unmount(this.ctx);
    this.child = null;
    this.childId = id;
    this.host.replaceChildren();
    const next = this.ctx.viewById(id);
    if (!next) return;
    try {
      await next.mount(this.ctx, this.host);
    } catch (err) {
      this.ctx.toast((err as Error).message);
    }
    if (!this.alive || this.childId !== id) next.unmount(this.ctx);
    else this.child = next;
    this.drawAnnotations();
  }

  /** Shows a step as it will play: its URL keys, its camera and its view underneath. */
  private async show(step: StoryStep): Promise<void> {
    const { ctx } = this;
    const clear: Record<string, null> = {};
    for (const k of new URLSearchParams(location.search).keys()) if (!['view', 'c', 'lang', 'edit'].includes(k) && !(k in step.state)) clear[k] = null;
    ctx.state.set({ ...clear, ...step.state }, { silent: true });
    ctx.state.setCamera(step.camera);
    const { lon, lat, zoom, pitch, bearing } = step.camera;
    ctx.atlas.map.jumpTo({ center: [lon, lat], zoom, pitch, bearing });
    await this.mountChild(step.view);
    ctx.atlas.map.jumpTo({ center: [lon, lat], zoom, pitch, bearing });
    takeThumbnailWhenIdle(ctx, step, () => this.alive && this.draft.story.steps[this.draft.selected] === step);
  }

  private setSteps(steps: StoryStep[], selected: number, focus?: { act: string; i: number }): void {
    this.draft.story.steps = steps;
    this.draft.selected = Math.max(0, Math.min(steps.length - 1, selected));
    this.render(focus);
  }

  private capture(): StoryStep {
    return captureStep(this.childId, new URLSearchParams(location.search), this.ctx.atlas.camera());
  }

  private message(text: string, kind: 'ok' | 'warn' = 'ok'): void {
    const el = this.form.querySelector<HTMLElement>('#story-msg')!;
    el.className = `story-msg ${kind}`;
    el.textContent = text;
  }

  /** Names what is wrong and marks the input of the first field (choosing its step first). */
  private showProblems(problems: DraftProblem[]): void {
    const first = problems[0];
    const step = /^steps\.(\d+)\./.exec(first.field);
    if (step && Number(step[1]) !== this.draft.selected) {
      this.draft.selected = Number(step[1]);
      this.render();
    }
    this.message(problems.map((p) => `${p.field || t('ファイル', 'file')}: ${p.message}`).join(' ／ '), 'warn');
    const input = this.form.querySelector<HTMLElement>(`[data-field="${first.field}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } else if (step) this.form.querySelector(`li[data-i="${step[1]}"]`)?.classList.add('invalid');
  }

  private async save(): Promise<void> {
    const body = storyToSave(this.draft.story);
    const problems = checkDraft(body);
    if (problems.length) return this.showProblems(problems);
    const { savedId } = this.draft;
    try {
      const request = { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      await (savedId ? api('/api/stories/:id', { id: savedId }, { ...request, method: 'PUT' }) : api('/api/stories', { ...request, method: 'POST' }));
      this.draft.savedId = body.id;
      this.render();
      this.message(t(`「${body.title.ja}」を保存しました。`, `Saved "${body.title.en}".`));
    } catch (err) {
      if (err instanceof ApiClientError && err.status === 401) return this.message(tokenMessage(), 'warn');
      const field = fieldOfError((err as Error).message);
      if (field) this.showProblems([{ field, message: (err as Error).message }]);
      else this.message((err as Error).message, 'warn');
    }
  }

  private async remove(): Promise<void> {
    const id = this.draft.savedId;
    if (!id || !confirm(t(`ストーリー「${this.draft.story.title.ja}」を削除しますか？`, `Delete the story "${this.draft.story.title.en || this.draft.story.title.ja}"?`))) return;
    try {
      await api('/api/stories/:id', { id }, { method: 'DELETE' });
      clearDraft();
      this.owner.close();
      this.ctx.toast(t('削除しました。', 'Deleted.'));
    } catch (err) {
      this.message(err instanceof ApiClientError && err.status === 401 ? tokenMessage() : (err as Error).message, 'warn');
    }
  }

  private onClick = (e: Event) => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-act]');
    if (!button) return;
    const act = button.dataset.act!;
    const i = Number(button.closest<HTMLElement>('li[data-i]')?.dataset.i ?? this.draft.selected);
    const { steps } = this.draft.story;
    const step = steps[this.draft.selected];
    switch (act) {
      case 'add': {
        const added = this.capture();
        takeThumbnailWhenIdle(this.ctx, added);
        this.setSteps([...steps, added], steps.length);
        this.form.querySelector<HTMLElement>(`[data-field="steps.${steps.length - 1}.caption.ja"]`)?.focus();
        break;
      }
      case 'select':
        this.draft.selected = i;
        this.render();
        void this.show(steps[i]);
        break;
      case 'up':
        this.setSteps(moveStep(steps, i, -1), i - 1, { act: 'up', i: i - 1 });
        break;
      case 'down':
        this.setSteps(moveStep(steps, i, 1), i + 1, { act: 'down', i: i + 1 });
        break;
      case 'duplicate':
        this.setSteps(duplicateStep(steps, i), i + 1, { act: 'duplicate', i: i + 1 });
        break;
      case 'remove':
        this.setSteps(removeStep(steps, i), Math.min(i, steps.length - 2));
        break;
      case 'preview':
        if (steps.length) this.owner.preview(storyToSave(this.draft.story), i);
        break;
      case 'recapture':
        if (step) {
          const { caption, title, source, annotations } = step;
          const fresh = { ...this.capture(), caption, source, ...(title ? { title } : {}), ...(annotations ? { annotations } : {}) };
          takeThumbnailWhenIdle(this.ctx, fresh);
          this.setSteps(
            steps.map((s, j) => (j === this.draft.selected ? fresh : s)),
            this.draft.selected,
          );
        }
        break;
      case 'add-callout':
      case 'add-arrow':
        if (step) {
          const sel = this.ctx.state.get('sel') ?? step.highlight[0] ?? '';
          const note: StoryAnnotation = act === 'add-callout' ? { type: 'callout', code: sel, text: { ja: '' } } : { type: 'arrow', from: sel, to: '' };
          step.annotations = [...(step.annotations ?? []), note];
          this.render();
        }
        break;
      case 'remove-annotation':
        if (step) {
          step.annotations = (step.annotations ?? []).filter((_, j) => j !== Number(button.dataset.j));
          this.render();
        }
        break;
      case 'save':
        void this.save();
        break;
      case 'delete':
        void this.remove();
        break;
      case 'export-json':
        downloadStoryJson(storyToSave(this.draft.story));
        break;
      case 'pptx':
      case 'handout': {
        const body = storyToSave(this.draft.story);
        const problems = checkDraft(body);
        if (problems.length) this.showProblems(problems);
        else this.owner.exportStory(body, act);
        break;
      }
      case 'close':
        clearDraft();
        this.owner.close();
        break;
    }
  };

  /** Typing into a field updates the draft without redrawing the form (the caret stays where it is). */
  private onInput = (e: Event) => {
    const input = e.target as HTMLInputElement | HTMLTextAreaElement;
    const field = input.dataset.field;
    if (!field) return;
    input.removeAttribute('aria-invalid');
    // Places are typed or picked as "13219 東京都狛江市": the code is what the story keeps.
    const value = /\.(code|from|to)$/.test(field) ? (/^\s*(\d{5})\b/.exec(input.value)?.[1] ?? input.value.trim()) : input.value;
    setPath(this.draft.story as unknown as Record<string, unknown>, field, value);
    this.keep();
    if (field.includes('.annotations.')) this.drawAnnotations();
    if (field.endsWith('caption.ja')) {
      const label = this.form.querySelector(`li[data-i="${this.draft.selected}"] [data-caption]`);
      if (label) label.textContent = value || noCaption();
    }
  };

  private onChange = (e: Event) => {
    const select = e.target as HTMLSelectElement;
    if (select.dataset.act === 'view' && isStoryView(select.value)) {
      // The last view's keys (its metric, filters…) are not the next view's: only the selection carries over.
      const clear = [...new URLSearchParams(location.search).keys()].filter((k) => !['view', 'c', 'lang', 'edit', 'sel'].includes(k));
      this.ctx.state.set(Object.fromEntries(clear.map((k) => [k, null])), { silent: true });
      void this.mountChild(select.value);
    }
    if (select.dataset.act === 'pick-source' && select.value) {
      const step = this.draft.story.steps[this.draft.selected];
      step.source = step.source.trim() ? `${step.source.trim()}; ${select.value}` : select.value;
      this.render();
    }
  };
}
