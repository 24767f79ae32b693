import { existsSync } from 'node:fs';
import { SourceMissingError, type SourceFile, candidatePaths } from '../../data/sources.ts';

/**
 * The local path of an input file for a test that reads the real data. The inputs are always present (in
 * ../shared here and in CI), so a missing one fails the test with the build's own message naming every place
 * looked at and how to provide it, instead of the test skipping without a word.
 * @example readFileSync(localSource(sourceFiles.census2020))
 */
export function localSource(source: SourceFile): string {
  const places = candidatePaths(source);
  const found = places.find((p) => existsSync(p));
  if (!found) throw new SourceMissingError(source, places);
  return found;
}

/** A file published beside an input (its SOURCES.md, a readable table); fails naming the path when missing. */
export function besideSource(source: SourceFile, from: RegExp, to: string): string {
  const path = localSource(source).replace(from, to);
  if (!existsSync(path)) throw new Error(`${path} is missing: it is published with input "${source.id}" (${source.sharedPath}); restore the shared data folder`);
  return path;
}
