import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const root = resolve(import.meta.dirname, '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The client built for this test run (its own folder, so parallel runs never share one). */
    webDir: string;
  }
}

/**
 * Once per test run: builds the database when missing (the real pipeline on the real sources) and
 * the client into a fresh folder that the API and browser tests serve.
 */
export default function setup(project: TestProject): void {
  if (['atlas.duckdb', 'boundaries.topo.json', 'boundaries.pmtiles'].some((f) => !existsSync(join(root, 'data', 'build', f)))) {
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'data', 'build.ts')], { cwd: root, stdio: 'inherit' });
  }
  const webDir = mkdtempSync(join(tmpdir(), 'atlas-web-'));
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error', '--outDir', webDir], { cwd: root, stdio: 'inherit' });
  project.provide('webDir', webDir);
}
