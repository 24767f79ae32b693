import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import ensureDatabase from './database.ts';

const root = resolve(import.meta.dirname, '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The client built for this test run (its own folder, so parallel runs never share one). */
    webDir: string;
  }
}

/**
 * Once per test run: builds the database when missing or older than the schema (tests/setup/database.ts) and
 * the client into a fresh folder that the API and browser tests serve, removed when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  await ensureDatabase();
  const webDir = mkdtempSync(join(tmpdir(), 'atlas-web-'));
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error', '--outDir', webDir], { cwd: root, stdio: 'inherit' });
  project.provide('webDir', webDir);
  return () => rmSync(webDir, { recursive: true, force: true });
}
