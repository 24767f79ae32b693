import type { ApiErrorBody } from '../domain/records/municipalities.ts';

/** An error with an HTTP status and a stable code, answered as `{error:{code,message}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 500 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The JSON body of an error response. */
export function errorBody(code: string, message: string): ApiErrorBody {
  return { error: { code, message } };
}
