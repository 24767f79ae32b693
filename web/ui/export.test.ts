import { describe, expect, it } from 'vitest';
import { toCsv } from './export.ts';

describe('toCsv', () => {
  it('starts with a BOM and quotes cells with commas, quotes and newlines', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [null, 3],
        ],
      ),
    ).toBe('\ufeffa,b\r\n"x,y","say ""hi"""\r\n,3\r\n');
  });
});
