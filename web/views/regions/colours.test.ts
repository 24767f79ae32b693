import { describe, expect, it } from 'vitest';
import type { RegionSummary } from '../../../domain/records/regions.ts';
import { regionColours } from './colours.ts';

const region = (id: string, memberCodes: string[]) => ({ id, memberCodes }) as RegionSummary;

describe('region colours', () => {
  it('gives touching regions different colours and reuses a colour far away', () => {
    const neighbours = new Map([
      ['1', ['2']],
      ['2', ['1', '3']],
      ['3', ['2']],
    ]);
    const colours = regionColours([region('a', ['1']), region('b', ['2']), region('c', ['3']), region('far', ['9'])], neighbours);
    expect(colours.get('a')).not.toBe(colours.get('b'));
    expect(colours.get('b')).not.toBe(colours.get('c'));
    expect(colours.get('c')).toBe(colours.get('a'));
    expect(colours.get('far')).toBe(colours.get('a'));
  });

  it('keeps regions that share a member apart', () => {
    const colours = regionColours([region('x', ['1', '2']), region('y', ['2'])], new Map());
    expect(colours.get('x')).not.toBe(colours.get('y'));
  });
});
