/**
 * A presenter's story while it is being written: steps captured from the URL, moved, copied and removed, checked
 * by the schema the server uses. Pure functions over `Story` (domain/records/stories.ts); the editor draws them.
 */
import {
  type JapaneseFirst,
  type Story,
  type StoryAnnotation,
  type StoryCamera,
  type StoryStep,
  type StoryView,
  storySchema,
  storyViews,
} from '../../../domain/records/stories.ts';

/** URL keys that are not a step's own: the app's (view, camera, language) and the Present view's (story, step, edit). */
const notStepKeys = new Set(['view', 'c', 'lang', 'story', 'step', 'edit', 'token']);
const stepKey = /^[a-z][a-zA-Z0-9]{0,19}$/;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The camera within the ranges a story may use (storyCameraSchema), rounded as the URL rounds it. */
export function storyCamera(c: StoryCamera): StoryCamera {
  const r = (v: number, d: number) => Number(v.toFixed(d));
  return {
    lon: r(clamp(c.lon, 122, 154), 4),
    lat: r(clamp(c.lat, 20, 46), 4),
    zoom: r(clamp(c.zoom, 3, 13), 2),
    pitch: r(clamp(c.pitch, 0, 60), 0),
    bearing: r(clamp(c.bearing, -180, 180), 0),
  };
}

/**
 * A step showing what the URL holds: the view, its keys (metric, classes, selection, region, filters…), the camera,
 * and the selected place outlined. The language is left out on purpose: captions follow the audience's language.
 * Caption and source are empty until the presenter writes them.
 * @example captureStep('explore', new URLSearchParams('metric=density&sel=13219'), camera).state // { metric: 'density', sel: '13219' }
 */
export function captureStep(view: StoryView, params: URLSearchParams, camera: StoryCamera): StoryStep {
  const state: Record<string, string> = {};
  for (const [k, v] of params) if (!notStepKeys.has(k) && stepKey.test(k) && v.length <= 500) state[k] = v;
  const sel = state.sel;
  return { camera: storyCamera(camera), view, state, highlight: sel && /^\d{5}$/.test(sel) ? [sel] : [], arcs: [], caption: { ja: '' }, source: '' };
}

/** True for a view a step can show. */
export const isStoryView = (v: string): v is StoryView => (storyViews as readonly string[]).includes(v);

/**
 * The steps with step `i` moved by `delta` places (clamped at either end).
 * @example moveStep(['a', 'b', 'c'], 2, -1) // ['a', 'c', 'b']
 */
export function moveStep<T>(steps: readonly T[], i: number, delta: number): T[] {
  const j = clamp(i + delta, 0, steps.length - 1);
  const out = [...steps];
  const [step] = out.splice(i, 1);
  out.splice(j, 0, step);
  return out;
}

/** The steps with a deep copy of step `i` right after it. */
export function duplicateStep(steps: readonly StoryStep[], i: number): StoryStep[] {
  return [...steps.slice(0, i + 1), structuredClone(steps[i]), ...steps.slice(i + 1)];
}

/** The steps without step `i`. */
export const removeStep = <T>(steps: readonly T[], i: number): T[] => steps.filter((_, j) => j !== i);

/**
 * `base`, or `base-2`, `base-3`… — the first id not in `taken` (ids are at most 40 characters).
 * @example freeId('komae', new Set(['komae', 'komae-2'])) // 'komae-3'
 */
export function freeId(base: string, taken: ReadonlySet<string>): string {
  const root = base.slice(0, 36).replace(/-+$/, '') || 'story';
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) if (!taken.has(`${root}-${n}`)) return `${root}-${n}`;
}

/**
 * The story to send: an untranslated title or summary goes out in Japanese for English too (the list answers both
 * languages; this is what `inLang` shows for an untranslated caption anyway).
 */
