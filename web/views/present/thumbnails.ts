/**
 * Small pictures of steps for the editor's and the presenter's step lists: taken from the map as drawn when a step
 * is added or played, kept for the page's life by what the step shows (view, keys, camera), never stored.
 */
import type { StoryStep, StoryStepAnswer } from '../../../domain/records/stories.ts';
import type { AppContext } from '../../context.ts';

const width = 160;
const height = 90;
const pictures = new Map<string, string>();

const keyOf = (step: Pick<StoryStep | StoryStepAnswer, 'view' | 'state' | 'camera'>) => JSON.stringify([step.view, step.state, step.camera]);

/** The picture of a step, if one was taken. */
export const thumbnailOf = (step: Pick<StoryStep, 'view' | 'state' | 'camera'>): string | undefined => pictures.get(keyOf(step));

/** Takes the picture of `step` from the map as drawn now (both canvases keep their drawing buffer) and returns it. */
export function takeThumbnail(ctx: AppContext, step: Pick<StoryStep, 'view' | 'state' | 'camera'>): string | undefined {
  const canvases = [...ctx.atlas.map.getContainer().querySelectorAll('canvas')];
  if (!canvases.length) return;
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const g = out.getContext('2d');
  if (!g) return;
  // Cover: the middle of the map, cut to 16:9.
  const src = canvases[0];
  const scale = Math.max(width / src.width, height / src.height);
  const w = src.width * scale;
  const h = src.height * scale;
  g.fillStyle = '#d4e4ee';
  g.fillRect(0, 0, width, height);
  for (const c of canvases) g.drawImage(c, (width - w) / 2, (height - h) / 2, w, h);
  const picture = out.toDataURL('image/jpeg', 0.7);
  pictures.set(keyOf(step), picture);
  return picture;
}

/**
 * Takes the picture once the map has finished drawing (after a step's view and camera were set), unless
 * `stillShown()` says another step is on the map by then. Polled by frame rather than on MapLibre's 'idle', which
 * a view that keeps repainting may never let fire; given up after ten seconds.
 */
export function takeThumbnailWhenIdle(
  ctx: AppContext,
  step: Pick<StoryStep, 'view' | 'state' | 'camera'>,
  stillShown: () => boolean = () => true,
  onTaken: (picture: string) => void = () => undefined,
): void {
  const map = ctx.atlas.map;
  const end = performance.now() + 10_000;
  const check = () => {
    if (!stillShown() || performance.now() > end) return;
    if (!map.loaded() || map.isMoving()) return void requestAnimationFrame(check);
    const picture = takeThumbnail(ctx, step);
    if (picture) onTaken(picture);
  };
  check();
}
