import fc from 'fast-check';
import { jsonSchemaOf } from '../../server/openapi.ts';
import type { AnyRoute } from '../../server/route.ts';

/** Real municipality codes, so near-valid inputs reach the handlers' own checks. */
export const realCodes = ['13112', '13113', '01400', '14100', '34207', '27100', '47201', '01100', '13101', '20202'];

/** Strings that have broken web apps before: SQL, traversal, markup, odd numbers, control and bidi characters. */
export const nasty = [
  "' OR 1=1 --",
  "1'; DROP TABLE municipalities; --",
  '13112 UNION SELECT * FROM meta',
  '../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '....//....//etc/passwd',
  '\\..\\..\\windows\\win.ini',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '\u0000',
  '%00',
  '\u202e\u0645',
  '\uFEFF',
  '\uD800',
  '𠮷野家',
  '東京都',
  'ｾﾀｶﾞﾔ',
  '😀👨‍👩‍👧',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  '-9999999999999999999999',
  '0x1F',
  '1_000',
  ' 5',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  '13112',
  '01400',
  '99999',
  '00000',
  '1311',
  '131120',
  'x'.repeat(10_000),
  '9'.repeat(500),
  '',
];

/**
 * encodeURIComponent that also sends lone surrogates (which it refuses) as the invalid UTF-8 bytes %ED%A0%80,
 * so the server sees malformed encodings too.
 */
export function encode(s: string): string {
  // Odd parts of the split are the lone surrogates (the capture group).
  return s
    .split(/([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/)
    .map((part, i) => (i % 2 ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
}

/** A hostile string: random (ASCII, full Unicode), a known nasty value, a number in any form, or a long one. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nasty) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 3000 }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
);

/** Names and plausible values taken from a zod schema (keys, enum members, defaults), so fuzzing hits real branches. */
export function schemaHints(schema: AnyRoute['query']): { keys: string[]; values: string[] } {
  if (!schema) return { keys: [], values: [] };
  const json = jsonSchemaOf(schema) as { properties?: Record<string, Record<string, unknown>> };
  const keys = Object.keys(json.properties ?? {});
  const values: string[] = [];
  const visit = (s: Record<string, unknown>) => {
    if (Array.isArray(s.enum)) values.push(...s.enum.map(String));
    if (s.default !== undefined) values.push(String(s.default));
    for (const k of ['minimum', 'maximum'] as const)
      if (typeof s[k] === 'number' && Math.abs(s[k] as number) < 1e9) values.push(String(s[k]), String((s[k] as number) + (k === 'minimum' ? -1 : 1)));
    for (const sub of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(s[sub])) (s[sub] as Record<string, unknown>[]).forEach(visit);
    if (s.items && typeof s.items === 'object') visit(s.items as Record<string, unknown>);
  };
  Object.values(json.properties ?? {}).forEach(visit);
  return { keys, values };
}

/** A query string for `route`: known and unknown keys, repeated keys, hostile or near-valid values, raw malformed encodings. */
export function queryArb(route: AnyRoute): fc.Arbitrary<string> {
  const hints = schemaHints(route.query);
  const key = hints.keys.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...hints.keys) }, { weight: 1, arbitrary: hostileString }) : hostileString;
  const value = hints.values.length ? fc.oneof(fc.constantFrom(...hints.values, ...realCodes), hostileString) : hostileString;
  const pairs = fc.array(fc.tuple(key, value), { maxLength: 5 }).map((ps) => ps.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));
  // Whole queries that satisfy the schema most of the time, so handlers see plausible combinations.
  const shaped = route.query
    ? nearValid(jsonSchemaOf(route.query)).map((o) =>
        o && typeof o === 'object' && !Array.isArray(o)
          ? Object.entries(o)
              .map(([k, v]) => `${encode(k)}=${encode(Array.isArray(v) ? v.join(',') : String(v))}`)
              .join('&')
          : `q=${encode(String(o))}`,
      )
    : fc.constant('');
  const raw = fc.constantFrom('%zz=1', 'q=%E0%A4%A', '=', '&&&', 'a[b]=1', 'a=1&a=2&a=3', '%00=%00', '?=?', 'limit=1&limit=2');
  return fc.oneof({ weight: 4, arbitrary: pairs }, { weight: 4, arbitrary: shaped }, { weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: raw });
}

/** A value for one path segment: hostile (encoded, as a client would send it) or near-valid. */
export const pathValueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: hostileString.filter((s) => s.length > 0).map(encode) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      ...realCodes,
      'population',
      'density',
      'share65plus',
      'ccr-34207',
      'pref-13',
      'setagaya',
      'bingo',
      '1',
      '..',
      '%2e%2e',
      '..%2f..%2fetc%2fpasswd',
      '%252e%252e',
      '%C0%AE%C0%AE',
    ),
  },
);

type Json = Record<string, unknown>;

/**
 * Values that (mostly) satisfy a JSON Schema: enums, real codes for 5-digit patterns, numbers around the
 * bounds, arrays within their lengths, objects with their required keys; one in six leaves is hostile.
 */
