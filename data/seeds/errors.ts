/**
 * The one error type of the seed loader and the fact importer: it names the file, the line of the
 * offending row (the header is line 1), the column when one is at fault, and how to fix it.
 *
 * @example
 * throw new SeedError({ file: 'seeds/exchanges.csv', row: 12, column: 'kind',
 *   problem: "'twin' is not a known kind", fix: 'use one of sister, friendship, …' });
 * // message: "seeds/exchanges.csv row 12, column kind: 'twin' is not a known kind. Fix: use one of …"
 */
export class SeedError extends Error {
  readonly file: string;
  /** 1-based line number where the row starts in the file (header = 1); 0 when the whole file is at fault. */
  readonly row: number;
  readonly column: string | undefined;
  readonly problem: string;
  readonly fix: string;

  constructor(at: { file: string; row: number; column?: string; problem: string; fix: string }) {
    const where = at.row > 0 ? `${at.file} row ${at.row}` : at.file;
    const col = at.column ? `, column ${at.column}` : '';
    super(`${where}${col}: ${at.problem}. Fix: ${at.fix}`);
    this.name = 'SeedError';
    this.file = at.file;
    this.row = at.row;
    this.column = at.column;
    this.problem = at.problem;
    this.fix = at.fix;
  }
}
