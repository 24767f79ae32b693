import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { type Run, attachStores, readEverything, userCatalog } from './store.ts';

/** Row values as JSON-friendly JS: numbers, strings, booleans, null (BIGINT arrives as number). */
export type Row = Record<string, string | number | boolean | null>;

function toJs(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * The atlas database: the built file (read-only) and the user store (read-write) attached to one in-memory DuckDB
 * whose views the queries read (server/store.ts); a few reader connections used in turn, and one writer connection
 * whose transactions run one at a time (DuckDB allows a single writer per file). Writes go to the user store only.
 * Every query takes parameters; no value is ever spliced into SQL.
 */
export class AtlasDb {
  private next = 0;
  private writeQueue: Promise<unknown> = Promise.resolve();
  private writeCount = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly readers: DuckDBConnection[],
    private readonly writer: DuckDBConnection,
    /** The built database file. */
    readonly path: string,
    /** The user store file, or null for an in-memory one (read-only tools and tests). */
    readonly userPath: string | null,
    /** The build's `meta.built_at`: what derived user data (custom region totals) was computed against. */
    readonly buildId: string,
    /** Rows moved from an old-style built database into a new user store at this opening. */
    readonly moved: { regions: number; exchanges: number },
  ) {}

  /**
   * Opens the built database read-only with the user store attached (`userStore`: its file, created when missing;
   * null or omitted: an empty in-memory one), and `readers` connections for queries. Throws StoreError.
   * @example const db = await AtlasDb.open('data/build/atlas.duckdb', { userStore: 'data/user/atlas-user.duckdb' })
   */
  static async open(path: string, options: { userStore?: string | null; readers?: number } = {}): Promise<AtlasDb> {
    const instance = await DuckDBInstance.create(':memory:');
    const writer = await instance.connect();
    try {
      const { buildId, moved } = await attachStores(writer, path, options.userStore ?? null);
      const readers = await Promise.all(Array.from({ length: options.readers ?? 4 }, () => instance.connect()));
      return new AtlasDb(instance, readers, writer, path, options.userStore ?? null, buildId, moved);
    } catch (err) {
      writer.closeSync();
      instance.closeSync();
      throw err;
    }
  }

  /** Reads every table of both stores once, so damage (block checksums) shows at start. Throws StoreError. */
  verifyChecksums(): Promise<void> {
    return readEverything(this.writer);
  }

  /**
   * Runs a read query with positional parameters ($1, $2 …) and returns plain row objects.
   * @example await db.all('SELECT name FROM municipalities WHERE code = $1', ['13112'])
   */
  async all<T extends Row = Row>(sql: string, params: DuckDBValue[] = []): Promise<T[]> {
    const conn = this.readers[this.next++ % this.readers.length];
    const reader = await conn.runAndReadAll(sql, params);
    const names = reader.columnNames();
    return reader.getRows().map((cells) => Object.fromEntries(names.map((n, i) => [n, toJs(cells[i])])) as T);
  }

  /** The first row of a read query, or undefined. */
  async one<T extends Row = Row>(sql: string, params: DuckDBValue[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /**
   * How many write transactions have ended (committed or not): what the server holds in memory of the user's rows
   * (server/current.ts) is read again when it changes. Raised before the write's caller resumes, so a read that
   * follows an acknowledged write sees it.
   */
  get writes(): number {
    return this.writeCount;
  }

  /**
   * Runs `work` inside one transaction on the writer connection: all of it is committed or none.
   * Transactions are queued so that two writes never interleave.
   */
  transaction<T>(work: (run: Run) => Promise<T>): Promise<T> {
    const task = this.writeQueue.then(async () => {
      const run: Run = async (sql, params = []) => {
        const reader = await this.writer.runAndReadAll(sql, params);
        const names = reader.columnNames();
        return reader.getRows().map((cells) => Object.fromEntries(names.map((n, i) => [n, toJs(cells[i])])));
      };
      await this.writer.run('BEGIN TRANSACTION');
      try {
        const result = await work(run);
        await this.writer.run('COMMIT');
        return result;
      } catch (err) {
        await this.writer.run('ROLLBACK');
        throw err;
      } finally {
        this.writeCount++;
      }
    });
    this.writeQueue = task.catch(() => undefined);
    return task;
  }

  /** Waits for queued writes, checkpoints the user store and closes every connection. */
  async close(): Promise<void> {
    await this.writeQueue;
    await this.writer.run(`CHECKPOINT ${userCatalog}`);
    for (const c of [...this.readers, this.writer]) c.closeSync();
    this.instance.closeSync();
  }
}
