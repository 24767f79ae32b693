import { z } from 'zod';
import { type ApiPath, answerMediaTypes, createdBy } from '../domain/contract.ts';
import type { AnyRoute } from './route.ts';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  tags: string[];
  parameters: OpenApiParameter[];
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
  security: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Partial<Record<AnyRoute['method'], OpenApiOperation>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

/** What the API page and the document say about reads and writes. */
export const accessNote =
  'Reads (GET) are public. Writes (saving custom regions, importing agreements) need the header ' +
  '`Authorization: Bearer <token>` with the token the server prints at start (or ATLAS_WRITE_TOKEN); ' +
  'without it they answer 401. Errors are JSON: `{"error":{"code","message"}}` — 400 names the bad field.';

/** A zod schema as JSON Schema (draft 2020-12, which OpenAPI 3.1 uses) describing what a client sends. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** A zod schema as JSON Schema describing what the server answers (output: defaults applied, objects closed). */
export function answerSchemaOf(schema: z.ZodType): JsonSchema {
  const out = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** `/api/municipalities/:code` → `/api/municipalities/{code}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): OpenApiParameter[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema);
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

const errorRef = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });

/**
 * The OpenAPI 3.1 document of `routes`, generated from the same zod schemas that validate requests.
 * @example openApiDocument(apiRoutes(deps)).paths['/api/health'].get.summary // 'Service health and data vintage.'
 */
export function openApiDocument(routes: AnyRoute[], version = '0.1.0'): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    const success = createdBy.some((c) => c.path === route.path && c.method === route.method) ? '201' : '200';
    const mediaType = (answerMediaTypes as Partial<Record<ApiPath, string>>)[route.path as ApiPath] ?? 'application/json';
    const responses: OpenApiOperation['responses'] = {
      [success]: { description: route.returns, content: { [mediaType]: { schema: answerSchemaOf(route.response) } } },
      '400': errorResponse('Invalid input; the message names the field and what is expected.'),
    };
    if (route.path.includes(':')) responses['404'] = errorResponse('Nothing with that key.');
    if (route.write) responses['401'] = errorResponse('Missing or wrong bearer token.');
    if (route.body || route.method !== 'get') responses['413'] = errorResponse('Body larger than the limit (2 MiB).');
    responses['500'] = errorResponse('Unexpected server error (logged; no details are sent).');
    const operation: OpenApiOperation = {
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
      summary: route.summary,
      tags: [route.tag],
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      responses,
      security: route.write ? [{ bearerAuth: [] }] : [],
    };
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchemaOf(route.body) } } };
    else if (route.method !== 'get') operation.requestBody = { required: true, content: { '*/*': { schema: {} } } };
    (paths[path] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: '連携アトラス Renkei Atlas API', version, description: accessNote },
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'The write token printed at server start.' } },
    },
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Constraints of a parameter schema in words: type, enum, range, length, pattern, default. */
export function describeSchema(s: JsonSchema): string {
  const parts: string[] = [];
  if (Array.isArray(s.enum)) parts.push(`one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  else if (s.type) parts.push(String(s.type));
  else if (Array.isArray(s.anyOf)) parts.push((s.anyOf as JsonSchema[]).map(describeSchema).join(' or '));
  if (typeof s.minimum === 'number') parts.push(`≥ ${s.minimum}`);
  if (typeof s.maximum === 'number' && s.maximum < Number.MAX_SAFE_INTEGER) parts.push(`≤ ${s.maximum}`);
  if (typeof s.minLength === 'number') parts.push(`at least ${s.minLength} characters`);
  if (typeof s.maxLength === 'number') parts.push(`at most ${s.maxLength} characters`);
  if (typeof s.pattern === 'string') parts.push(`matching /${s.pattern}/`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.join(', ');
}

/** The CSS of the API page (served inline; its hash goes into the page's content security policy). */
export const docsCss = `body{font:15px/1.5 system-ui,"Noto Sans CJK JP",sans-serif;margin:0 auto;max-width:960px;padding:1.5rem;color:#1d2330}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccd;padding-bottom:.2rem;text-transform:capitalize}
.op{border:1px solid #dde;border-radius:6px;padding:.6rem .9rem;margin:.8rem 0}.m{display:inline-block;min-width:3.5rem;font-weight:700;color:#fff;border-radius:4px;padding:0 .4rem;text-align:center;margin-right:.5rem}
.get{background:#0072b2}.post{background:#009e73}.put{background:#e69f00}.delete{background:#d55e00}code,pre{font-family:ui-monospace,monospace;font-size:.9em}
pre{background:#f4f5f8;padding:.6rem;overflow:auto;border-radius:4px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eef;padding:.25rem .4rem;text-align:left;vertical-align:top}
.lock{color:#d55e00;font-weight:600}.note{background:#f4f5f8;padding:.6rem .8rem;border-radius:6px}`;

/** The success answer of an operation (200, or 201 where it creates). */
const successOf = (op: OpenApiOperation) => op.responses['200'] ?? op.responses['201']!;

/**
 * A readable HTML page of the API built from the OpenAPI document: no script, no external resource.
 * @example renderApiPage(openApiDocument(routes)).startsWith('<!doctype html>') // true
 */
export function renderApiPage(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops) as [string, OpenApiOperation][]) {
      const params = op.parameters.length
        ? `<table><tr><th>parameter</th><th>in</th><th>accepts</th></tr>${op.parameters
            .map(
              (p) =>
                `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? ' *' : ''}</td><td>${p.in}</td><td>${escapeHtml([describeSchema(p.schema), p.description ?? ''].filter(Boolean).join('; '))}</td></tr>`,
            )
            .join('')}</table>`
        : '';
      const bodySchema = op.requestBody ? Object.values(op.requestBody.content)[0].schema : undefined;
      const body =
        bodySchema && Object.keys(bodySchema).length
          ? `<p>Body (JSON):</p><pre>${escapeHtml(JSON.stringify(bodySchema, null, 2))}</pre>`
          : op.requestBody
            ? '<p>Body: see the summary.</p>'
            : '';
      const html = `<div class="op" id="${escapeHtml(op.operationId)}"><p><span class="m ${method}">${method.toUpperCase()}</span><code>${escapeHtml(path)}</code>${op.security.length ? ' <span class="lock">token required</span>' : ''}</p>
<p>${escapeHtml(op.summary)}</p><p>Returns: <code>${escapeHtml(successOf(op).description)}</code>; errors: ${Object.keys(op.responses)
        .filter((s) => !s.startsWith('2'))
        .join(', ')}</p>${params}${body}</div>`;
      const tag = op.tags[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<h2 id="tag-${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${ops.join('\n')}`).join('\n');
  const toc = [...byTag.keys()].map((t) => `<a href="#tag-${escapeHtml(t)}">${escapeHtml(t)}</a>`).join(' · ');
  const note = escapeHtml(doc.info.description).replace(/`([^`]+)`/g, '<code>$1</code>');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)}</title><style>${docsCss}</style></head>
<body><h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p class="note">${note}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${doc.openapi}). Sections: ${toc}</p>
${sections}
</body></html>`;
}
