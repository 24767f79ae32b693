/**
 * Exchange (交流・協定) records of GET /api/exchanges, POST /api/exchanges/import and the municipality detail:
 * zod schemas (the OpenAPI document and the API tests read them) and their types, shared by server and client.
 */
import { z } from 'zod';
import { Citation } from '../citations.ts';
import type { Via } from '../names/resolver.ts';
import { pure } from './pure.ts';

/**
 * Exchange kinds (exact API and seed values), in legend order. partnership = 縁組協定 and other formal exchange
 * agreements (協定, 提携書, 宣言); relationship_population = a 関係人口 project that links two municipalities (a
 * proposer and its partner city); organisation = a company's or organisation's home linked to the places where it
 * runs a project (not an agreement between the municipalities, so never an existing tie in partner rankings);
 * other = exchange without a named agreement (交流自治体, 国内交流都市 …).
 */
export const exchangeKinds = ['sister', 'friendship', 'partnership', 'disaster_aid', 'relationship_population', 'organisation', 'other'] as const;
export const ExchangeKind = pure(() => z.enum(exchangeKinds));
export type ExchangeKind = z.infer<typeof ExchangeKind>;

/** Kinds that are not agreements between the two municipalities: shown, but not counted as existing ties. */
export const nonTieKinds: readonly ExchangeKind[] = ['organisation'];

/**
 * How a network's members are known: listed one by one in its source (drawn as one arc per pair), or by a
 * designation (every 政令指定都市 or 中核市 takes part; kept as a membership, since thousands of arcs would say less).
 */
export const NetworkMembership = pure(() => z.enum(['listed', 'designation']));
export type NetworkMembership = z.infer<typeof NetworkMembership>;

/** Where an agreement comes from: the project's seeds or a user's import. */
export const ExchangeOrigin = pure(() => z.enum(['seed', 'user']));
export type ExchangeOrigin = z.infer<typeof ExchangeOrigin>;

const PartnerName = pure(() => z.object({ code: z.string(), name: z.string(), prefName: z.string() }));

/** An exchange a municipality takes part in, as listed in its detail. */
export const MunicipalityExchange = pure(() =>
  z.object({
    id: z.string(),
    kind: ExchangeKind,
    partner: PartnerName,
    sinceYear: z.number().nullable(),
    agreement: z.string().nullable(),
    sources: z.array(Citation).describe('Where the agreement is documented, as readable citations.'),
  }),
);
export type MunicipalityExchange = z.infer<typeof MunicipalityExchange>;

/** A multilateral pact a municipality is a party to, as listed in its detail. */
export const MunicipalityNetwork = pure(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    kind: ExchangeKind,
    memberCount: z.number().describe('Parties, this municipality included.'),
    membership: NetworkMembership,
    sinceYear: z.number().nullable(),
    asOf: z.string().describe("Date the member list holds for; '' when the source gives none."),
    sources: z.array(Citation),
    note: z.string(),
  }),
);
export type MunicipalityNetwork = z.infer<typeof MunicipalityNetwork>;

/** One side of an agreement: a municipality, or a prefecture (code "PP000", e.g. "20000" 長野県). */
export const ExchangeEnd = pure(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    prefName: z.string(),
    lon: z.number(),
    lat: z.number(),
    formerName: z.string().nullable().describe('The name at the time of the agreement where the municipality has since merged (川口町 → 長岡市).'),
  }),
);
export type ExchangeEnd = z.infer<typeof ExchangeEnd>;

/** A multilateral pact with all its parties, as GET /api/exchanges/networks lists them (drawn as a network, not as pairs). */
export const ExchangeNetwork = pure(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    kind: ExchangeKind,
    membership: NetworkMembership,
    sinceYear: z.number().nullable(),
    asOf: z.string().describe("Date the member list holds for; '' when the source gives none."),
    note: z.string(),
    sources: z.array(Citation),
    members: z.array(ExchangeEnd.omit({ formerName: true })).describe('Parties with a point each (a prefecture, e.g. 東京都 "13000", at its own point).'),
  }),
);
export type ExchangeNetwork = z.infer<typeof ExchangeNetwork>;

/** GET /api/exchanges/networks */
export const ExchangeNetworkList = pure(() => z.object({ items: z.array(ExchangeNetwork), total: z.number() }));
export type ExchangeNetworkList = z.infer<typeof ExchangeNetworkList>;

