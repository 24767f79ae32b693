import { createHash } from 'node:crypto';
import { apiContract } from '../../domain/contract.ts';
import { type OpenApiDocument, docsCss, openApiDocument, renderApiPage } from '../openapi.ts';
import { type AnyRoute, defineRoute } from '../route.ts';
import { contentSecurityPolicy } from '../security.ts';

// The API page's only inline content is its stylesheet, allowed by hash rather than 'unsafe-inline'.
const pageCsp = contentSecurityPolicy.replace("style-src 'self'", `style-src 'sha256-${createHash('sha256').update(docsCss).digest('base64')}'`);

/**
 * The documentation routes for the app's other routes (passed in, so this module needs no import of the app).
 * @example [...routes, ...docsRoutes(routes)]
 */
export function docsRoutes(routes: readonly AnyRoute[]) {
  let entry: { doc: OpenApiDocument; html: string } | undefined;
  // Built on first use, once: the routes are fixed when the app is built.
  const documentFor = () => {
    if (!entry) {
      const doc = openApiDocument([...routes, ...self]);
      entry = { doc, html: renderApiPage(doc) };
    }
    return entry;
  };
  const self = [
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      response: apiContract['/api/openapi.json'].get,
      tag: 'docs',
      summary: 'The OpenAPI 3.1 document of every route, generated from the schemas that validate requests.',
      returns: 'OpenAPI 3.1 document',
      handle: () => documentFor().doc,
    }),
    defineRoute({
      method: 'get',
      path: '/api/docs',
      response: apiContract['/api/docs'].get,
      tag: 'docs',
      summary: 'A readable HTML page of the API (from the OpenAPI document).',
      returns: 'text/html page',
      handle: ({ c }) => {
        c.header('content-security-policy', pageCsp);
        return c.html(documentFor().html);
      },
    }),
  ];
  return self;
}
