/** GeoJSON and TopoJSON shapes of API answers, as zod schemas typed as the geojson and topojson packages type them. */
import type { Feature, MultiPolygon as GeoMultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import { z } from 'zod';
import { pure } from './pure.ts';

const position = () => z.array(z.number()).min(2).max(3);
const ring = () => z.array(position());

// The schemas check the structure; the casts give call sites the geojson types they pass on to MapLibre and deck.gl.
/** A dissolved outline. */
export const MultiPolygon = pure(() => z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring())) })) as unknown as z.ZodType<GeoMultiPolygon>;

/** One municipality's outline: GET /api/municipalities/{code}/outline. */
export const Outline = pure(() =>
  z.object({
    type: z.literal('Feature'),
    properties: z.object({ code: z.string() }),
    geometry: z.discriminatedUnion('type', [
      z.object({ type: z.literal('Polygon'), coordinates: z.array(ring()) }),
      z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring())) }),
    ]),
  }),
) as unknown as z.ZodType<Feature<Polygon | GeoMultiPolygon, { code: string }>>;

/** The boundaries: GET /api/boundaries (TopoJSON with objects municipalities {code} and prefectures {code, name}). */
export const Boundaries = pure(() =>
  z.looseObject({
    type: z.literal('Topology'),
    arcs: z.array(z.array(z.array(z.number()))),
    transform: z.object({ scale: z.array(z.number()), translate: z.array(z.number()) }).optional(),
    objects: z.object({
      municipalities: z.looseObject({
        type: z.literal('GeometryCollection'),
        geometries: z.array(z.looseObject({ type: z.string(), properties: z.object({ code: z.string() }) })),
      }),
      prefectures: z.looseObject({
        type: z.literal('GeometryCollection'),
        geometries: z.array(z.looseObject({ type: z.string(), properties: z.object({ code: z.string(), name: z.string() }) })),
      }),
    }),
  }),
) as unknown as z.ZodType<Topology>;
