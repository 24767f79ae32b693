/** Exchange kinds (exact API values). */
export type ExchangeKind = 'sister' | 'friendship' | 'partnership' | 'disaster_aid' | 'relationship_population' | 'other';

/** An exchange a municipality takes part in, as listed in its detail. */
export interface MunicipalityExchange {
  id: string;
  kind: ExchangeKind;
  partner: { code: string; name: string; prefName: string };
  sinceYear: number | null;
  agreement: string | null;
  source: string;
}