export function nearValid(schema: Json, depth = 0): fc.Arbitrary<unknown> {
  const hostile = fc.oneof(hostileString, fc.integer(), fc.constant(null), fc.boolean());
  const valid = ((): fc.Arbitrary<unknown> => {
    if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
    if (schema.const !== undefined) return fc.constant(schema.const);
    const union = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
    if (union?.length) return fc.oneof(...union.map((u) => nearValid(u, depth + 1)));
    switch (schema.type) {
      case 'string':
        if (typeof schema.pattern === 'string' && schema.pattern.includes('\\d{5}')) return fc.constantFrom(...realCodes);
        return fc.oneof(
          fc.string({ minLength: Number(schema.minLength ?? 0), maxLength: Math.min(Number(schema.maxLength ?? 30), 30) }),
          fc.constantFrom('世田谷区', '連携 test', 'custom'),
        );
      case 'integer':
      case 'number': {
        const min = Math.max(Number(schema.minimum ?? -1e6), -1e9);
        const max = Math.min(Number(schema.maximum ?? 1e6), 1e9);
        return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) }), fc.constantFrom(min, max, min - 1, max + 1));
      }
      case 'boolean':
        return fc.boolean();
      case 'array':
        if (depth > 3) return fc.constant([]);
        return fc.array(nearValid((schema.items as Json) ?? {}, depth + 1), { minLength: Number(schema.minItems ?? 0), maxLength: Math.min(Number(schema.maxItems ?? 8), 8) });
      case 'object': {
        if (depth > 3) return fc.constant({});
        const props = (schema.properties ?? {}) as Record<string, Json>;
        const required = new Set((schema.required as string[]) ?? []);
        const keys = Object.keys(props);
        if (!keys.length) return fc.dictionary(fc.string({ maxLength: 8 }), hostile, { maxKeys: 4 });
        return fc.record(Object.fromEntries(keys.map((k) => [k, nearValid(props[k], depth + 1)])), { requiredKeys: keys.filter((k) => required.has(k)) });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

/** A JSON body meant to break a handler: near-valid, wrong types, deep nesting, huge arrays, prototype keys; now and then one of `examples` (valid bodies). */
export function bodyArb(route: AnyRoute, examples: readonly string[] = []): fc.Arbitrary<string> {
  const hints = schemaHints(route.body);
  const keyArb = hints.keys.length ? fc.oneof(fc.constantFrom(...hints.keys, '__proto__', 'constructor'), fc.string({ maxLength: 10 })) : fc.string({ maxLength: 10 });
  const leaf = fc.oneof(
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(hostileString, fc.constantFrom(...realCodes)), { maxLength: 5 }),
  );
  const shaped = fc
    .dictionary(keyArb, fc.oneof(leaf, fc.dictionary(keyArb, leaf, { maxKeys: 4 }), fc.array(fc.dictionary(keyArb, leaf, { maxKeys: 4 }), { maxLength: 5 })), { maxKeys: 8 })
    .map((o) => JSON.stringify(o));
  const schemaShaped = route.body ? nearValid(jsonSchemaOf(route.body)).map((v) => JSON.stringify(v) ?? 'null') : shaped;
  const nested = fc.integer({ min: 100, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n));
  const raw = fc.constantFrom(
    '',
    'null',
    '{',
    '{"a":',
    'not json',
    '\u0000',
    '{"__proto__":{"polluted":1}}',
    `[${'1,'.repeat(20_000)}1]`,
    '"string"',
    '1e999',
    'code,partner\n13112,01400\n',
  );
  if (!route.body) return fc.oneof({ weight: 3, arbitrary: csvArb }, { weight: 2, arbitrary: shaped }, { weight: 1, arbitrary: nested }, { weight: 2, arbitrary: raw });
  return fc.oneof(
    ...(examples.length ? [{ weight: 3, arbitrary: fc.constantFrom(...examples) }] : []),
    { weight: 6, arbitrary: schemaShaped },
    { weight: 3, arbitrary: shaped },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: nested },
    { weight: 2, arbitrary: raw },
  );
}

/** A CSV upload (routes that take a non-JSON body, such as the agreement import): known and odd headers, near-valid and hostile cells. */
export const csvArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('a_code,b_code,kind,year', 'a_name,a_prefecture,b_name,b_prefecture,kind,year,note', '自治体A,自治体B,種別,締結年', 'a_code,b_code', 'x,y,z', ''),
    fc.array(
      fc.array(
        fc.oneof(
          fc.constantFrom(...realCodes, 'sister', 'friendship', 'disaster_aid', 'other', '1995', '2030', '世田谷区', '東京都', '"quoted, cell"', '"unterminated'),
          hostileString,
        ),
        { minLength: 1, maxLength: 7 },
      ),
      { maxLength: 12 },
    ),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([header, rows, eol]) => [header, ...rows.map((r) => r.join(','))].join(eol));

/** `/api/municipalities/:code` with each `:param` replaced by a generated segment, or now and then one of `examples` (valid paths). */
export function pathArb(route: AnyRoute, examples: readonly string[] = []): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]);
  if (!names.length) return fc.constant(route.path);
  const generated = fc.tuple(...names.map(() => pathValueArb)).map((values) => names.reduce((p, n, i) => p.replace(`:${n}`, values[i]), route.path));
  return examples.length ? fc.oneof({ weight: 4, arbitrary: generated }, { weight: 1, arbitrary: fc.constantFrom(...examples) }) : generated;
}
