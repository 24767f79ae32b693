/**
 * The exchanges as flow groups, one per kind: every pair of partners with the number of its agreements of that
 * kind (undirected: a sister-city tie goes both ways). The pairs of a multilateral pact are left out of the
 * national map (the pact is drawn as a network, exchange-networks.ts) unless one place is selected, whose pairs
 * are then all shown.
 */
import { type Exchange, type ExchangeKind, exchangeKinds } from '../../domain/records/exchanges.ts';
import type { FlowGroup, FlowPlace } from '../map/flow-model.ts';

/** Okabe–Ito colours per kind, fixed everywhere in the atlas (exchanges.css repeats them as .xk-<kind> classes: the CSP forbids inline styles). */
export const exchangeKindColour: Record<ExchangeKind, string> = {
  sister: '#0072B2',
  friendship: '#E69F00',
  partnership: '#009E73',
  disaster_aid: '#D55E00',
  relationship_population: '#CC79A7',
  // Not an agreement between municipalities: neutral grey, not one of the agreement colours.
  organisation: '#8C8C8C',
  other: '#56B4E9',
};

/** Agreements drawn as flows: without a selection, those outside multilateral pacts. */
export function drawnAsFlows(items: Exchange[], selected: string | null): Exchange[] {
  return selected ? items : items.filter((x) => !x.network);
}

/**
 * The places (named by `nameOf`, e.g. in the UI language) and one undirected group per kind present, each pair once
 * with its agreements of that kind.
 * @example exchangeFlows(items, (e) => e.name).groups.find((g) => g.id === 'sister')?.flows[0] // { origin: '13112', dest: '10443', count: 1 }
 */
export function exchangeFlows(items: Exchange[], nameOf: (end: Exchange['a']) => string): { places: FlowPlace[]; groups: FlowGroup[] } {
  const places = new Map<string, FlowPlace>();
  const pairs = new Map<ExchangeKind, Map<string, { origin: string; dest: string; count: number }>>();
  for (const x of items) {
    for (const end of [x.a, x.b]) if (!places.has(end.code)) places.set(end.code, { id: end.code, name: nameOf(end), lon: end.lon, lat: end.lat });
    const [origin, dest] = x.a.code < x.b.code ? [x.a.code, x.b.code] : [x.b.code, x.a.code];
    let byPair = pairs.get(x.kind);
    if (!byPair) pairs.set(x.kind, (byPair = new Map()));
    const key = `${origin}-${dest}`;
    const flow = byPair.get(key);
    if (flow) flow.count += 1;
    else byPair.set(key, { origin, dest, count: 1 });
  }
  const groups = exchangeKinds.filter((k) => pairs.has(k)).map((k) => ({ id: k, colour: exchangeKindColour[k], directed: false, flows: [...pairs.get(k)!.values()] }));
  return { places: [...places.values()], groups };
}

/** The agreements between the places of two nodes (both ways), for a flow's tooltip and panel. */
export function agreementsBetween(items: Exchange[], kind: ExchangeKind | null, from: ReadonlySet<string>, to: ReadonlySet<string>): Exchange[] {
  return items.filter((x) => (!kind || x.kind === kind) && ((from.has(x.a.code) && to.has(x.b.code)) || (from.has(x.b.code) && to.has(x.a.code))));
}
