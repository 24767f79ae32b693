/**
 * What a build checks before it replaces a database: that no running atlas server serves it, and that it holds no
 * user rows from before the user store that the server has not yet moved out.
 *
 * Each server keeps a lock file beside the database it serves (domain/tables.ts `serverLockFile`) holding its command
 * line; a file whose process is gone, or whose pid now belongs to another program, is left over from a killed server
 * and removed.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { commandLineText, legacyMovedFile, serverLockPid } from '../domain/tables.ts';

/** The build refuses to replace this database (in use, or holding users' rows not yet moved). */
export class DatabaseInUseError extends Error {}

/** Whether `pid` is a live process running `commandLine` (where the system shows command lines). */
function serving(pid: number, commandLine: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive, but another user's process.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return commandLineText(readFileSync(`/proc/${pid}/cmdline`, 'utf8')) === commandLine;
  } catch {
    return true;
  }
}

/**
 * The pids of the servers serving `dbPath` now; removes lock files left by servers that are gone.
 * @example servingPids('data/build/atlas.duckdb') // [41234] while `npm start` runs
 */
export function servingPids(dbPath: string): number[] {
  const dir = dirname(dbPath);
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const file of files) {
    const pid = serverLockPid(basename(dbPath), file);
    if (pid === null) continue;
    const path = join(dir, file);
    let commandLine = '';
    try {
      commandLine = readFileSync(path, 'utf8').trim();
    } catch {
      continue;
    }
    if (serving(pid, commandLine)) pids.push(pid);
    else rmSync(path, { force: true });
  }
  return pids;
}

/**
 * Throws DatabaseInUseError naming the servers that serve `dbPath`, after `cleanUp`; replacing the file under a
 * server would leave it answering from the old build until it restarts.
 */
export function refuseWhileServed(dbPath: string, cleanUp: () => void = () => undefined): void {
  const pids = servingPids(dbPath);
  if (pids.length === 0) return;
  cleanUp();
  throw new DatabaseInUseError(
    `${dbPath} is being served by the atlas server (pid ${pids.join(', ')}); stop it (Ctrl+C, or kill ${pids.join(' ')}), run \`npm run data:build\` again, then start the server. Saved groupings and imported agreements are in the user store, which a build never touches`,
  );
}

/**
 * Throws DatabaseInUseError when `dbPath` is an old-style database holding saved groupings or imported agreements
 * that no server has yet moved into the user store (it writes `legacyMovedFile` once it has): replacing it would
 * lose them.
 */
export async function refuseUnmovedUserRows(dbPath: string): Promise<void> {
  if (!existsSync(dbPath) || existsSync(legacyMovedFile(dbPath))) return;
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  } catch {
    return; // Not a readable database: nothing in it can be saved anyway.
  }
  const conn = await instance.connect();
  const count = async (sql: string) => {
    try {
      return Number((await conn.runAndReadAll(sql)).getRows()[0]![0]);
    } catch {
      return 0; // No such table or column: the database never held user rows there.
    }
  };
  const regions = await count(`SELECT count(*) FROM regions WHERE type = 'custom'`);
  const exchanges = await count(`SELECT count(*) FROM exchanges WHERE origin = 'user'`);
  conn.closeSync();
  instance.closeSync();
  if (regions + exchanges === 0) return;
  throw new DatabaseInUseError(
    `${dbPath} still holds ${regions} saved groupings and ${exchanges} imported agreements from before the user store existed; start the server once (\`npm start\`: it moves them into the user store), stop it, then run \`npm run data:build\` again`,
  );
}
