import type { Context } from 'hono';
import { z } from 'zod';
import type { AtlasDb } from './db.ts';
import { ApiError } from './errors.ts';
import type { TileArchive } from './tiles.ts';

/** What every route handler can reach: the database and the app's settings. */
export interface AppDeps {
  db: AtlasDb;
  /** Bearer token that writes (custom regions, imports) must send. */
  writeToken: string;
  /** The client's boundary TopoJSON (raw JSON text), built by the pipeline. */
  boundaryAsset: string;
  /** The boundary vector tiles (PMTiles archive read into memory); omitted in tests that do not draw maps. */
  tiles?: TileArchive;
  /** False: no GET answer is kept (each is computed anew), as the benchmark measures uncached reads. */
  answerCache?: boolean;
  /** Folder of the built client; omitted in API-only tests. */
  staticDir?: string;
}

export interface RouteInput<Q, P, B> {
  c: Context;
  deps: AppDeps;
  query: Q;
  params: P;
  body: B;
}

/**
 * One API route: its method and path, schemas for its inputs (validated at the edge, and the source of
 * the OpenAPI document) and a handler that returns a JSON-able value or a Response.
 */
export interface Route<Q = unknown, P = unknown, B = unknown, R = unknown> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Hono path, e.g. `/api/municipalities/:code`. */
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** JSON body schema; routes taking other bodies (CSV) read `c.req` themselves. */
  body?: z.ZodType<B>;
  /** Content-Types the route reads (415 otherwise); routes with a `body` schema read application/json. */
  accepts?: readonly string[];
  /** Writes need `Authorization: Bearer <token>`. */
  write?: boolean;
  /** Description of the success response (for the API page). */
  returns: string;
  /** Schema of the success answer, the route's entry in domain/contract.ts (published in the OpenAPI document). */
  response: z.ZodType<R>;
  /** The answer (checked against `response` by the compiler), or a Response the route builds itself. */
  handle(input: RouteInput<Q, P, B>): Promise<NoInfer<R> | Response> | NoInfer<R> | Response;
}

/** A route of any input types, for lists of routes (each route's types are checked where it is defined). */
// biome-ignore lint/suspicious/noExplicitAny: routes differ in their input types; a list must hold them all.
export type AnyRoute = Route<any, any, any, any>;

/** Identity that keeps a route's input and answer types inferred from its schemas. */
export function defineRoute<Q = undefined, P = undefined, B = undefined, R = unknown>(route: Route<Q, P, B, R>): Route<Q, P, B, R> {
  return route;
}

/** Formats zod issues as one readable sentence naming each field. */
export function describeIssues(where: string, error: z.ZodError): string {
  return error.issues.map((i) => `${where}${i.path.length ? ` ${i.path.join('.')}` : ''}: ${i.message}`).join('; ');
}

/** Parses `value` with `schema`, or throws a 400 naming the field and what is expected. */
export function parseInput<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError(400, 'invalid_input', describeIssues(where, result.error));
  return result.data;
}

/** A 5-character JIS municipality code, e.g. "13112". */
export const codeSchema = z.string().regex(/^\d{5}$/, 'must be a 5-digit municipality code such as "13112"');

/** Query values arrive as strings; repeated parameters would arrive as arrays, which we refuse. */
export const queryString = (max = 200) => z.string().max(max, `must be at most ${max} characters`);
