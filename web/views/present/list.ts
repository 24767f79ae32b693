/** The Present tab's list of stories, each with its summary and a start button. */
import type { StoryList } from '../../../domain/records/stories.ts';
import { inLang, t } from '../../i18n.ts';
import { html, setHtml } from '../../ui/html.ts';

/**
 * Shows "loading", then the stories from `load` — unless `stillWanted()` says the panel has moved on meanwhile —
 * and calls `onStart` with the id of the story whose button is pressed.
 */
export async function renderList(panel: HTMLElement, load: () => Promise<StoryList>, stillWanted: () => boolean, onStart: (id: string) => void): Promise<void> {
  setHtml(panel, html`<h2>${t('発表', 'Present')}</h2><p class="sub">${t('読み込み中…', 'Loading…')}</p>`);
  const list = await load();
  if (!stillWanted()) return;
  setHtml(
    panel,
    html`
    <h2>${t('発表：連携のストーリー', 'Present: partnership stories')}</h2>
    <p class="sub">${t('全画面で一歩ずつ見せます。→・スペースで次へ、←で前へ、Escで終了。各ステップにリンクがあります。', 'Full screen, one step at a time. → or Space for next, ← for previous, Esc to leave. Every step has its own link.')}</p>
    <ol class="story-list">${list.items.map(
      (s) => html`<li>
          <h3>${inLang(s.title)}</h3>
          <p>${inLang(s.summary)}</p>
          <button type="button" class="btn" data-story="${s.id}">${t('発表を始める', 'Start')}</button>
          <span class="sub">${t(`${s.steps}ステップ`, `${s.steps} steps`)}</span>
        </li>`,
    )}</ol>`,
  );
  panel.querySelector('.story-list')!.addEventListener('click', (e) => {
    const id = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-story]')?.dataset.story;
    if (id) onStart(id);
  });
}
