/** The regions view's map layers: region fills and outlines, centre cities, eligibility dots, the what-if outline and the lasso. */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon } from 'geojson';
import type { Municipality } from '../../../domain/records/municipalities.ts';
import type { EligibilityCandidate } from '../../../domain/records/regions.ts';
import { withAlpha } from './colours.ts';
import { flowLayer } from './commuting.ts';
import { type RegionsState, currentType, shownFlows } from './state.ts';
import { faintStatuses, statusColour } from './status.ts';

/**
 * Regions overlap (a town can be in two 圏域) and all lie at height 0: with deck's default depth test, a pitched
 * camera lets one region's triangles hide parts of the next one's (wedges). Flat layers are drawn in order instead.
 */
const flat = { depthWriteEnabled: false, depthCompare: 'always' } as const;

/** Draws the view's layers from its state. */
export function redraw(s: RegionsState): void {
  if (!s.alive) return;
  const { ctx } = s;
  const layers: Layer[] = [];
  const items = s.list?.items ?? [];
  const highlighted = new Set((s.selected ? (s.byMember.get(s.selected) ?? []) : []).map((r) => r.id));
  const open = ctx.state.get('region');
  if (open) highlighted.add(open);
  const features: Feature<MultiPolygon, { id: string; colour: string; faint: boolean; hi: boolean }>[] = items
    .filter((r) => r.outline)
    .map((r) => ({
      type: 'Feature',
      geometry: r.outline!,
      properties: { id: r.id, colour: s.colours.get(r.id) ?? '#0072B2', faint: faintStatuses.has(r.status), hi: highlighted.has(r.id) },
    }));
  const key = `${currentType(ctx)}:${[...highlighted].join(',')}:${s.whatIf}`;
  layers.push(
    new GeoJsonLayer({
      id: 'regions-fill',
      data: features as never,
      filled: true,
      stroked: true,
      getFillColor: (f: { properties: { colour: string; faint: boolean; hi: boolean } }) =>
        withAlpha(f.properties.colour, f.properties.faint || s.whatIf ? 30 : f.properties.hi ? 150 : 100),
      getLineColor: (f: { properties: { colour: string; hi: boolean } }) => (f.properties.hi ? [17, 24, 39, 255] : withAlpha(f.properties.colour, 255)),
      getLineWidth: (f: { properties: { hi: boolean } }) => (f.properties.hi ? 3.5 : 1.6),
      lineWidthUnits: 'pixels',
      parameters: flat,
      updateTriggers: { getFillColor: key, getLineColor: key, getLineWidth: key },
    }),
  );
  const centres = items
    .filter((r) => !faintStatuses.has(r.status))
    .flatMap((r) => r.centerCodes)
    .map((c) => ctx.munis.get(c))
    .filter((m): m is Municipality => Boolean(m));
  if (centres.length) {
    layers.push(
      new ScatterplotLayer<Municipality>({
        id: 'regions-centres',
        data: centres,
        getPosition: (m) => [m.lon, m.lat],
        getRadius: 5,
        radiusUnits: 'pixels',
        getFillColor: [255, 255, 255, 255],
        getLineColor: [21, 36, 58, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        stroked: true,
      }),
    );
  }
  if (s.elig) {
    layers.push(
      new ScatterplotLayer<EligibilityCandidate>({
        id: 'regions-eligibility',
        data: s.elig.items,
        getPosition: (c) => [c.lon, c.lat],
        getRadius: (c) => (c.status === 'eligible' ? 8 : 6),
        radiusUnits: 'pixels',
        getFillColor: (c) => withAlpha(statusColour[c.status], 235),
        getLineColor: [255, 255, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
        stroked: true,
      }),
    );
  }
  const flows = shownFlows(s);
  if (flows) layers.push(...flowLayer(flows, ctx));
  if (s.group?.memberCount) {
    layers.push(
      new GeoJsonLayer({
        id: 'regions-whatif',
        data: { type: 'Feature', geometry: s.group.outline, properties: {} } as never,
        getFillColor: [213, 94, 0, 70],
        getLineColor: [120, 40, 0, 255],
        getLineWidth: 3,
        lineWidthUnits: 'pixels',
        parameters: flat,
      }),
    );
  }
  if (s.lasso.points.length > 1) {
    layers.push(
      new PathLayer({
        id: 'regions-lasso',
        data: [{ path: [...s.lasso.points, s.lasso.points[0]] }],
        getPath: (d: { path: [number, number][] }) => d.path,
        getColor: [17, 24, 39, 255],
        getWidth: 2,
        widthUnits: 'pixels',
      }),
    );
  }
  ctx.atlas.setLayers('regions', layers);
}
