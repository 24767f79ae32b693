import { describe, expect, it } from 'vitest';
import { csvBlob } from './export.ts';

/** The text of a blob, BOM kept (Blob.text() drops it). */
const textOf = async (blob: Blob) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());

describe('csvBlob', () => {
  it('starts with a BOM and quotes cells with commas, quotes and newlines', async () => {
    const blob = csvBlob(
      ['a', 'b'],
      [
        ['x,y', 'say "hi"'],
        [null, 3],
      ],
    );
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(await textOf(blob)).toBe('\ufeffa,b\r\n"x,y","say ""hi"""\r\n,3\r\n');
  });
  it('writes a what-if grouping named =1+1 as text in the members CSV', async () => {
    // The rows the regions view writes for a saved grouping's members.
    const text = await textOf(csvBlob(['region_id', 'region_name', 'code', 'name'], [['custom-0a1b2c3d4e', '=1+1', '34207', '福山市']]));
    expect(text.split('\r\n')[1]).toBe("custom-0a1b2c3d4e,'=1+1,34207,福山市");
  });
});
