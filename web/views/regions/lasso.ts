/** The regions view's lasso for what-if groupings. */
import { booleanPointInPolygon, point, polygon } from '@turf/turf';
import type { MapMouseEvent } from 'maplibre-gl';
import { t } from '../../i18n.ts';
import { redraw } from './layers.ts';
import { type RegionsState, groupCodes, noLasso, setGroup } from './state.ts';

/** Lasso mode: drag on the map to add every municipality inside the shape to the grouping (Shift removes). */
export function startLasso(s: RegionsState): void {
  const { ctx } = s;
  const map = ctx.atlas.map;
  s.lasso = { ...noLasso(), on: true };
  map.dragPan.disable();
  map.getContainer().classList.add('lasso-on');
  ctx.toast(t('地図上をドラッグして範囲を囲んでください（Shiftで除外）', 'Drag on the map to draw a lasso (hold Shift to remove)'));
  const down = (e: MapMouseEvent) => {
    s.lasso.drawing = true;
    s.lasso.shift = e.originalEvent.shiftKey;
    s.lasso.points = [[e.lngLat.lng, e.lngLat.lat]];
  };
  const move = (e: MapMouseEvent) => {
    if (!s.lasso.drawing) return;
    s.lasso.points.push([e.lngLat.lng, e.lngLat.lat]);
    redraw(s);
  };
  const up = () => {
    if (!s.lasso.drawing) return;
    const pts = s.lasso.points;
    const shift = s.lasso.shift;
    stopLasso(s);
    if (pts.length < 3) return;
    const shape = polygon([[...pts, pts[0]]]);
    const inside = [...ctx.munis.values()].filter((m) => booleanPointInPolygon(point([m.lon, m.lat]), shape)).map((m) => m.code);
    const current = groupCodes(ctx);
    setGroup(s, shift ? current.filter((c) => !inside.includes(c)) : [...new Set([...current, ...inside])]);
  };
  map.on('mousedown', down);
  map.on('mousemove', move);
  map.on('mouseup', up);
  s.lasso.off = () => {
    map.off('mousedown', down);
    map.off('mousemove', move);
    map.off('mouseup', up);
  };
}

/** Leaves lasso mode: listeners off, map panning back. */
export function stopLasso(s: RegionsState): void {
  s.lasso.off?.();
  s.lasso = noLasso();
  s.ctx.atlas.map.dragPan.enable();
  s.ctx.atlas.map.getContainer().classList.remove('lasso-on');
  redraw(s);
}
