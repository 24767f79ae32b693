import { describe, expect, it } from 'vitest';
import { cssFontFamily, labelLayers, labelScale, labelText, labelZooms, namedLabels } from './labels.ts';

const layout = (id: string) => (labelLayers().find((l) => l.id === id) as { layout: Record<string, unknown> }).layout;

describe('labels', () => {
  it('places larger municipalities first and shows them only from their zoom on', () => {
    const muni = labelLayers().find((l) => l.id === 'muni-labels')!;
    expect(muni.minzoom).toBe(labelZooms.municipalitiesFrom);
    expect(layout('muni-labels')['symbol-sort-key']).toEqual(['-', 0, ['get', 'population']]);
  });

  it('places the origin first, then the markers as obstacles, then the other named places, all with collision', () => {
    expect(
      labelLayers()
        .map((l) => l.id)
        .slice(-3),
    ).toEqual(['named-labels', 'named-markers', 'origin-labels']);
    expect(layout('named-markers')['icon-allow-overlap']).toBe(true);
    for (const id of ['named-labels', 'origin-labels']) {
      expect(layout(id)['text-allow-overlap']).toBeUndefined();
      expect(layout(id)['symbol-sort-key']).toEqual(['get', 'sort']);
    }
  });

  it('orders named places: the origin, then the others by population, one label per place', () => {
    const labels = namedLabels(
      [
        { code: '10444', name: '川場村', lon: 139.1, lat: 36.7, population: 3_200 },
        { code: '14130', name: '川崎市', lon: 139.7, lat: 35.5, population: 1_538_000 },
        { code: '13112', name: '世田谷区', lon: 139.65, lat: 35.65, population: 943_000, tier: 0, marker: true },
        { code: '13112', name: '世田谷区', lon: 139.65, lat: 35.65, population: 943_000 },
      ],
      1,
    );
    const order = [...labels].sort((a, b) => a.properties.sort - b.properties.sort).map((l) => l.properties.name);
    expect(order).toEqual(['世田谷区', '川崎市', '川場村']);
    expect(labels.find((l) => l.properties.code === '13112')!.properties.offset).toBeGreaterThan(0);
  });

  it('draws larger type on a wide map (a projector at 1920×1080), never smaller than on a laptop', () => {
    expect(labelScale(390)).toBe(1);
    expect(labelScale(1280)).toBe(1);
    expect(labelScale(1620)).toBe(1.25);
    expect(labelScale(4000)).toBe(1.5);
    expect((labelLayers(1.25).find((l) => l.id === 'pref-labels') as { layout: Record<string, unknown> }).layout['text-size']).toBe(16);
    expect(namedLabels([{ code: '1', name: 'a', lon: 0, lat: 0, story: true }], 1.5)[0].properties.size).toBe(27);
  });

  it('names places in English from the romanised names of the tiles, kanji where none is known', () => {
    expect(labelText('en')).toEqual(['coalesce', ['get', 'nameEn'], ['get', 'name']]);
    expect(labelText('ja')).toEqual(['get', 'name']);
    // The style starts in the page's language: changing it later would lay every tile out again.
    for (const id of ['muni-labels', 'pref-labels']) {
      const layout = (lang: 'ja' | 'en') => (labelLayers(1, lang).find((l) => l.id === id) as { layout: Record<string, unknown> }).layout;
      expect(layout('en')['text-field']).toEqual(labelText('en'));
      expect(layout('ja')['text-field']).toEqual(labelText('ja'));
    }
  });

  it('needs no glyph server: every label font is a local font stack', () => {
    for (const l of labelLayers().filter((l) => l.id !== 'named-markers'))
      expect(((l as { layout: Record<string, unknown> }).layout['text-font'] as string[]).at(-1)).toBe('sans-serif');
  });
});

describe('cssFontFamily', () => {
  it('names the labels\u2019 fonts for CSS, quoted, with the generic family last', () => {
    expect(cssFontFamily).toBe('"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif');
  });
});
