/**
 * Partnership stories for the presentation view: the file format of `seeds/stories/*.json` (checked by
 * the pipeline) and the API's responses. One schema, so a renamed field breaks the build, not the talk.
 */
import { z } from 'zod';

/** The views a step can show underneath its caption. */
export const storyViews = ['explore', 'regions', 'exchanges', 'disaster', 'partners'] as const;
export type StoryView = (typeof storyViews)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const bilingual = (max: number) => z.object({ ja: text(max), en: text(max) }).strict();
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
    caption: bilingual(400),
    /** The seed document (file name) or dataset the caption's facts come from. */
    source: text(200),
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
export type StoryCamera = z.infer<typeof storyCameraSchema>;
export type StoryStep = z.infer<typeof storyStepSchema>;
export type Story = z.infer<typeof storySchema>;

/** `GET /api/stories`: the stories in presentation order. */
export interface StoryList {
  items: { id: string; title: Bilingual; summary: Bilingual; steps: number }[];
}
