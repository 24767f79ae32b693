/** The audience's handout: one printed page per step (the map picture, the caption, the source), then the print dialog. */
import type { StoryAnswer } from '../../../domain/records/stories.ts';
import { inLang, t } from '../../i18n.ts';
import { citationLine } from '../../ui/citations.ts';
import { html, setHtml } from '../../ui/html.ts';
import type { StepPicture } from './capture.ts';
import './handout.css';

/** Puts the handout into the page (hidden on screen, the only thing printed) and opens the print dialog. */
export function printHandout(story: StoryAnswer, pictures: StepPicture[]): void {
  document.querySelector('.story-handout')?.remove();
  const el = document.createElement('div');
  el.className = 'story-handout';
  el.dataset.testid = 'story-handout';
  setHtml(
    el,
    html`${story.steps.map(
      (step, i) => html`<section class="handout-page">
        <h1>${inLang(story.title)} <small>${i + 1} / ${story.steps.length}</small></h1>
        ${step.title && html`<h2>${inLang(step.title)}</h2>`}
        <img src="${pictures[i].dataUrl}" alt="">
        <p class="handout-caption">${inLang(step.caption)}</p>
        <p class="handout-source">${t('出典', 'Source')}: ${citationLine(step.sources)}</p>
      </section>`,
    )}`,
  );
  document.body.append(el);
  window.addEventListener('afterprint', () => el.remove(), { once: true });
  window.print();
}
