import type { AnswerOf, ApiPath, MethodOf, answerMediaTypes } from '../domain/contract.ts';
import type { ApiErrorBody } from '../domain/records/municipalities.ts';

const tokenKey = 'renkei-atlas-token';

/**
 * Takes the write token from the page URL (`?token=…`, printed by the server at start, as Jupyter does),
 * keeps it for the session and removes it from the address bar so it is not shared with links.
 */
export function adoptTokenFromUrl(): void {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  sessionStorage.setItem(tokenKey, token);
  url.searchParams.delete('token');
  history.replaceState(null, '', url.toString());
}

/** True when this browser session holds a write token. */
export const canWrite = () => Boolean(sessionStorage.getItem(tokenKey));

/** An API error in plain words, with the server's code. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The names of a path pattern's parameters: `/api/tiles/:version/:z` → 'version' | 'z'. */
export type ParamNames<P extends string> = P extends `${string}:${infer N}/${infer Rest}` ? N | ParamNames<`/${Rest}`> : P extends `${string}:${infer N}` ? N : never;
/** The values of a path pattern's parameters. */
export type PathParams<P extends string> = { [K in ParamNames<P>]: string };

/** Paths whose answer is JSON (the API page and the vector tiles are not). */
export type JsonPath = Exclude<ApiPath, keyof typeof answerMediaTypes>;
type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
type QueryValue = string | number | boolean | undefined;
export type ApiQuery = string | URLSearchParams | Record<string, QueryValue>;

/** What a call may add to the request: the method (GET by default), a query, and fetch's own options. */
export interface ApiInit<M extends HttpMethod = HttpMethod, Q extends ApiQuery = ApiQuery> extends Omit<RequestInit, 'method'> {
  method?: M;
  query?: Q;
}

/**
 * The members of an answer union that a query can produce: a query value given as a literal (e.g. purpose:
 * 'disaster') keeps only the members whose field of that name can hold it.
 */
export type Narrowed<A, Q> = A extends unknown
  ? { [K in keyof Q & keyof A]: A[K] extends string ? ([A[K] & Q[K]] extends [never] ? K : never) : never }[keyof Q & keyof A] extends never
    ? A
    : never
  : never;

/** The answer of `path` called with `method`, narrowed by the query. */
export type ApiAnswer<P extends ApiPath, M extends HttpMethod, Q> = Lowercase<M> extends MethodOf<P> ? Narrowed<AnswerOf<P, Lowercase<M> & MethodOf<P>>, Q> : never;

/** The arguments after the path: its parameters where it has any, then the request options. */
export type ApiArgs<P extends string, M extends HttpMethod, Q extends ApiQuery> = [ParamNames<P>] extends [never]
  ? [init?: ApiInit<M, Q>]
  : [params: PathParams<P>, init?: ApiInit<M, Q>];

/**
 * The URL of a path pattern with its parameters and query.
 * @example apiUrl('/api/municipalities/:code', { code: '13112' }, { q: 'x' }) // '/api/municipalities/13112?q=x'
 */
export function apiUrl(path: string, params: Record<string, string> = {}, query?: ApiQuery): string {
  const url = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`apiUrl: no value for :${name} in ${path}`);
    return encodeURIComponent(value);
  });
  if (query === undefined) return url;
  const search =
    typeof query === 'string' || query instanceof URLSearchParams
      ? String(query)
      : new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();
  return search ? `${url}?${search}` : url;
}

/**
 * Calls a route of the API contract (domain/contract.ts) and answers its record, typed from the contract; throws
 * ApiClientError with the server's message on failure. Writes send the session's token.
 * @example const d = await api('/api/municipalities/:code', { code: '13112' }) // MunicipalityDetail
 * @example const r = await api('/api/partners/:code', { code }, { query: { purpose: 'disaster' } }) // DisasterRanking
 */
export async function api<P extends JsonPath, M extends HttpMethod = 'GET', const Q extends ApiQuery = Record<never, never>>(
  path: P,
  ...args: ApiArgs<P, M, Q>
): Promise<ApiAnswer<P, M, Q>> {
  const [params, init] = (path.includes(':') ? args : [undefined, args[0]]) as [Record<string, string> | undefined, ApiInit | undefined];
  const { query, ...request } = init ?? {};
  return (await fetchJson(apiUrl(path, params, query), request)) as ApiAnswer<P, M, Q>;
}

/** Fetches JSON; throws ApiClientError with the server's message on failure. */
async function fetchJson(url: string, init: Omit<ApiInit, 'query'>): Promise<unknown> {
  const headers = new Headers(init.headers);
  const token = sessionStorage.getItem(tokenKey);
  if (token && init.method && init.method !== 'GET') headers.set('authorization', `Bearer ${token}`);
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers });
  } catch {
    throw new ApiClientError(0, 'network', 'The atlas server did not answer. Is it still running?');
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiClientError(res.status, 'bad_response', `The server answered ${res.status} without JSON.`);
  }
  if (!res.ok) {
    const err = (body as ApiErrorBody | null)?.error;
    throw new ApiClientError(res.status, err?.code ?? 'error', err?.message ?? `HTTP ${res.status}`);
  }
  return body;
}
