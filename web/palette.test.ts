import { describe, expect, it } from 'vitest';
import { classOf, divergingFor, rgb, sequential } from './palette.ts';

describe('palette', () => {
  it('gives n distinct sequential colours', () => {
    expect(new Set(sequential(5)).size).toBe(5);
  });
  it('puts the neutral colour on the class holding the centre', () => {
    const colours = divergingFor([-10, -2, 3, 8, 20], 0);
    expect(colours[2]).toBe('#f7f7f7');
    expect(colours[0]).not.toBe(colours[4]);
  });
  it('finds the class of a value', () => {
    expect(classOf(5, [1, 5, 10])).toBe(1);
    expect(classOf(11, [1, 5, 10])).toBe(2);
  });
  it('parses hex colours', () => {
    expect(rgb('#0072B2')).toEqual([0, 114, 178]);
  });
});
