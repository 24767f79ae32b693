/**
 * Stories: the seed stories of the built database (read-only) and presenters' own stories in the user store,
 * validated by the schema seed stories follow plus the places check (`storyProblems`). A rebuild never touches
 * the user store, so a saved story survives `npm run data:build` and restarts.
 */
import { type Story, type StoryList, storyProblems } from '../../domain/records/stories.ts';
import { userTables } from '../../domain/tables.ts';
import { builtData } from '../built.ts';
import type { AtlasDb } from '../db.ts';
import { ApiError } from '../errors.ts';
import { insertRows, userTable } from '../store.ts';
import { reference } from './reference.ts';

const stories = () => userTable(userTables.userStories);

async function seedStory(db: AtlasDb, id: string): Promise<Story | null> {
  return (await builtData(db)).stories.find((s) => s.id === id) ?? null;
}

async function userStory(db: AtlasDb, id: string): Promise<Story | null> {
  const row = await db.one<{ json: string }>(`SELECT story_json AS json FROM ${stories()} WHERE id = $1`, [id]);
  return row ? (JSON.parse(row.json) as Story) : null;
}

/** Every story: seed stories in presentation order, then presenters' own by creation. */
export async function listStories(db: AtlasDb): Promise<StoryList> {
  const seeds = (await builtData(db)).stories;
  const own = (await db.all<{ json: string }>(`SELECT story_json AS json FROM ${stories()} ORDER BY created_at, id`)).map((r) => JSON.parse(r.json) as Story);
  const item = (s: Story, origin: 'seed' | 'user') => ({ id: s.id, title: s.title, summary: s.summary, steps: s.steps.length, origin });
  return { items: [...seeds.map((s) => item(s, 'seed')), ...own.map((s) => item(s, 'user'))] };
}

/** One story, seed or presenter's; 404 naming the list route. */
export async function getStory(db: AtlasDb, id: string): Promise<Story> {
  const story = (await seedStory(db, id)) ?? (await userStory(db, id));
  if (!story) throw new ApiError(404, 'not_found', `no story "${id}"; GET /api/stories lists them`);
  return story;
}

/** The story's places must exist in this build: 400 naming the first field that does not. */
async function checkPlaces(db: AtlasDb, story: Story): Promise<void> {
  const ref = await reference(db);
  const regionIds = new Set((await db.all<{ id: string }>('SELECT id FROM regions')).map((r) => r.id));
  const problem = storyProblems(story, new Set(ref.cities.keys()), regionIds)[0];
  if (problem) throw new ApiError(400, 'invalid_input', `body ${problem.field}: ${problem.message} (${problem.fix})`);
}

/** 403 for a seed story: those are the project's, read-only (duplicate one to change it). */
async function refuseSeed(db: AtlasDb, id: string): Promise<void> {
  if (await seedStory(db, id)) throw new ApiError(403, 'read_only', `story "${id}" is a seed story and cannot be changed or deleted; save a copy under another id`);
}

/**
 * Saves a new story; 409 when its id is taken (by a seed story or a saved one), naming the id to change.
 * @example await createStory(db, story) // story
 */
export async function createStory(db: AtlasDb, story: Story): Promise<Story> {
  await checkPlaces(db, story);
  if ((await seedStory(db, story.id)) || (await userStory(db, story.id)))
    throw new ApiError(409, 'conflict', `a story with id "${story.id}" exists already; choose another id (e.g. "${story.id}-2") or PUT /api/stories/${story.id} to replace yours`);
  const now = new Date().toISOString();
  await db.transaction((run) => insertRows(run, userTables.userStories, [{ id: story.id, storyJson: JSON.stringify(story), createdAt: now, updatedAt: now }]));
  return story;
}

/** Replaces a saved story; 403 for a seed story, 404 for an unknown one, 400 when the body's id differs. */
export async function replaceStory(db: AtlasDb, id: string, story: Story): Promise<Story> {
  if (story.id !== id) throw new ApiError(400, 'invalid_input', `body id: "${story.id}" differs from the story in the path ("${id}")`);
  await refuseSeed(db, id);
  if (!(await userStory(db, id))) throw new ApiError(404, 'not_found', `no saved story "${id}"; POST /api/stories creates one`);
  await checkPlaces(db, story);
  await db.transaction((run) => run(`UPDATE ${stories()} SET story_json = $2, updated_at = $3 WHERE id = $1`, [id, JSON.stringify(story), new Date().toISOString()]));
  return story;
}

/** Deletes a saved story; 403 for a seed story, 404 for an unknown one. */
export async function deleteStory(db: AtlasDb, id: string): Promise<{ deleted: string }> {
  await refuseSeed(db, id);
  if (!(await userStory(db, id))) throw new ApiError(404, 'not_found', `no saved story "${id}"`);
  await db.transaction((run) => run(`DELETE FROM ${stories()} WHERE id = $1`, [id]));
  return { deleted: id };
}
