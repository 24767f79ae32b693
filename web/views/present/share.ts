/** Sharing a story as a file: a JSON file in the seed stories' format, and reading one back (checked by the same schema). */
import type { Story } from '../../../domain/records/stories.ts';
import { download } from '../../ui/export.ts';
import { type DraftProblem, freeId, readStoryFile } from './draft.ts';

/** Downloads `story` as `<id>.story.json`. */
export function downloadStoryJson(story: Story): void {
  download(`${story.id}.story.json`, new Blob([`${JSON.stringify(story, null, 2)}\n`], { type: 'application/json' }));
}

/** A file read back: the story (null when it fails the schema), what is wrong, and a free id when its own is taken. */
export interface ImportedStory {
  story: Story | null;
  problems: DraftProblem[];
  /** Set when the story's id is taken here (by a seed story or a saved one): the id to use instead. */
  newId: string | null;
}

/**
 * Reads a shared story file and checks it; `taken` holds the ids of the stories this atlas has.
 * @example (await readSharedStory(file, new Set(['komae']))).newId // 'komae-2' for a file whose id is 'komae'
 */
export async function readSharedStory(file: Blob, taken: ReadonlySet<string>): Promise<ImportedStory> {
  const { story, problems } = readStoryFile(await file.text());
  return { story, problems, newId: story && taken.has(story.id) ? freeId(story.id, taken) : null };
}