export function storyToSave(story: Story): Story {
  const both = (b: { ja: string; en: string }) => ({ ja: b.ja.trim(), en: b.en.trim() || b.ja.trim() });
  return { ...story, title: both(story.title), summary: both(story.summary), steps: story.steps.map(stepToSave) };
}

/** Text as the schema wants it: trimmed, an empty English left out; undefined when even the Japanese is empty. */
function japaneseFirst(b: JapaneseFirst | undefined): JapaneseFirst | undefined {
  const ja = b?.ja.trim();
  const en = b?.en?.trim();
  return ja ? { ja, ...(en ? { en } : {}) } : undefined;
}

/** A step with empty optional fields left out (an empty caption stays, for the schema to name). */
function stepToSave(step: StoryStep): StoryStep {
  const { title, annotations, ...rest } = step;
  const t = japaneseFirst(title);
  const notes = (annotations ?? []).map((a): StoryAnnotation => {
    if (a.type === 'callout') return { ...a, text: japaneseFirst(a.text) ?? { ja: '' } };
    const { label, ...arrow } = a;
    const l = japaneseFirst(label);
    return l ? { ...arrow, label: l } : arrow;
  });
  return {
    ...rest,
    caption: japaneseFirst(step.caption) ?? { ja: '' },
    source: step.source.trim(),
    ...(t ? { title: t } : {}),
    ...(notes.length ? { annotations: notes } : {}),
  };
}

/** A new, empty story (its steps to be captured). */
export function emptyStory(taken: ReadonlySet<string>): Story {
  return { id: freeId('my-story', taken), title: { ja: '', en: '' }, summary: { ja: '', en: '' }, steps: [] };
}

/**
 * A seed (or any) story as the start of a presenter's own: a deep copy under a free id, titled as a copy.
 * @example copyOf(seed, taken).title.ja // '狛江市と長岡市（コピー）'
 */
export function copyOf(story: Story, taken: ReadonlySet<string>): Story {
  const copy = structuredClone(story);
  // A copy is the presenter's: it is listed after the seed stories, not in their order.
  delete copy.order;
  return { ...copy, id: freeId(`${story.id}-copy`, taken), title: { ja: `${story.title.ja}（コピー）`, en: `${story.title.en} (copy)` } };
}

/** A problem of a draft: the field as the editor names its inputs (`steps.1.caption.ja`, `title.en`) and what is wrong. */
export interface DraftProblem {
  field: string;
  message: string;
}

/**
 * The field an API error names, in the editor's dotted form: `body steps[1].annotations[0].code: …` and
 * `body steps.1.caption.ja: …` both give `steps.1.annotations.0.code` / `steps.1.caption.ja`; null when none.
 * @example fieldOfError('body steps[0].camera.lat: too big') // 'steps.0.camera.lat'
 */
export function fieldOfError(message: string): string | null {
  const m = /\bbody ([A-Za-z][\w.[\]]*)\s*:/.exec(message);
  return m ? m[1].replace(/\[(\d+)\]/g, '.$1') : null;
}

/**
 * What keeps a draft from being saved, as the server's schema would say it (empty when it would pass the schema;
 * the places check stays the server's, which knows the codes of this build).
 * @example checkDraft({ ...story, steps: [] }) // [{ field: 'steps', message: 'needs at least one step' }]
 */
export function checkDraft(story: unknown): DraftProblem[] {
  const parsed = storySchema.safeParse(story);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
}

/**
 * A story from a JSON file a colleague shared: parsed and checked by the schema; the problems name the field.
 * @example readStoryFile('{"id":"x"}').problems[0].field // 'title'
 */
export function readStoryFile(text: string): { story: Story | null; problems: DraftProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { story: null, problems: [{ field: '', message: `not JSON: ${(err as Error).message}` }] };
  }
  const parsed = storySchema.safeParse(data);
  if (!parsed.success) return { story: null, problems: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) };
  return { story: parsed.data, problems: [] };
}
