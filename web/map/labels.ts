import { TextLayer } from '@deck.gl/layers';
import type { Municipality, Prefecture } from '../../server/types/municipalities.ts';
import type { AtlasMap } from './atlas-map.ts';

const font = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif';

/**
 * Japanese labels drawn by deck.gl with the system CJK font (no glyph server): prefectures when zoomed
 * out, then the larger municipalities, then all of them.
 */
export function installLabels(atlas: AtlasMap, prefectures: Prefecture[], munis: Municipality[]): void {
  const byPopulation = [...munis].sort((a, b) => b.population - a.population);
  const update = () => {
    const zoom = atlas.map.getZoom();
    const minPopulation = zoom >= 9 ? 0 : zoom >= 8 ? 30_000 : zoom >= 7 ? 150_000 : zoom >= 6 ? 500_000 : Infinity;
    const shown = byPopulation.filter((m) => m.population >= minPopulation);
    atlas.setLayers('labels', [
      new TextLayer<Prefecture>({
        id: 'pref-labels',
        data: zoom < 7.5 ? prefectures : [],
        getPosition: (p) => [p.lon, p.lat],
        getText: (p) => p.name,
        getSize: 13,
        getColor: [30, 41, 59, 255],
        fontFamily: font,
        fontWeight: 600,
        characterSet: 'auto',
        outlineWidth: 3,
        outlineColor: [255, 255, 255, 230],
        fontSettings: { sdf: true },
      }),
      new TextLayer<Municipality>({
        id: 'muni-labels',
        data: shown,
        getPosition: (m) => [m.lon, m.lat],
        getText: (m) => m.name,
        getSize: 12,
        getColor: [17, 24, 39, 255],
        fontFamily: font,
        characterSet: 'auto',
        outlineWidth: 3,
        outlineColor: [255, 255, 255, 220],
        fontSettings: { sdf: true },
        updateTriggers: { data: minPopulation },
      }),
    ]);
  };
  atlas.map.on('zoomend', update);
  update();
}
