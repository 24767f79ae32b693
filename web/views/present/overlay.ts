/**
 * The presentation's overlay: the controls at the top, the step list with thumbnails (to jump to a step), the
 * progress bar and the lower third with title, caption and sources.
 */
import type { StoryAnswer, StoryStepAnswer } from '../../../domain/records/stories.ts';
import type { AppContext } from '../../context.ts';
import { inLang, t } from '../../i18n.ts';
import { citationLine } from '../../ui/citations.ts';
import { type Html, html, setHtml } from '../../ui/html.ts';
import { thumbnailOf } from './thumbnails.ts';

/** What the overlay's buttons do. */
export interface OverlayActions {
  leave(): void;
  previous(): void;
  next(): void;
  save(): void;
  /** Shows or hides the step list. */
  steps(): void;
  /** Goes to step `i` (0-based). */
  jump(i: number): void;
}

/** The step list: a button per step with its picture (once taken), number and title or caption. */
function stepList(story: StoryAnswer, index: number): Html {
  return html`<ol class="present-steps" data-testid="present-steps">${story.steps.map((s, i) => {
    const thumb = thumbnailOf(s);
    return html`<li><button type="button" data-jump="${String(i)}" aria-current="${i === index ? 'step' : 'false'}">
      ${thumb ? html`<img src="${thumb}" alt="" width="160" height="90">` : html`<span class="thumb-none" aria-hidden="true"></span>`}
      <span><b>${i + 1}</b> ${s.title ? inLang(s.title) : inLang(s.caption)}</span>
    </button></li>`;
  })}</ol>`;
}

/** Fills `overlay` for step `index` of `story` and wires its buttons. */
export function renderOverlay(overlay: HTMLElement, ctx: AppContext, story: StoryAnswer, index: number, step: StoryStepAnswer, stepsOpen: boolean, actions: OverlayActions): void {
  const total = story.steps.length;
  overlay.setAttribute('aria-label', `${inLang(story.title)} ${index + 1}/${total}`);
  // A fresh element each step: the overlay outlives the steps, and its listeners would pile up.
  const root = document.createElement('div');
  overlay.replaceChildren(root);
  setHtml(
    root,
    html`
      <div class="present-controls">
        <button type="button" data-act="leave" title="Esc">✕ ${t('終了', 'Leave')}</button>
        <button type="button" data-act="prev" title="←" ${index === 0 ? 'disabled' : ''} aria-label="${t('前へ', 'Previous')}">‹</button>
        <span class="present-counter" data-testid="present-counter" aria-live="polite">${index + 1} / ${total}</span>
        <button type="button" data-act="next" title="→ / Space" ${index === total - 1 ? 'disabled' : ''} aria-label="${t('次へ', 'Next')}">›</button>
        <button type="button" data-act="steps" aria-expanded="${String(stepsOpen)}" data-testid="present-steps-toggle">${t('一覧', 'Steps')}</button>
        <button type="button" data-act="save" title="${t('スライド用PNG（2倍）', 'PNG for slides (2×)')}">${t('画像を保存', 'Save image')}</button>
      </div>
      ${stepsOpen && stepList(story, index)}
      <div class="present-progress" role="progressbar" aria-label="${t('進み具合', 'Progress')}" aria-valuemin="1" aria-valuemax="${String(total)}" aria-valuenow="${String(index + 1)}" data-testid="present-progress"><span></span></div>
      <div class="present-third">
        <div class="present-title">${inLang(story.title)}${step.title && html` — <span data-testid="present-step-title">${inLang(step.title)}</span>`}</div>
        <p class="present-caption" data-testid="present-caption">${inLang(step.caption)}</p>
        <div class="present-source" data-testid="present-source">${t('出典', 'Source')}: ${citationLine(step.sources)}<span class="present-data">${ctx.sources.items.map((s) => s.attribution).join(' ｜ ')}</span></div>
      </div>`,
  );
  // Set through the CSSOM: a style attribute in the markup would need 'unsafe-inline' under a strict CSP.
  root.querySelector<HTMLElement>('.present-progress span')!.style.width = `${((index + 1) / total) * 100}%`;
  root.addEventListener('click', (e) => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button');
    const act = button?.dataset.act;
    if (button?.dataset.jump) actions.jump(Number(button.dataset.jump));
    else if (act === 'steps') actions.steps();
    else if (act === 'leave') actions.leave();
    else if (act === 'prev') actions.previous();
    else if (act === 'next') actions.next();
    else if (act === 'save') actions.save();
  });
}
