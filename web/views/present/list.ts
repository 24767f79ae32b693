/**
 * The Present tab's list of stories, each with its summary and buttons: start, edit (a presenter's own) or
 * duplicate (a seed story), PowerPoint; above them a new story and the import of a shared story file.
 */
import type { Story, StoryList } from '../../../domain/records/stories.ts';
import { inLang, t } from '../../i18n.ts';
import { html, setHtml } from '../../ui/html.ts';
import { readSharedStory } from './share.ts';

/** What the list's buttons do. */
export interface ListActions {
  start(id: string): void;
  /** Opens a presenter's own story in the editor, or a copy of a seed story. */
  edit(id: string, origin: 'seed' | 'user'): void;
  pptx(id: string): void;
  create(): void;
  /** Opens a story read from a file in the editor, unsaved. */
  imported(story: Story): void;
}

/**
 * Shows "loading", then the stories from `load` — unless `stillWanted()` says the panel has moved on meanwhile —
 * and wires the buttons to `actions`.
 */
export async function renderList(panel: HTMLElement, load: () => Promise<StoryList>, stillWanted: () => boolean, actions: ListActions): Promise<void> {
  setHtml(panel, html`<h2>${t('発表', 'Present')}</h2><p class="sub">${t('読み込み中…', 'Loading…')}</p>`);
  const list = await load();
  if (!stillWanted()) return;
  // A fresh element each time: the panel itself outlives the list, and its listeners would pile up.
  const root = document.createElement('div');
  panel.replaceChildren(root);
  setHtml(
    root,
    html`
    <h2>${t('発表：連携のストーリー', 'Present: partnership stories')}</h2>
    <p class="sub">${t('全画面で一歩ずつ見せます。→・スペース・PageDownで次へ、←・PageUpで前へ、Bで黒画面、Escで終了。各ステップにリンクがあります。', 'Full screen, one step at a time. →, Space or PageDown for next, ← or PageUp for previous, B for a black screen, Esc to leave. Every step has its own link.')}</p>
    <div class="btn-row story-new">
      <button type="button" class="btn" data-act="create" data-testid="story-create">${t('新しいストーリーを作る', 'New story')}</button>
      <label class="btn secondary story-import">${t('JSONを読み込む', 'Import JSON')}<input type="file" accept=".json,application/json" data-testid="story-import" hidden></label>
    </div>
    <div class="story-msg" id="story-import-msg" role="status" aria-live="polite"></div>
    <ol class="story-list">${list.items.map(
      (s) => html`<li data-origin="${s.origin}">
          <h3>${inLang(s.title)}${s.origin === 'user' && html` <span class="story-own">${t('自作', 'yours')}</span>`}</h3>
          <p>${inLang(s.summary)}</p>
          <div class="btn-row">
            <button type="button" class="btn" data-story="${s.id}">${t('発表を始める', 'Start')}</button>
            <button type="button" class="btn secondary" data-edit="${s.id}" data-origin="${s.origin}">${s.origin === 'seed' ? t('複製して編集', 'Duplicate to edit') : t('編集', 'Edit')}</button>
            <button type="button" class="btn secondary" data-pptx="${s.id}">${t('PowerPoint に書き出す', 'Export to PowerPoint')}</button>
            <span class="sub">${t(`${s.steps}ステップ`, `${s.steps} steps`)}</span>
          </div>
        </li>`,
    )}</ol>`,
  );
  const taken = new Set(list.items.map((s) => s.id));
  root.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button');
    if (!b) return;
    if (b.dataset.story) actions.start(b.dataset.story);
    else if (b.dataset.edit) actions.edit(b.dataset.edit, b.dataset.origin === 'seed' ? 'seed' : 'user');
    else if (b.dataset.pptx) actions.pptx(b.dataset.pptx);
    else if (b.dataset.act === 'create') actions.create();
  });
  const msg = root.querySelector<HTMLElement>('#story-import-msg')!;
  root.querySelector<HTMLInputElement>('[data-testid="story-import"]')!.addEventListener('change', async (e) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const read = await readSharedStory(file, taken);
    if (!read.story) {
      msg.className = 'story-msg warn';
      msg.textContent = `${t('読み込めません', 'Cannot import')} ${file.name}: ${read.problems.map((p) => `${p.field || t('ファイル', 'file')}: ${p.message}`).join(' ／ ')}`;
      return;
    }
    const story = read.story;
    if (!read.newId) return actions.imported(story);
    msg.className = 'story-msg warn';
    setHtml(
      msg,
      html`${t(`ID「${story.id}」のストーリーはすでにあります（見本か保存済み）。上書きはしません。`, `A story with the id "${story.id}" exists already (a seed story or a saved one); it is not overwritten.`)}
      <button type="button" class="btn" data-testid="story-import-newid">${t(`新しいID「${read.newId}」で読み込む`, `Import with the new id "${read.newId}"`)}</button>`,
    );
    msg.querySelector('button')!.addEventListener('click', () => actions.imported({ ...story, id: read.newId! }));
  });
}
