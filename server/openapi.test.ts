import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeSchema, openApiDocument, openApiPath, renderApiPage } from './openapi.ts';
import { defineRoute } from './route.ts';

const routes = [
  defineRoute({
    method: 'get',
    path: '/api/things/:code',
    tag: 'things',
    summary: 'One thing.',
    returns: 'Thing',
    response: z.object({ code: z.string() }),
    params: z.object({ code: z.string().regex(/^\d{5}$/) }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10), kind: z.enum(['a', 'b']).optional() }).strict(),
    handle: () => ({ code: '13112' }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/things',
    tag: 'things',
    summary: 'Saves a <thing>.',
    returns: '{id}',
    response: z.object({ id: z.string() }),
    write: true,
    body: z.object({ name: z.string().max(80) }),
    handle: () => ({ id: 'x' }),
  }),
];

describe('openApiDocument', () => {
  const doc = openApiDocument(routes);
  it('turns Hono paths into OpenAPI paths with path and query parameters from the zod schemas', () => {
    expect(openApiPath('/api/a/:code/b/:id')).toBe('/api/a/{code}/b/{id}');
    const op = doc.paths['/api/things/{code}'].get!;
    expect(doc.openapi).toBe('3.1.0');
    expect(op.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['code', 'path', true],
      ['limit', 'query', false],
      ['kind', 'query', false],
    ]);
    expect(op.parameters[1].schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 50, default: 10 });
    expect(op.responses['404']).toBeDefined();
    expect(op.security).toEqual([]);
  });
  it('marks writes with the bearer token and documents the JSON body', () => {
    const op = doc.paths['/api/things'].post!;
    expect(op.security).toEqual([{ bearerAuth: [] }]);
    expect(op.responses['401']).toBeDefined();
    expect(op.requestBody!.content['application/json'].schema).toMatchObject({ type: 'object', properties: { name: { type: 'string', maxLength: 80 } } });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
  it('renders a page without script, escaping every text', () => {
    const html = renderApiPage(doc);
    expect(html).toContain('/api/things/{code}');
    expect(html).toContain('Saves a &#60;thing&#62;.');
    expect(html).toContain('token required');
    expect(html).not.toMatch(/<script/i);
    expect(describeSchema({ type: 'integer', minimum: 1, maximum: 50, default: 10 })).toBe('integer, ≥ 1, ≤ 50, default 10');
  });
});
