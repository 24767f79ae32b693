import { z } from 'zod';
import { citationsOf } from '../../domain/citations.ts';
import { Deleted } from '../../domain/records/municipalities.ts';
import { type Story, StoryAnswer, StoryList, storySchema } from '../../domain/records/stories.ts';
import { defineRoute } from '../route.ts';
import { createStory, deleteStory, getStory, listStories, replaceStory } from '../services/stories.ts';

/**
 * A story as answered: each step's source as readable citations, never a seed document's file name.
 * @example storyAnswer(story).steps[0].sources[0].publisher // '総務省自治行政局過疎対策室'
 */
export function storyAnswer(story: Story): StoryAnswer {
  return { ...story, steps: story.steps.map(({ source, ...step }) => ({ ...step, sources: citationsOf(source) })) };
}

const idParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a story id such as "komae-nagaoka"') });

/** Partnership stories: the seed stories (read-only) and presenters' own (saved in the user store with the token). */
export const storyRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/stories',
    response: StoryList,
    tag: 'stories',
    summary: 'Partnership stories for the presentation view: seed stories in presentation order, then presenters’ own',
    returns: '{items:[{id, title:{ja,en}, summary:{ja,en}, steps, origin}]}',
    handle: ({ deps }): Promise<StoryList> => listStories(deps.db),
  }),
  defineRoute({
    method: 'get',
    path: '/api/stories/:id',
    response: StoryAnswer,
    tag: 'stories',
    summary: 'One story with its steps (camera, view and URL keys, highlights, arcs, annotations, caption, sources as citations)',
    returns: 'Story with each step’s source as sources:[{title, publisher, year, url}] (sourceOf in domain/citations.ts turns them back for a copy)',
    params: idParams,
    handle: async ({ deps, params }): Promise<StoryAnswer> => storyAnswer(await getStory(deps.db, params.id)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/stories',
    response: StoryAnswer,
    tag: 'stories',
    summary: 'Saves a presenter’s own story (kept in the user store across restarts and rebuilds). Needs the write token.',
    returns: '201 Story (as answered by GET); 400 naming the field; 409 when the id is taken; 401 without the token',
    body: storySchema,
    write: true,
    handle: async ({ c, deps, body }) => c.json(storyAnswer(await createStory(deps.db, body)), 201),
  }),
  defineRoute({
    method: 'put',
    path: '/api/stories/:id',
    response: StoryAnswer,
    tag: 'stories',
    summary: 'Replaces a saved story. Seed stories cannot be changed (403). Needs the write token.',
    returns: 'Story; 400 naming the field; 403 for a seed story; 404 for an unknown id; 401 without the token',
    params: idParams,
    body: storySchema,
    write: true,
    handle: async ({ deps, params, body }) => storyAnswer(await replaceStory(deps.db, params.id, body)),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/stories/:id',
    response: Deleted,
    tag: 'stories',
    summary: 'Deletes a saved story. Seed stories cannot be deleted (403). Needs the write token.',
    returns: '{deleted:id}; 403 for a seed story; 404 for an unknown id; 401 without the token',
    params: idParams,
    write: true,
    handle: ({ deps, params }) => deleteStory(deps.db, params.id),
  }),
];
