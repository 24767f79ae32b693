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

/**
 * Fetches JSON from the API; throws ApiClientError with the server's message on failure.
 * @example const h = await api<Health>('/api/health')
 */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const token = sessionStorage.getItem(tokenKey);
  if (token && init.method && init.method !== 'GET') headers.set('authorization', `Bearer ${token}`);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
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
  return body as T;
}
