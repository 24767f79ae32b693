/** A step's annotations on the map: callouts pinned to a place and arrows from one place to another, with labels. */
import { PathLayer, ScatterplotLayer, SolidPolygonLayer, TextLayer } from '@deck.gl/layers';
import type { Municipality } from '../../../domain/records/municipalities.ts';
import type { StoryAnnotation } from '../../../domain/records/stories.ts';
import type { AppContext } from '../../context.ts';
import { inLang } from '../../i18n.ts';
import { cssFontFamily } from '../../map/labels.ts';

const font = cssFontFamily;
/** Okabe–Ito vermillion: annotations stand apart from the story's orange and blue arcs. */
const ink: [number, number, number, number] = [213, 94, 0, 255];

type Pos = [number, number];
interface Callout {
  at: Pos;
  text: string;
}
interface Arrow {
  path: Pos[];
  head: Pos[];
  label: string;
  mid: Pos;
}

/**
 * The shaft and head of an arrow from `a` to `b` (lon/lat); the head is a fifth of the length, at most a degree,
 * shaped on a plane where a degree of longitude is shortened by the latitude's cosine.
 * @example arrowShape([139.6, 35.6], [138.9, 37.3]).head.length // 3
 */
export function arrowShape(a: Pos, b: Pos): { path: Pos[]; head: Pos[] } {
  const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  const dx = (b[0] - a[0]) * k;
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy) || 1;
  const size = Math.min(len / 5, 1);
  const ux = dx / len;
  const uy = dy / len;
  const base: Pos = [b[0] - (ux * size) / k, b[1] - uy * size];
  const side = (s: number): Pos => [base[0] + (-uy * size * 0.5 * s) / k, base[1] + ux * size * 0.5 * s];
  return { path: [a, base], head: [b, side(1), side(-1)] };
}

/** deck.gl layers for `annotations` (places not in `ctx.munis` are skipped). */
export function annotationLayers(ctx: AppContext, annotations: readonly StoryAnnotation[] = []) {
  const at = (code: string): Pos | null => {
    const m: Municipality | undefined = ctx.munis.get(code);
    return m ? [m.lon, m.lat] : null;
  };
  const callouts: Callout[] = [];
  const arrows: Arrow[] = [];
  for (const a of annotations) {
    if (a.type === 'callout') {
      const p = at(a.code);
      if (p) callouts.push({ at: p, text: inLang(a.text) });
    } else {
      const from = at(a.from);
      const to = at(a.to);
      if (from && to) arrows.push({ ...arrowShape(from, to), label: a.label ? inLang(a.label) : '', mid: [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2] });
    }
  }
  const text = { fontFamily: font, fontWeight: 700, characterSet: 'auto' as const, getColor: [17, 24, 39, 255] as [number, number, number, number] };
  return [
    new PathLayer<Arrow>({ id: 'story-arrow-shafts', data: arrows, getPath: (d) => d.path, getColor: ink, getWidth: 5, widthUnits: 'pixels', capRounded: true }),
    new SolidPolygonLayer<Arrow>({ id: 'story-arrow-heads', data: arrows, getPolygon: (d) => d.head, getFillColor: ink }),
    new TextLayer<Arrow>({
      id: 'story-arrow-labels',
      data: arrows.filter((d) => d.label),
      getPosition: (d) => d.mid,
      getText: (d) => d.label,
      getSize: 18,
      background: true,
      getBackgroundColor: [255, 255, 255, 235],
      backgroundPadding: [6, 3],
      ...text,
    }),
    new ScatterplotLayer<Callout>({
      id: 'story-callout-pins',
      data: callouts,
      getPosition: (d) => d.at,
      getRadius: 6,
      radiusUnits: 'pixels',
      getFillColor: ink,
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
    new TextLayer<Callout>({
      id: 'story-callouts',
      data: callouts,
      getPosition: (d) => d.at,
      getText: (d) => d.text,
      getSize: 18,
      getPixelOffset: [12, -30],
      getTextAnchor: 'start',
      background: true,
      getBackgroundColor: [255, 255, 255, 240],
      getBorderColor: ink,
      getBorderWidth: 2,
      backgroundPadding: [8, 5],
      maxWidth: 14,
      wordBreak: 'break-all',
      ...text,
    }),
  ];
}
