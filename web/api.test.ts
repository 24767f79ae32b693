import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { ImportReport } from '../domain/records/exchanges.ts';
import type { Deleted, Health, MunicipalityDetail, MunicipalityList } from '../domain/records/municipalities.ts';
import type { ComplementRanking, DisasterRanking, PartnerMatrix, PartnerRanking } from '../domain/records/partners.ts';
import type { GroupSummary, RegionDetail, RegionList } from '../domain/records/regions.ts';
import { ApiClientError, type ParamNames, api, apiUrl } from './api.ts';

afterEach(() => vi.unstubAllGlobals());

/** Answers every fetch with `body` and `status`, recording the requests. */
function serve(body: unknown, status = 200) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status });
  });
  const store = new Map<string, string>([['renkei-atlas-token', 'tok']]);
  vi.stubGlobal('sessionStorage', { getItem: (k: string) => store.get(k) ?? null });
  return calls;
}

describe('apiUrl', () => {
  it('fills path parameters (encoded) and appends the query', () => {
    expect(apiUrl('/api/municipalities/:code', { code: '13112' })).toBe('/api/municipalities/13112');
    expect(apiUrl('/api/regions/:id', { id: 'custom-a b' }, { geometry: true, type: undefined })).toBe('/api/regions/custom-a%20b?geometry=true');
    expect(apiUrl('/api/exchanges', {}, 'code=13219')).toBe('/api/exchanges?code=13219');
    expect(() => apiUrl('/api/municipalities/:code', {})).toThrow(/:code/);
  });
});

describe('api', () => {
  it('calls the URL of the pattern and sends the token with writes only', async () => {
    const calls = serve({ deleted: 'custom-x' });
    await api('/api/regions/:id', { id: 'custom-x' }, { method: 'DELETE' });
    await api('/api/partners/:code', { code: '13219' }, { query: { purpose: 'disaster', limit: 30 } });
    await api('/api/health');
    expect(calls.map((c) => c.url)).toEqual(['/api/regions/custom-x', '/api/partners/13219?purpose=disaster&limit=30', '/api/health']);
    expect(new Headers(calls[0]!.init.headers).get('authorization')).toBe('Bearer tok');
    expect(new Headers(calls[1]!.init.headers).get('authorization')).toBeNull();
  });

  it("throws the server's error as ApiClientError", async () => {
    serve({ error: { code: 'not_found', message: 'no municipality has code 99999' } }, 404);
    const err = await api('/api/municipalities/:code', { code: '99999' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiClientError);
    expect(err).toMatchObject({ status: 404, code: 'not_found', message: 'no municipality has code 99999' });
  });

  it('types each answer from the contract, without the caller naming it (checked by tsc)', () => {
    const typeOf = <T>(call: () => Promise<T>) => expectTypeOf(call).returns.resolves;
    typeOf(() => api('/api/health')).toEqualTypeOf<Health>();
    typeOf(() => api('/api/municipalities')).toEqualTypeOf<MunicipalityList>();
    typeOf(() => api('/api/municipalities/:code', { code: '13112' })).toEqualTypeOf<MunicipalityDetail>();
    typeOf(() => api('/api/regions', { query: { type: 'custom' } })).toEqualTypeOf<RegionList>();
    typeOf(() => api('/api/regions', { method: 'POST', body: '{}' })).toEqualTypeOf<RegionDetail>();
    typeOf(() => api('/api/regions/preview', { method: 'POST' })).toEqualTypeOf<GroupSummary>();
    typeOf(() => api('/api/regions/:id', { id: 'x' }, { method: 'DELETE' })).toEqualTypeOf<Deleted>();
    typeOf(() => api('/api/exchanges/import', { method: 'POST', query: { dryRun: 1 } })).toEqualTypeOf<ImportReport>();
    // A literal purpose picks its ranking; a purpose not known until run time leaves both.
    typeOf(() => api('/api/partners/:code', { code: '13219' }, { query: { purpose: 'disaster' } })).toEqualTypeOf<DisasterRanking>();
    typeOf(() => api('/api/partners/:code', { code: '13219' }, { query: { purpose: 'complement', limit: 25 } })).toEqualTypeOf<ComplementRanking>();
    typeOf(() => api('/api/partners/:code', { code: '13219' }, { query: 'purpose=disaster' })).toEqualTypeOf<PartnerRanking>();
    typeOf(() => api('/api/partners/matrix', { query: { purpose: 'disaster', top: 3 } })).toEqualTypeOf<PartnerMatrix>();
    expectTypeOf<ParamNames<'/api/tiles/:version/:z/:x/:y'>>().toEqualTypeOf<'version' | 'z' | 'x' | 'y'>();
    expectTypeOf<ParamNames<'/api/health'>>().toBeNever();
    // @ts-expect-error a path parameter is required
    typeOf(() => api('/api/municipalities/:code'));
    // @ts-expect-error the parameter's name is the pattern's
    typeOf(() => api('/api/municipalities/:code', { id: '13112' }));
    // @ts-expect-error no such route
    typeOf(() => api('/api/municipality/:code', { code: '13112' }));
    // @ts-expect-error the route takes no DELETE
    typeOf(() => api('/api/health', { method: 'DELETE' })).toEqualTypeOf<Health>();
    // @ts-expect-error the answer is not JSON
    typeOf(() => api('/api/docs'));
  });
});
