/** The presentation's overlay: the controls at the top and the lower third with title, caption and sources. */
import type { StoryAnswer, StoryStepAnswer } from '../../../domain/records/stories.ts';
import type { AppContext } from '../../context.ts';
import { inLang, t } from '../../i18n.ts';
import { citationLine } from '../../ui/citations.ts';
import { html, setHtml } from '../../ui/html.ts';

/** What the overlay's buttons do. */
export interface OverlayActions {
  leave(): void;
  previous(): void;
  next(): void;
  save(): void;
}

/** Fills `overlay` for step `index` of `story` and wires its buttons. */
export function renderOverlay(overlay: HTMLElement, ctx: AppContext, story: StoryAnswer, index: number, step: StoryStepAnswer, actions: OverlayActions): void {
  const total = story.steps.length;
  overlay.setAttribute('aria-label', `${inLang(story.title)} ${index + 1}/${total}`);
  setHtml(
    overlay,
    html`
      <div class="present-controls">
        <button type="button" data-act="leave" title="Esc">✕ ${t('終了', 'Leave')}</button>
        <button type="button" data-act="prev" title="←" ${index === 0 ? 'disabled' : ''} aria-label="${t('前へ', 'Previous')}">‹</button>
        <span class="present-counter" data-testid="present-counter" aria-live="polite">${index + 1} / ${total}</span>
        <button type="button" data-act="next" title="→ / Space" ${index === total - 1 ? 'disabled' : ''} aria-label="${t('次へ', 'Next')}">›</button>
        <button type="button" data-act="save" title="${t('スライド用PNG（2倍）', 'PNG for slides (2×)')}">${t('画像を保存', 'Save image')}</button>
      </div>
      <div class="present-third">
        <div class="present-title">${inLang(story.title)}${step.title && html` — <span data-testid="present-step-title">${inLang(step.title)}</span>`}</div>
        <p class="present-caption" data-testid="present-caption">${inLang(step.caption)}</p>
        <div class="present-source" data-testid="present-source">${t('出典', 'Source')}: ${citationLine(step.sources)}<span class="present-data">${ctx.sources.items.map((s) => s.attribution).join(' ｜ ')}</span></div>
      </div>`,
  );
  overlay.querySelector('.present-controls')!.addEventListener('click', (e) => {
    const act = (e.target as HTMLElement).closest<HTMLButtonElement>('button')?.dataset.act;
    if (act === 'leave') actions.leave();
    else if (act === 'prev') actions.previous();
    else if (act === 'next') actions.next();
    else if (act === 'save') actions.save();
  });
}
