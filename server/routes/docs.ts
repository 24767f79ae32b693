import { createHash } from 'node:crypto';
import { apiRoutes } from '../app.ts';
import { type OpenApiDocument, docsCss, openApiDocument, renderApiPage } from '../openapi.ts';
import { type AppDeps, defineRoute } from '../route.ts';
import { contentSecurityPolicy } from '../security.ts';

// One document per app (the routes are fixed once the app is built).
const documents = new WeakMap<AppDeps, { doc: OpenApiDocument; html: string }>();

function documentFor(deps: AppDeps): { doc: OpenApiDocument; html: string } {
  let entry = documents.get(deps);
  if (!entry) {
    const doc = openApiDocument(apiRoutes(deps));
    entry = { doc, html: renderApiPage(doc) };
    documents.set(deps, entry);
  }
  return entry;
}

// The API page's only inline content is its stylesheet, allowed by hash rather than 'unsafe-inline'.
const pageCsp = contentSecurityPolicy.replace("style-src 'self'", `style-src 'sha256-${createHash('sha256').update(docsCss).digest('base64')}'`);

export const docsRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/openapi.json',
    tag: 'docs',
    summary: 'The OpenAPI 3.1 document of every route, generated from the schemas that validate requests.',
    returns: 'OpenAPI 3.1 document',
    handle: ({ deps }) => documentFor(deps).doc,
  }),
  defineRoute({
    method: 'get',
    path: '/api/docs',
    tag: 'docs',
    summary: 'A readable HTML page of the API (from the OpenAPI document).',
    returns: 'text/html page',
    handle: ({ c, deps }) => {
      c.header('content-security-policy', pageCsp);
      return c.html(documentFor(deps).html);
    },
  }),
];
