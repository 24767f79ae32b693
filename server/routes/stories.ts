import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { builtData } from '../built.ts';
import { defineRoute } from '../route.ts';
import type { Story, StoryList } from '../../domain/records/stories.ts';

const idParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a story id such as "komae-nagaoka"') });

/** The stories (seeds/stories/*.json, checked by the pipeline; read once at start) for the presentation view. */
export const storyRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/stories',
    tag: 'stories',
    summary: 'Partnership stories for the presentation view, in presentation order',
    returns: '{items:[{id, title:{ja,en}, summary:{ja,en}, steps}]}',
    async handle({ deps }): Promise<StoryList> {
      return { items: (await builtData(deps.db)).stories.map((s) => ({ id: s.id, title: s.title, summary: s.summary, steps: s.steps.length })) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/stories/:id',
    tag: 'stories',
    summary: 'One story with its steps (camera, view and URL keys, highlights, arcs, caption, source)',
    returns: 'Story',
    params: idParams,
    async handle({ deps, params }): Promise<Story> {
      const story = (await builtData(deps.db)).stories.find((s) => s.id === params.id);
      if (!story) throw new ApiError(404, 'not_found', `no story "${params.id}"; GET /api/stories lists them`);
      return story;
    },
  }),
];
