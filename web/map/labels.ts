import { TextLayer } from '@deck.gl/layers';
import type { Municipality, Prefecture } from '../../domain/records/municipalities.ts';
import type { AtlasMap } from './atlas-map.ts';

const font = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif';

/** A label candidate: where, what, how large, and how important (higher wins a collision). */
export interface LabelCandidate {
  x: number;
  y: number;
  text: string;
  size: number;
  priority: number;
}

/**
 * Greedy label placement in screen space: candidates are taken by priority and kept when their box
 * (full-width characters, plus a margin) overlaps no kept box. A coarse grid keeps it linear in practice.
 * @example placeLabels([{ x: 0, y: 0, text: '東京都', size: 12, priority: 2 }, { x: 5, y: 0, text: '埼玉県', size: 12, priority: 1 }], 4).length // 1
 */
export function placeLabels<T extends LabelCandidate>(candidates: T[], margin: number): T[] {
  const cell = 64;
  const grid = new Map<string, { x0: number; y0: number; x1: number; y1: number }[]>();
  const kept: T[] = [];
  for (const c of [...candidates].sort((a, b) => b.priority - a.priority)) {
    const halfW = (c.text.length * c.size) / 2 + margin;
    const halfH = c.size / 2 + margin;
    const box = { x0: c.x - halfW, y0: c.y - halfH, x1: c.x + halfW, y1: c.y + halfH };
    const keys: string[] = [];
    for (let gx = Math.floor(box.x0 / cell); gx <= Math.floor(box.x1 / cell); gx++) {
      for (let gy = Math.floor(box.y0 / cell); gy <= Math.floor(box.y1 / cell); gy++) keys.push(`${gx},${gy}`);
    }
    const hit = keys.some((k) => grid.get(k)?.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1));
    if (hit) continue;
    kept.push(c);
    for (const k of keys) grid.set(k, [...(grid.get(k) ?? []), box]);
  }
  return kept;
}

/**
 * Japanese labels drawn by deck.gl with the system CJK font (no glyph server): prefectures when zoomed
 * out, then municipalities, larger places first; labels that would overlap a more important one are
 * left out, so dense areas such as 関東 and 近畿 stay legible; selected places always keep theirs.
 * Recomputed when the camera stops or the selection changes.
 */
export function installLabels(atlas: AtlasMap, prefectures: Prefecture[], munis: Municipality[]): void {
  const update = () => {
    const zoom = atlas.map.getZoom();
    const canvas = atlas.map.getCanvas();
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    type Placed = LabelCandidate & { lon: number; lat: number; weight: 600 | 400 };
    const candidates: Placed[] = [];
    const add = (lon: number, lat: number, text: string, size: number, priority: number, weight: 600 | 400) => {
      const p = atlas.map.project([lon, lat]);
      if (p.x < -50 || p.y < -20 || p.x > width + 50 || p.y > height + 20) return;
      candidates.push({ x: p.x, y: p.y, text, size, priority, lon, lat, weight });
    };
    // Prefecture names lead when zoomed out; municipalities take over as the map zooms in.
    if (zoom < 7.5) for (const p of prefectures) add(p.lon, p.lat, p.name, 13, 100, 600);
    const selected = atlas.selectedCodes();
    for (const m of munis) {
      const chosen = selected.has(m.code);
      if (zoom >= 5.5 || chosen) add(m.lon, m.lat, m.name, 12, Math.log10(m.population + 10) + (zoom >= 7.5 ? 100 : 0) + (chosen ? 1000 : 0), 400);
    }
    const placed = placeLabels(candidates, 3);
    const layer = (id: string, weight: 600 | 400, color: [number, number, number, number]) =>
      new TextLayer<Placed>({
        id,
        data: placed.filter((p) => p.weight === weight),
        getPosition: (p) => [p.lon, p.lat],
        getText: (p) => p.text,
        getSize: (p) => p.size,
        getColor: color,
        fontFamily: font,
        fontWeight: weight,
        characterSet: 'auto',
        outlineWidth: 3,
        outlineColor: [255, 255, 255, 230],
        fontSettings: { sdf: true },
      });
    atlas.setLayers('labels', [layer('pref-labels', 600, [30, 41, 59, 255]), layer('muni-labels', 400, [17, 24, 39, 255])]);
  };
  atlas.map.on('moveend', update);
  atlas.map.on('resize', update);
  atlas.onSelectionChange(update);
  update();
}
