import { describe, expect, it } from 'vitest';
import { labelLayers, labelPoint, labelZooms } from './labels.ts';

describe('labels', () => {
  it('places larger municipalities first and shows them only from their zoom on', () => {
    const muni = labelLayers.find((l) => l.id === 'muni-labels')!;
    expect(muni.minzoom).toBe(labelZooms.municipalitiesFrom);
    expect((muni as { layout: Record<string, unknown> }).layout['symbol-sort-key']).toEqual(['-', 0, ['get', 'population']]);
  });

  it('places selected labels first (topmost layer) and always shows them', () => {
    const last = labelLayers[labelLayers.length - 1] as { id: string; layout: Record<string, unknown> };
    expect(last.id).toBe('selected-labels');
    expect(last.layout['text-allow-overlap']).toBe(true);
    expect(labelPoint({ name: '世田谷区', lon: 139.65, lat: 35.65 }).properties).toEqual({ kind: 'label', name: '世田谷区' });
  });

  it('needs no glyph server: every label font is a local font stack', () => {
    for (const l of labelLayers) expect(((l as { layout: Record<string, unknown> }).layout['text-font'] as string[]).at(-1)).toBe('sans-serif');
  });
});
