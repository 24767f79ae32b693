/**
 * Pictures of every step for the PowerPoint deck and the handout: the presentation plays each step at once (no
 * flight), waits until the map is drawn, and renders it as "Save image" does (web/ui/snapshot.ts), with the step's
 * title, the legend, the scale bar and the attribution inside the picture.
 */
import type { StoryAnswer } from '../../../domain/records/stories.ts';
import type { AppContext } from '../../context.ts';
import { inLang } from '../../i18n.ts';
import { renderSnapshot } from '../../ui/snapshot.ts';
import type { Presentation } from './presentation.ts';
import { takeThumbnail } from './thumbnails.ts';

/** A step's map as a picture. */
export interface StepPicture {
  dataUrl: string;
  width: number;
  height: number;
}

const idle = (ctx: AppContext) =>
  new Promise<void>((resolve) => {
    const map = ctx.atlas.map;
    if (map.loaded() && !map.isMoving()) resolve();
    else map.once('idle', () => resolve());
  });

/**
 * Plays `story` in `presentation` step by step and renders each; `progress(i)` before step i.
 * @example const pictures = await captureSteps(ctx, presentation, story, (i) => ctx.toast(`${i + 1}…`))
 */
export async function captureSteps(ctx: AppContext, presentation: Presentation, story: StoryAnswer, progress: (i: number) => void): Promise<StepPicture[]> {
  const out: StepPicture[] = [];
  // Big enough for a slide, small enough for the file: twice the map on a small window.
  const scale = ctx.atlas.map.getContainer().clientWidth >= 1200 ? 1 : 2;
  for (let i = 0; i < story.steps.length; i++) {
    progress(i);
    await presentation.go(i, { instant: true });
    await idle(ctx);
    const step = story.steps[i];
    takeThumbnail(ctx, step);
    const title = `${step.title ? inLang(step.title) : inLang(story.title)}（${i + 1}/${story.steps.length}）`;
    const canvas = await renderSnapshot(ctx, { scale, title });
    out.push({ dataUrl: canvas.toDataURL('image/jpeg', 0.9), width: canvas.width, height: canvas.height });
  }
  return out;
}
