import type { Citation } from '../citations.ts';

/**
 * Exchange (交流・協定) types of GET /api/exchanges, POST /api/exchanges/import and the municipality detail,
 * shared by server and client (`import type`).
 */
import type { Via } from '../names/resolver.ts';

/**
 * Exchange kinds (exact API and seed values). partnership = 縁組協定 and other formal exchange agreements
 * (協定, 提携書, 宣言); relationship_population = a 関係人口 project that links two municipalities (a proposer and
 * its partner city); organisation = a company's or organisation's home linked to the places where it runs a project
 * (not an agreement between the municipalities, so never an existing tie in partner rankings); other = exchange
 * without a named agreement (交流自治体, 国内交流都市 …).
 */
export type ExchangeKind = 'sister' | 'friendship' | 'partnership' | 'disaster_aid' | 'relationship_population' | 'organisation' | 'other';

/** Every kind, in legend order. */
export const exchangeKinds: readonly ExchangeKind[] = ['sister', 'friendship', 'partnership', 'disaster_aid', 'relationship_population', 'organisation', 'other'];

/** Kinds that are not agreements between the two municipalities: shown, but not counted as existing ties. */
export const nonTieKinds: readonly ExchangeKind[] = ['organisation'];

/**
 * How a network's members are known: listed one by one in its source (drawn as one arc per pair), or by a
 * designation (every 政令指定都市 or 中核市 takes part; kept as a membership, since thousands of arcs would say less).
 */
export type NetworkMembership = 'listed' | 'designation';

/** Where an agreement comes from: the project's seeds or a user's import. */
export type ExchangeOrigin = 'seed' | 'user';

/** An exchange a municipality takes part in, as listed in its detail. */
export interface MunicipalityExchange {
  id: string;
  kind: ExchangeKind;
  partner: { code: string; name: string; prefName: string };
  sinceYear: number | null;
  agreement: string | null;
  /** Where the agreement is documented, as readable citations. */
  sources: Citation[];
}

/** A multilateral pact a municipality is a party to, as listed in its detail. */
export interface MunicipalityNetwork {
  id: string;
  name: string;
  kind: ExchangeKind;
  /** Parties, this municipality included. */
  memberCount: number;
  membership: NetworkMembership;
  sinceYear: number | null;
  /** Date the member list holds for; '' when the source gives none. */
  asOf: string;
  sources: Citation[];
  note: string;
}

/** A multilateral pact with all its parties, as GET /api/exchanges/networks lists them (drawn as a network, not as pairs). */
export interface ExchangeNetwork {
  id: string;
  name: string;
  kind: ExchangeKind;
  membership: NetworkMembership;
  sinceYear: number | null;
  /** Date the member list holds for; '' when the source gives none. */
  asOf: string;
  note: string;
  sources: Citation[];
  /** Parties with a point each (a prefecture, e.g. 東京都 "13000", at its own point). */
  members: Omit<ExchangeEnd, 'formerName'>[];
}

/** GET /api/exchanges/networks */
export interface ExchangeNetworkList {
  items: ExchangeNetwork[];
  total: number;
}

/** One side of an agreement: a municipality, or a prefecture (code "PP000", e.g. "20000" 長野県). */
export interface ExchangeEnd {
  code: string;
  name: string;
  prefName: string;
  lon: number;
  lat: number;
  /** The name at the time of the agreement where the municipality has since merged (川口町 → 長岡市). */
  formerName: string | null;
}

/** One agreement between two partners. */
export interface Exchange {
  id: string;
  a: ExchangeEnd;
  b: ExchangeEnd;
  kind: ExchangeKind;
  sinceYear: number | null;
  agreement: string | null;
  /** Where the agreement is documented, as readable citations. */
  sources: Citation[];
  note: string | null;
  origin: ExchangeOrigin;
  /** The multilateral pact this pair belongs to, if any. */
  network: { id: string; name: string } | null;
  /** Agreements of any kind between the same two partners (arc width). */
  pairCount: number;
}

/** GET /api/exchanges */
export interface ExchangeList {
  items: Exchange[];
  total: number;
}

/** Why a row of an import cannot be taken. */
export type ImportProblemCode =
  | 'missing_value'
  | 'unknown_name'
  | 'ambiguous_name'
  | 'unknown_code'
  | 'unknown_kind'
  | 'bad_year'
  | 'self_pair'
  | 'duplicate_in_file'
  | 'duplicate_existing'
  /** Own indicators: a value that is not a number. */
  | 'bad_number'
  /** Own indicators: a second row for a municipality already given. */
  | 'duplicate_place';

/** Which value of a row a problem is about: an agreement's partners a and b, its kind or year; an indicator's place or value. */
export type ImportField = 'a' | 'b' | 'kind' | 'year' | 'place' | 'value';

/** A place a problem names: one an ambiguous name may mean, or one a name that fits none may have meant. */
export interface ImportPlace {
  code: string;
  name: string;
  prefName: string;
  /** For a suggestion by former name: the name written then (川口町 for 長岡市). */
  formerName?: string;
}

export interface ImportProblem {
  code: ImportProblemCode;
  field: ImportField;
  /** What the row holds for this field, as typed ('' when empty). */
  written: string;
  /** In plain English for API users; the UI shows the code's label (domain/glossary.ts) with `written` and the places. */
  message: string;
  /** For an ambiguous name: every place it may mean. */
  candidates?: ImportPlace[];
  /** For a name that fits none: places it may have meant (NameResolver.suggest), to check, never imported as such. */
  suggestions?: ImportPlace[];
}

/** A partner as an import resolved it; `via` says how a name that is not today's led there (新潟県川口町 → 長岡市). */
export interface ImportPartner {
  code: string;
  name: string;
  prefName: string;
  via?: Via;
}

/** One row of an import report (line numbers count the header as line 1). */
export interface ImportRow {
  line: number;
  status: 'ok' | 'error';
  /** What the row says for each partner (prefecture column, name or code), as typed. */
  written: { a: string; b: string };
  a: ImportPartner | null;
  b: ImportPartner | null;
  kind: ExchangeKind | null;
  sinceYear: number | null;
  /** What is wrong, in plain words with a stable code; empty when the row is valid. */
  problems: ImportProblem[];
  /** Id given on import (not on a dry run). */
  id: string | null;
}

/** POST /api/exchanges/import */
export interface ImportReport {
  dryRun: boolean;
  encoding: 'utf-8' | 'shift_jis';
  /** Columns recognised, e.g. {a: 'a_name', aPrefecture: 'a_prefecture', b: 'b_code', kind: '種別', year: 'year'}. */
  columns: Record<string, string>;
  rows: ImportRow[];
  valid: number;
  invalid: number;
  imported: number;
}
