import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

/** Row values as JSON-friendly JS: numbers, strings, booleans, null (BIGINT arrives as number). */
export type Row = Record<string, string | number | boolean | null>;

function toJs(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * The atlas database: one DuckDB file, a few reader connections used in turn, and one writer
 * connection whose transactions run one at a time (DuckDB allows a single writer per file).
 * Every query takes parameters; no value is ever spliced into SQL.
 */
export class AtlasDb {
  private next = 0;
  private writeQueue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly readers: DuckDBConnection[],
    private readonly writer: DuckDBConnection,
    readonly path: string,
  ) {}

  /** Opens the file (read-write unless readOnly) with `readers` connections for queries. */
  static async open(path: string, options: { readOnly?: boolean; readers?: number } = {}): Promise<AtlasDb> {
    const instance = await DuckDBInstance.create(path, options.readOnly ? { access_mode: 'READ_ONLY' } : {});
    const readers = await Promise.all(Array.from({ length: options.readers ?? 4 }, () => instance.connect()));
    return new AtlasDb(instance, readers, await instance.connect(), path);
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
   * Runs `work` inside one transaction on the writer connection: all of it is committed or none.
   * Transactions are queued so that two writes never interleave.
   */
  transaction<T>(work: (run: (sql: string, params?: DuckDBValue[]) => Promise<Row[]>) => Promise<T>): Promise<T> {
    const task = this.writeQueue.then(async () => {
      const run = async (sql: string, params: DuckDBValue[] = []) => {
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
      }
    });
    this.writeQueue = task.catch(() => undefined);
    return task;
  }

  /** Waits for queued writes, checkpoints and closes every connection. */
  async close(): Promise<void> {
    await this.writeQueue;
    try {
      await this.writer.run('CHECKPOINT');
    } catch {
      // A read-only database has nothing to checkpoint.
    }
    for (const c of [...this.readers, this.writer]) c.closeSync();
    this.instance.closeSync();
  }
}
