import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import { badPercentEncoding, checkMediaType, clipMessage, contentSecurityPolicy, parseJsonBody, refuseQuery } from './security.ts';

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
  it('finds broken percent-encoding in the path, keys and values, and nothing in valid targets', () => {
    expect(badPercentEncoding('/api/municipalities?q=%E5%8C')).toBe('%E5%8C');
    expect(badPercentEncoding('/api/x/%C0%AE?a=1')).toBe('%C0%AE');
    expect(badPercentEncoding('/api/x?%ZZ=1')).toBe('%ZZ');
    expect(badPercentEncoding('/api/x?q=100%')).toBe('100%');
    for (const fine of ['/', '/api/x?q=%E4%B8%96', '/api/x?q=%25&b=', '/api/x?q=a+b&&c', '/present/story/2']) expect(badPercentEncoding(fine), fine).toBeUndefined();
  });
  it('checks the media type and, for JSON, the charset', () => {
    expect(() => checkMediaType(['application/json'], 'Application/JSON; charset="utf-8"', true)).not.toThrow();
    expect(() => checkMediaType(['application/json'], undefined, true)).toThrow(/no Content-Type/);
    expect(() => checkMediaType(['application/json'], 'application/json; charset=euc-jp', true)).toThrow(/UTF-8, not euc-jp/);
    expect(() => checkMediaType(['text/csv'], undefined, false)).not.toThrow();
    expect(() => checkMediaType(['text/csv'], 'text/csv; charset=shift_jis', false)).not.toThrow();
    expect(() => checkMediaType(['text/csv'], 'application/json', false)).toThrow(/reads text\/csv/);
  });
  it('parses JSON bodies strictly: invalid UTF-8 and invalid JSON are errors', () => {
    expect(parseJsonBody(new TextEncoder().encode('{"名前":"東備後"}'))).toEqual({ 名前: '東備後' });
    expect(() => parseJsonBody(new Uint8Array([0x22, 0x93, 0x8c, 0x22]))).toThrow(/not valid UTF-8/);
    expect(() => parseJsonBody(new TextEncoder().encode('{'))).toThrow(/not valid JSON/);
  });
});
