/**
 * Multilateral pacts (21大都市, 中核市, 義士親善友好都市 …) drawn as networks, not as hundreds of pairs: a list in
 * the exchanges panel; the open pact's parties as dots in its kind's colour, framed in the visible map, and listed
 * in the right panel with its sources. URL key: net.
 */
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { pointBounds } from '../../domain/geo.ts';
import type { ExchangeNetwork } from '../../domain/records/exchanges.ts';
import { api } from '../api.ts';
import type { AppContext } from '../context.ts';
import { fmtInt } from '../format.ts';
import { label, t } from '../i18n.ts';
import { nameOfCode, prefNameOfCode } from '../names.ts';
import { rgb } from '../palette.ts';
import { citationList } from '../ui/citations.ts';
import { type Html, html } from '../ui/html.ts';
import { exchangeKindColour } from './exchange-flows.ts';

let loaded: Promise<ExchangeNetwork[]> | null = null;

/** Every pact with its parties, read once. */
export function loadNetworks(): Promise<ExchangeNetwork[]> {
  loaded ??= api('/api/exchanges/networks').then((r) => r.items);
  loaded.catch(() => (loaded = null));
  return loaded;
}

/** The list of pacts in the view's panel: one button each, with its kind and number of parties. */
export function networkList(networks: ExchangeNetwork[], open: string | null): Html {
  return html`<section class="xc-networks" data-testid="networks">
    <h3>${t('多者間の協定（ネットワーク）', 'Multilateral pacts (networks)')}</h3>
    <p class="sub">${t('多数の自治体が結ぶ協定は線でなく参加自治体の点で示します。', 'Pacts among many municipalities are shown as their parties, not as lines between every pair.')}</p>
    <ul class="plain">${networks.map(
      (n) =>
        html`<li><button type="button" class="linkish" data-net="${n.id}" aria-pressed="${String(n.id === open)}"><span class="sw xk-sw xk-${n.kind}"></span>${n.name}</button> <small>${t(`${fmtInt(n.members.length)}団体`, `${fmtInt(n.members.length)} parties`)}</small></li>`,
    )}</ul>
  </section>`;
}

/** The open pact's parties as dots in its kind's colour. */
export function networkLayers(n: ExchangeNetwork): Layer[] {
  return [
    new ScatterplotLayer<ExchangeNetwork['members'][number]>({
      id: 'xc-network',
      data: n.members,
      getPosition: (m) => [m.lon, m.lat],
      getRadius: 6,
      radiusUnits: 'pixels',
      getFillColor: [...rgb(exchangeKindColour[n.kind]), 240],
      getLineColor: [255, 255, 255, 255],
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
      stroked: true,
      pickable: true,
    }),
  ];
}

/** The bounds of a pact's parties, for framing. */
export function networkBounds(n: ExchangeNetwork): [[number, number], [number, number]] {
  return pointBounds(n.members);
}

/** The right panel for a pact: kind, how its parties are known, every party (a button selects it) and sources. */
export function showNetwork(ctx: AppContext, n: ExchangeNetwork): void {
  const body = ctx.showPanel(html`
    <h2 data-testid="network-title">${n.name}</h2>
    <p class="sub"><span class="badge xk-badge xk-${n.kind}">${label('exchangeKind', n.kind)}</span> ${t(`${fmtInt(n.members.length)}団体`, `${fmtInt(n.members.length)} parties`)}${n.sinceYear ? ` · ${n.sinceYear}${t('年', '')}` : ''}${n.asOf ? ` · ${t('時点', 'as of')} ${n.asOf}` : ''}</p>
    <p class="sub">${n.membership === 'designation' ? t('参加団体は指定（政令指定都市・中核市など）によります。', 'Parties by designation (every designated city, core city …).') : t('参加団体は出典に列挙されたものです。', 'Parties as listed in the source.')}</p>
    <ul class="plain xc-members">${n.members.map((m) => html`<li><button type="button" class="linkish" data-go="${m.code}">${nameOfCode(ctx, m.code, m.name)}</button> <small>${m.prefName !== m.name ? prefNameOfCode(ctx, m.code, m.prefName) : ''}</small></li>`)}</ul>
    <div class="xc-source">${t('出典', 'Source')}: ${citationList(n.sources)}</div>`);
  for (const b of body.querySelectorAll<HTMLButtonElement>('[data-go]')) {
    b.addEventListener('click', () => ctx.munis.has(b.dataset.go!) && ctx.select(b.dataset.go!, { fly: true }));
  }
}
