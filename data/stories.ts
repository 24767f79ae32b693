/**
 * Partnership stories (seeds/stories/*.json) → the `stories` table, for the presentation view.
 * Every file is checked against the story schema and every municipality code and region id against
 * the data, so a mistyped camera or code stops the build with the file and field instead of a blank slide.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { type Story, storyProblems, storySchema } from '../domain/records/stories.ts';
import { DataFileError } from './csv.ts';
import { writeTable } from './database.ts';
import { type StoryRow, builtTables } from '../domain/tables.ts';
import { loadRegions } from './seeds/index.ts';
import { repoRoot } from './sources.ts';
import type { BuildStep } from './steps.ts';

export const storiesDir = join(repoRoot, 'seeds', 'stories');

/** Formats a zod issue path the way a reader finds it in the JSON: `steps[2].camera.zoom`. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(top level)';
}

/** zod's message without its "Invalid input: " preamble, which adds nothing next to the field name. */
const issueText = (issue: z.core.$ZodIssue) => issue.message.replace(/^Invalid input: /, '');

/**
 * Parses and checks one story file's text. `file` names it in errors; `codes` are the valid municipality
 * codes; `regionIds`, when given, the valid region ids for a regions step's `region` key.
 * @example parseStory(text, 'seeds/stories/komae-nagaoka.json', codes) // → Story, or throws
 * // DataFileError: seeds/stories/komae-nagaoka.json: steps[2].camera.zoom: expected number, received string. Fix: …
 */
export function parseStory(text: string, file: string, codes: ReadonlySet<string>, regionIds?: ReadonlySet<string>): Story {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DataFileError(
      file,
      null,
      `not valid JSON (${(err as Error).message})`,
      'check commas and quotes, e.g. with `node -e "JSON.parse(require(\'fs\').readFileSync(process.argv[1]))" <file>`',
    );
  }
  const result = storySchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${fieldPath(i.path)}: ${issueText(i)}`).join('; ');
    throw new DataFileError(file, null, problems, 'see the story schema in domain/records/stories.ts');
  }
  const story = result.data;
  const expectedId = file.replace(/^.*\//, '').replace(/\.json$/, '');
  if (story.id !== expectedId) throw new DataFileError(file, null, `id: "${story.id}" differs from the file name`, `set id to "${expectedId}" or rename the file`);
  const problem = storyProblems(story, codes, regionIds)[0];
  if (problem) throw new DataFileError(file, null, `${problem.field}: ${problem.message}`, problem.fix);
  // Seed stories are shown to audiences in both languages: every caption and title has its English.
  story.steps.forEach((step, i) => {
    if (!step.caption.en) throw new DataFileError(file, null, `steps[${i}].caption.en: missing`, 'seed stories are bilingual: add the English caption');
    if (step.title && !step.title.en) throw new DataFileError(file, null, `steps[${i}].title.en: missing`, 'seed stories are bilingual: add the English title');
  });
  return story;
}

/**
 * Reads and checks every story file of `dir`, in presentation order (`order`, then id).
 * @example loadStories(storiesDir, codes).map((s) => s.id) // ['setagaya', 'komae-nagaoka', …]
 */
export function loadStories(dir: string, codes: ReadonlySet<string>, regionIds?: ReadonlySet<string>): Story[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const stories = files.map((f) => parseStory(readFileSync(join(dir, f), 'utf8'), `seeds/stories/${f}`, codes, regionIds));
  return stories.sort((a, b) => (a.order ?? 999) - (b.order ?? 999) || a.id.localeCompare(b.id));
}

/** Pipeline step: checks the stories and stores them in `stories` (id, titles, step count, the story as JSON). */
export const storiesStep: BuildStep = {
  name: 'stories (seeds/stories/*.json)',
  async run(ctx) {
    const codes = new Set(ctx.municipalities.map((m) => m.code));
    const regionIds = new Set(loadRegions(codes).map((r) => r.id));
    const stories = loadStories(storiesDir, codes, regionIds);
    const rows: StoryRow[] = stories.map((s, i) => ({ id: s.id, position: i, titleJa: s.title.ja, titleEn: s.title.en, steps: s.steps.length, json: JSON.stringify(s) }));
    await writeTable(ctx.conn, builtTables.stories, rows);
    return `${stories.length} stories, ${rows.reduce((s, r) => s + r.steps, 0)} steps`;
  },
};
