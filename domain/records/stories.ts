/**
 * Partnership stories for the presentation view: the file format of `seeds/stories/*.json` (checked by
 * the pipeline) and the API's responses. One schema, so a renamed field breaks the build, not the talk.
 */
import { z } from 'zod';
import { Citation, sourceOf } from '../citations.ts';
import { pure } from './pure.ts';

/** The views a step can show underneath its caption. */
export const storyViews = ['explore', 'regions', 'exchanges', 'disaster', 'partners'] as const;
export type StoryView = (typeof storyViews)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const bilingual = (max: number) => z.object({ ja: text(max), en: text(max) }).strict();
/** Japanese first; English optional (a presenter's own story may be Japanese only; seed stories have both). */
const japaneseFirst = (max: number) => z.object({ ja: text(max), en: text(max).optional() }).strict();
const code = z.string().regex(/^\d{5}$/, 'must be a 5-digit municipality code such as "13219"');

/** Where the camera goes for a step (MapLibre's centre, zoom, pitch and bearing). */
export const storyCameraSchema = z
  .object({
    lon: z.number().min(122).max(154),
    lat: z.number().min(20).max(46),
    zoom: z.number().min(3).max(13),
    pitch: z.number().min(0).max(60),
    bearing: z.number().min(-180).max(180),
  })
  .strict();

/** A callout pinned to a municipality, or an arrow from one municipality to another. */
export const storyAnnotationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('callout'), code, text: japaneseFirst(80) }).strict(),
  z.object({ type: z.literal('arrow'), from: code, to: code, label: japaneseFirst(80).optional() }).strict(),
]);

/** One step: camera, the view and its URL keys, places to outline, arcs, and a caption naming its source. */
export const storyStepSchema = z
  .object({
    camera: storyCameraSchema,
    view: z.enum(storyViews),
    /** URL keys of that view, e.g. `{ "origin": "13219" }` for the disaster view. */
    state: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]{0,19}$/, 'must be a URL key such as "metric"'), z.string().max(500)),
    /** Municipalities to outline. */
    highlight: z.array(code).max(400),
    /** Pairs drawn as arcs by the presentation itself, so a story works even where a view has no arcs. */
    arcs: z.array(z.tuple([code, code])).max(200),
    caption: japaneseFirst(400),
    /** A short title shown above the caption. */
    title: japaneseFirst(60).optional(),
    /** The seed documents (file names) or other sources the caption's facts come from, joined with "; "; answers cite them (domain/citations.ts). */
    source: text(200),
    /** Callouts pinned to a place and arrows between two places, drawn over the map. */
    annotations: z.array(storyAnnotationSchema).max(12).optional(),
  })
  .strict();

/** A story file. `id` is the file name without `.json`; `order` places it in the list (lower first). */
export const storySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and hyphens, e.g. "komae-nagaoka"'),
    order: z.number().int().min(0).max(999).optional(),
    title: bilingual(120),
    summary: bilingual(400),
    steps: z.array(storyStepSchema).min(1, 'needs at least one step').max(30),
  })
  .strict();

export type Bilingual = { ja: string; en: string };
export type JapaneseFirst = { ja: string; en?: string };
export type StoryAnnotation = z.infer<typeof storyAnnotationSchema>;
export type StoryCamera = z.infer<typeof storyCameraSchema>;
export type StoryStep = z.infer<typeof storyStepSchema>;
export type Story = z.infer<typeof storySchema>;

/** A step as `GET /api/stories/{id}` answers it: its source as readable citations, never a file name. */
export const StoryStepAnswer = pure(() => storyStepSchema.omit({ source: true }).extend({ sources: z.array(Citation) }));
export type StoryStepAnswer = z.infer<typeof StoryStepAnswer>;
/** `GET /api/stories/{id}`. */
export const StoryAnswer = pure(() => storySchema.extend({ steps: z.array(StoryStepAnswer) }));
export type StoryAnswer = z.infer<typeof StoryAnswer>;

/**
 * The story to send back (PUT, or POST as a copy) from the one answered: each step's citations as a source again.
 * @example storyFromAnswer(await api('/api/stories/komae-nagaoka')).steps[0].source // '001_0c90d4750b6046d5.txt'
 */
export function storyFromAnswer(answer: StoryAnswer): Story {
  return { ...answer, steps: answer.steps.map(({ sources, ...step }) => ({ ...step, source: sourceOf(sources) })) };
}

/** `GET /api/stories`: the stories in presentation order, seed stories first, then presenters' own. */
export const StoryList = pure(() =>
  z.object({
    items: z.array(z.object({ id: z.string(), title: bilingual(120), summary: bilingual(400), steps: z.number(), origin: z.enum(['seed', 'user']) })),
  }),
);
export type StoryList = z.infer<typeof StoryList>;

/** A problem of a story that the schema cannot see: a code or region that does not exist. */
export interface StoryProblem {
  field: string;
  message: string;
  fix: string;
}

/**
 * What is wrong with a story's places: every highlighted, linked, annotated or URL-keyed code must be a municipality,
 * arcs and arrows join two different places, a region key must name a region. Used by the pipeline for seed
 * stories and by the server for presenters' stories. Empty when all is well.
 * @example storyProblems(story, new Set(['13219', '15202'])) // []
 */
export function storyProblems(story: Story, codes: ReadonlySet<string>, regionIds?: ReadonlySet<string>): StoryProblem[] {
  const out: StoryProblem[] = [];
  const checkCode = (c: string, field: string) => {
    if (!codes.has(c)) out.push({ field, message: `${c} is not a municipality code`, fix: 'use a current 5-digit code (e.g. 15202 長岡市 for 旧川口町)' });
  };
  story.steps.forEach((step, i) => {
    const where = `steps[${i}]`;
    step.highlight.forEach((c, j) => checkCode(c, `${where}.highlight[${j}]`));
    step.arcs.forEach((pair, j) => {
      pair.forEach((c, k) => checkCode(c, `${where}.arcs[${j}][${k}]`));
      if (pair[0] === pair[1]) out.push({ field: `${where}.arcs[${j}]`, message: `both ends are ${pair[0]}`, fix: 'an arc joins two different places' });
    });
    (step.annotations ?? []).forEach((a, j) => {
      if (a.type === 'callout') checkCode(a.code, `${where}.annotations[${j}].code`);
      else {
        checkCode(a.from, `${where}.annotations[${j}].from`);
        checkCode(a.to, `${where}.annotations[${j}].to`);
        if (a.from === a.to) out.push({ field: `${where}.annotations[${j}]`, message: `both ends are ${a.from}`, fix: 'an arrow joins two different places' });
      }
    });
    for (const key of ['origin', 'sel'] as const) {
      const c = step.state[key];
      if (c !== undefined) checkCode(c, `${where}.state.${key}`);
    }
    const region = step.state.region;
    if (region !== undefined && regionIds && !regionIds.has(region) && !region.startsWith('custom-'))
      out.push({ field: `${where}.state.region`, message: `"${region}" is not a region id`, fix: 'use an id such as ccr-34207' });
  });
  return out;
}