/** One agreement between two partners. */
export const Exchange = pure(() =>
  z.object({
    id: z.string(),
    a: ExchangeEnd,
    b: ExchangeEnd,
    kind: ExchangeKind,
    sinceYear: z.number().nullable(),
    agreement: z.string().nullable(),
    sources: z.array(Citation).describe('Where the agreement is documented, as readable citations.'),
    note: z.string().nullable(),
    origin: ExchangeOrigin,
    network: z.object({ id: z.string(), name: z.string() }).nullable().describe('The multilateral pact this pair belongs to, if any.'),
    pairCount: z.number().describe('Agreements of any kind between the same two partners (arc width).'),
  }),
);
export type Exchange = z.infer<typeof Exchange>;

/** GET /api/exchanges */
export const ExchangeList = pure(() => z.object({ items: z.array(Exchange), total: z.number() }));
export type ExchangeList = z.infer<typeof ExchangeList>;

/** Why a row of an import cannot be taken (bad_number and duplicate_place: own indicators). */
export const ImportProblemCode = pure(() =>
  z.enum([
    'missing_value',
    'unknown_name',
    'ambiguous_name',
    'unknown_code',
    'unknown_kind',
    'bad_year',
    'self_pair',
    'duplicate_in_file',
    'duplicate_existing',
    'bad_number',
    'duplicate_place',
  ]),
);
export type ImportProblemCode = z.infer<typeof ImportProblemCode>;

/** Which value of a row a problem is about: an agreement's partners a and b, its kind or year; an indicator's place or value. */
export const ImportField = pure(() => z.enum(['a', 'b', 'kind', 'year', 'place', 'value']));
export type ImportField = z.infer<typeof ImportField>;

/** A place a problem names: one an ambiguous name may mean, or one a name that fits none may have meant. */
export const ImportPlace = pure(() =>
  PartnerName.extend({ formerName: z.string().optional().describe('For a suggestion by former name: the name written then (川口町 for 長岡市).') }),
);
export type ImportPlace = z.infer<typeof ImportPlace>;

export const ImportProblem = pure(() =>
  z.object({
    code: ImportProblemCode,
    field: ImportField,
    written: z.string().describe("What the row holds for this field, as typed ('' when empty)."),
    message: z.string().describe("In plain English for API users; the UI shows the code's label (domain/glossary.ts) with `written` and the places."),
    candidates: z.array(ImportPlace).optional().describe('For an ambiguous name: every place it may mean.'),
    suggestions: z.array(ImportPlace).optional().describe('For a name that fits none: places it may have meant (NameResolver.suggest), to check, never imported as such.'),
  }),
);
export type ImportProblem = z.infer<typeof ImportProblem>;

/** How a name that is not today's led to a place (domain/names/resolver.ts). */
const ViaSchema = pure(() =>
  z.object({
    kind: z.enum(['variant', 'former']),
    written: z.string().describe('What was written (without the prefecture).'),
    prefecture: z.string().optional(),
    date: z.string().optional(),
    change: z.string().optional(),
  }),
) satisfies z.ZodType<Via>;

/** A partner as an import resolved it; `via` says how a name that is not today's led there (新潟県川口町 → 長岡市). */
export const ImportPartner = pure(() => PartnerName.extend({ via: ViaSchema.optional() }));
export type ImportPartner = z.infer<typeof ImportPartner>;

/** One row of an import report (line numbers count the header as line 1). */
export const ImportRow = pure(() =>
  z.object({
    line: z.number(),
    status: z.enum(['ok', 'error']),
    written: z.object({ a: z.string(), b: z.string() }).describe('What the row says for each partner (prefecture column, name or code), as typed.'),
    a: ImportPartner.nullable(),
    b: ImportPartner.nullable(),
    kind: ExchangeKind.nullable(),
    sinceYear: z.number().nullable(),
    problems: z.array(ImportProblem).describe('What is wrong, in plain words with a stable code; empty when the row is valid.'),
    id: z.string().nullable().describe('Id given on import (not on a dry run).'),
  }),
);
export type ImportRow = z.infer<typeof ImportRow>;

/** POST /api/exchanges/import */
export const ImportReport = pure(() =>
  z.object({
    dryRun: z.boolean(),
    encoding: z.enum(['utf-8', 'shift_jis']),
    columns: z.record(z.string(), z.string()).describe("Columns recognised, e.g. {a: 'a_name', aPrefecture: 'a_prefecture', b: 'b_code', kind: '種別', year: 'year'}."),
    rows: z.array(ImportRow),
    valid: z.number(),
    invalid: z.number(),
    imported: z.number(),
  }),
);
export type ImportReport = z.infer<typeof ImportReport>;
