/** The presentation's map layers for a step: arcs from the story's place to its partners, their ends, names and distances. */
import { ArcLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { haversineKm } from '../../../domain/geo.ts';
import type { Municipality } from '../../../domain/records/municipalities.ts';
import type { StoryStepAnswer } from '../../../domain/records/stories.ts';
import type { AppContext } from '../../context.ts';
import { fmtInt } from '../../format.ts';
import { getLang, t } from '../../i18n.ts';
import { type NamedPlace, cssFontFamily } from '../../map/labels.ts';
import { displayName } from '../../names.ts';
import { rgb } from '../../palette.ts';

const font = cssFontFamily;
/** Okabe–Ito orange and blue: the arc runs from the story's place (orange) to its partner (blue). */
const arcFrom = '#E69F00';
const arcTo = '#0072B2';

/** A distance as a presenter says it: "約210 km", "約1,580 km". */
export const fmtDistance = (km: number) => t(`約${fmtInt(km < 100 ? km : Math.round(km / 10) * 10)} km`, `about ${fmtInt(km < 100 ? km : Math.round(km / 10) * 10)} km`);

interface Arc {
  from: Municipality;
  to: Municipality;
  km: number;
}

const storyPlaces = (ctx: AppContext, step: StoryStepAnswer) => [...new Set([...step.highlight, ...step.arcs.flat()])].map((c) => ctx.munis.get(c)!).filter(Boolean);

/**
 * The step's places named on the map by MapLibre, with collision: the story's own place (where its arcs start)
 * first, then the others by population, beside their markers in large type. Where they crowd (the 15 partners
 * around 東京 on the 世田谷区 opening slide) the smaller ones give way instead of piling up.
 */
export function storyLabels(ctx: AppContext, step: StoryStepAnswer): NamedPlace[] {
  return storyPlaces(ctx, step).map((m) => ({
    code: m.code,
    name: displayName(m),
    lon: m.lon,
    lat: m.lat,
    population: m.population,
    tier: step.arcs.some((p) => p[0] === m.code) ? 0 : 1,
    marker: true,
    story: true,
  }));
}

/** The presentation's own deck.gl layers for a step: arcs, their end points and (for a few arcs) distances. */
export function storyLayers(ctx: AppContext, step: StoryStepAnswer) {
  const arcs: Arc[] = step.arcs
    .map(([a, b]) => ({ from: ctx.munis.get(a)!, to: ctx.munis.get(b)! }))
    .map((p) => ({ ...p, km: haversineKm(p.from.lon, p.from.lat, p.to.lon, p.to.lat) }));
  const places = storyPlaces(ctx, step);
  const outline = { outlineWidth: 4, outlineColor: [255, 255, 255, 240] as [number, number, number, number], fontSettings: { sdf: true } };
  return [
    new ArcLayer<Arc>({
      id: 'story-arcs',
      data: arcs,
      getSourcePosition: (d) => [d.from.lon, d.from.lat],
      getTargetPosition: (d) => [d.to.lon, d.to.lat],
      getSourceColor: rgb(arcFrom),
      getTargetColor: rgb(arcTo),
      getWidth: arcs.length > 10 ? 3 : 5,
      widthUnits: 'pixels',
      getHeight: 0.4,
      greatCircle: false,
    }),
    new ScatterplotLayer<Municipality>({
      id: 'story-points',
      data: places,
      getPosition: (m) => [m.lon, m.lat],
      getRadius: places.length > 30 ? 4 : 7,
      radiusUnits: 'pixels',
      getFillColor: (m) => rgb(step.arcs.some((p) => p[0] === m.code) ? arcFrom : arcTo),
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      stroked: true,
    }),
    new TextLayer<Arc>({
      id: 'story-distances',
      data: arcs.length <= 3 ? arcs : [],
      getPosition: (d) => [(d.from.lon + d.to.lon) / 2, (d.from.lat + d.to.lat) / 2],
      getText: (d) => fmtDistance(d.km),
      getSize: 22,
      getTextAnchor: 'start',
      getPixelOffset: [14, 0],
      getColor: [120, 60, 0, 255],
      fontFamily: font,
      fontWeight: 700,
      characterSet: 'auto',
      ...outline,
      updateTriggers: { getText: getLang() },
    }),
  ];
}
