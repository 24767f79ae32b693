import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { copyDatabase } from './database.ts';

const root = resolve(import.meta.dirname, '..', '..');

export interface RunningServer {
  url: string;
  token: string;
  dbPath: string;
  /** The user store (saved groupings, imports): beside the database unless ATLAS_USER_DB is given. */
  userPath: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for the exit. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/**
 * Starts the real server as a child process on a free port, on `dbPath` (default: a fresh copy of the
 * built database) with the user store beside it, serving the client in `webDir`.
 */
export async function startServer(options: { webDir?: string; dbPath?: string; token?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dbPath = options.dbPath ?? copyDatabase().dbPath;
  const token = options.token ?? 'server-test-token-42';
  const userPath = options.env?.ATLAS_USER_DB ?? join(dirname(dbPath), 'atlas-user.duckdb');
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'server', 'main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      ATLAS_DB: dbPath,
      ATLAS_USER_DB: userPath,
      ATLAS_WRITE_TOKEN: token,
      ...(options.webDir ? { ATLAS_WEB_DIR: options.webDir } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /serving (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1].replace(/\/$/, ''));
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    url,
    token,
    dbPath,
    userPath,
    child,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
