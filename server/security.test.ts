import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import { clipMessage, contentSecurityPolicy, refuseQuery } from './security.ts';

describe('security helpers', () => {
  it('refuses any query on routes that declare none, naming the keys', () => {
    expect(refuseQuery({})).toBeUndefined();
    expect(() => refuseQuery({ bogus: ['1'] })).toThrow(ApiError);
    expect(() => refuseQuery({ bogus: ['1'] })).toThrow(/"bogus".*no query parameters/);
  });
  it('clips messages that quote hostile input', () => {
    const clipped = clipMessage(`query "${'x'.repeat(9999)}": unknown key`);
    expect(clipped.length).toBeLessThan(120);
    expect(clipped).toContain('9999 chars');
    expect(clipMessage('query limit: must be at most 2000')).toBe('query limit: must be at most 2000');
    expect(clipMessage('a '.repeat(1000)).length).toBeLessThanOrEqual(400);
  });
  it('allows what the map needs and nothing inline or evaluated', () => {
    expect(contentSecurityPolicy).toContain("worker-src 'self' blob:");
    expect(contentSecurityPolicy).toContain("img-src 'self' data: blob:");
    expect(contentSecurityPolicy).not.toMatch(/unsafe-(eval|inline)|\*/);
  });
});
