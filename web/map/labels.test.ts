import { describe, expect, it } from 'vitest';
import { placeLabels } from './labels.ts';

const c = (x: number, y: number, text: string, priority: number) => ({ x, y, text, size: 12, priority });

describe('placeLabels', () => {
  it('keeps the more important of two overlapping labels', () => {
    const kept = placeLabels([c(0, 0, '埼玉県', 1), c(10, 4, '東京都', 2)], 3);
    expect(kept.map((k) => k.text)).toEqual(['東京都']);
  });
  it('keeps labels that do not touch', () => {
    expect(placeLabels([c(0, 0, '札幌市', 1), c(200, 0, '旭川市', 1), c(0, 100, '函館市', 1)], 3)).toHaveLength(3);
  });
  it('uses the label width: long names collide where short ones would not', () => {
    expect(placeLabels([c(0, 0, 'つくばみらい市', 1), c(60, 0, '守谷市', 2)], 3)).toHaveLength(1);
    expect(placeLabels([c(0, 0, '津市', 1), c(60, 0, '守谷市', 2)], 3)).toHaveLength(2);
  });
});
