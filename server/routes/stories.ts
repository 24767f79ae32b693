import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { defineRoute } from '../route.ts';
import type { Story, StoryList } from '../../domain/records/stories.ts';

const idParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a story id such as "komae-nagaoka"') });

/** The stories (seeds/stories/*.json, checked by the pipeline) for the presentation view. */
export const storyRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/stories',
    tag: 'stories',
    summary: 'Partnership stories for the presentation view, in presentation order',
    returns: '{items:[{id, title:{ja,en}, summary:{ja,en}, steps}]}',
    async handle({ deps }): Promise<StoryList> {
      const rows = await deps.db.all<{ json: string }>('SELECT story_json AS json FROM stories ORDER BY position');
      return {
        items: rows.map((r) => {
          const s = JSON.parse(r.json) as Story;
          return { id: s.id, title: s.title, summary: s.summary, steps: s.steps.length };
        }),
      };
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
      const row = await deps.db.one<{ json: string }>('SELECT story_json AS json FROM stories WHERE id = $1', [params.id]);
      if (!row) throw new ApiError(404, 'not_found', `no story "${params.id}"; GET /api/stories lists them`);
      return JSON.parse(row.json) as Story;
    },
  }),
];
