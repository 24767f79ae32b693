/**
 * Formal beside functional: a region's members next to the 2020 10 % commuting area of its centre (都市雇用圏), as a
 * table in the region panel and as flows into the centre on the map (flowmap.gl, width by commuting share); and an employment
 * area's own centres and suburbs.
 */
import type { Layer } from '@deck.gl/core';
import type { CommutingComparison, EmploymentAreaDetail } from '../../../domain/records/regions.ts';
import type { AppContext } from '../../context.ts';
import { drawnAt, flowLayers } from '../../map/flow-layers.ts';
import { type FlowGroup, type FlowPlace, flowModel } from '../../map/flow-model.ts';
import { fmtInt, fmtValue } from '../../format.ts';
import { label, t } from '../../i18n.ts';
import { nameOfCode } from '../../names.ts';
import { type Html, html } from '../../ui/html.ts';

/** Flow colours (Okabe–Ito): members that commute to the centre, non-members that do (candidates), and further suburbs. */
export const flowColour = { member: '#009E73', candidate: '#D55E00', further: '#6b7280' } as const;
type FlowKind = keyof typeof flowColour;

const pct = (rate: number) => fmtValue(Math.round(rate * 1000) / 10, '%');

/** Pixels of flow width for a commuting share: 10 % → 3 px, 50 % → 11 px (flowmap.gl's scale with `flowDrawing`). */
export const flowWidth = (rate: number) => 1 + rate * 20;

/** flowmap.gl's linear scale (0.3 + 5.7 × share of the top, times the factor) set to give `flowWidth`: shares up to 100 %. */
const flowDrawing = { thickness: 3.5, scaleMax: 1, nodes: false } as const;

/**
 * The flows of a comparison, one directed group per kind: each member and candidate into the centre it commutes
 * to, further suburbs into their suburb, as commuting shares.
 */
export function commutingFlows(c: CommutingComparison, ctx: AppContext): { places: FlowPlace[]; groups: FlowGroup[] } {
  const places = new Map<string, FlowPlace>();
  const groups = new Map<FlowKind, FlowGroup>();
  const add = (fromCode: string, toCode: string, rate: number, kind: FlowKind) => {
    const from = ctx.munis.get(fromCode);
    const to = ctx.munis.get(toCode);
    if (!from || !to) return;
    for (const m of [from, to]) places.set(m.code, { id: m.code, name: nameOfCode(ctx, m.code, m.name), lon: m.lon, lat: m.lat });
    let g = groups.get(kind);
    if (!g) groups.set(kind, (g = { id: kind, colour: flowColour[kind], directed: true, flows: [] }));
    g.flows.push({ origin: fromCode, dest: toCode, count: rate });
  };
  for (const m of c.members) if (m.centre && m.rate !== null) add(m.code, m.centre, m.rate, 'member');
  for (const m of c.candidates) add(m.code, m.centre, m.rate, 'candidate');
  for (const m of c.furtherSuburbs) add(m.code, m.via.code, m.via.rate, 'further');
  return { places: [...places.values()], groups: [...groups.values()] };
}

/** Flows into the centre with arrows, as wide as the share (the exchanges view's flow drawing, unclustered). */
export function flowLayer(c: CommutingComparison, ctx: AppContext): Layer[] {
  const { places, groups } = commutingFlows(c, ctx);
  return flowLayers('regions-commuting', drawnAt(flowModel(places, groups, false), ctx.atlas.map.getZoom(), flowDrawing));
}

/** What the data says of one member, in words. */
function relationText(m: CommutingComparison['members'][number], names: (code: string, fallback?: string) => string): string {
  if (m.relation === 'centre') return t('中心市', 'centre');
  if (m.rate !== null && m.centre) return t(`${names(m.centre)}へ ${pct(m.rate)}`, `${pct(m.rate)} to ${names(m.centre)}`);
  if (m.via) return t(`${m.via.name}へ ${pct(m.via.rate)}（${m.order}次郊外）`, `${pct(m.via.rate)} to ${names(m.via.code, m.via.name)} (order ${m.order})`);
  if (m.otherArea) return `${label('commutingRelation', m.relation)}（${m.otherArea.name}）`;
  return label('commutingRelation', m.relation);
}

/**
 * The "formal vs functional" table: members (centre, inside the 10 % area with the rate, outside and why), then
 * non-members commuting ≥ 10 % to the centre, then further suburbs through members; the counts above it and the
 * dataset and its caveat under it.
 */
export function commutingSection(c: CommutingComparison, ctx: AppContext): Html {
  // Names in the UI language (romaji in English), the record's own name where the list has none.
  const names = (code: string, fallback = code) => nameOfCode(ctx, code, fallback);
  const named = (x: { code: string; name: string }) => names(x.code, x.name);
  const centreNames = c.centres.map(named).join(t('・', ', '));
  const within = c.members.filter((m) => m.within && m.relation !== 'centre').sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0));
  const outside = c.members.filter((m) => !m.within);
  const centre = c.members.filter((m) => m.relation === 'centre');
  const swatch = (kind: FlowKind) => html`<span class="flow-sw" data-bg="${flowColour[kind]}"></span>`;
  const row = (name: string, formal: Html | string, functional: Html | string, cls = '') => html`<tr class="${cls}"><td>${name}</td><td>${formal}</td><td>${functional}</td></tr>`;
  return html`<section class="commuting" data-testid="commuting">
    <h3>${t('形式上の圏域と通勤圏（2020年）', 'Formal region vs commuting area (2020)')}</h3>
    <p class="sub" data-testid="commuting-summary">${t(
      `構成${fmtInt(c.counts.members)}市町村のうち${fmtInt(c.counts.withRate)}が${centreNames}へ通勤率10 %以上、${fmtInt(c.counts.outside)}は10 %圏外。構成外で10 %以上: ${c.candidates.length ? c.candidates.map((x) => x.name).join('・') : 'なし'}。`,
      `Of ${fmtInt(c.counts.members)} members, ${fmtInt(c.counts.withRate)} send 10 % or more of their workers to ${centreNames}; ${fmtInt(c.counts.outside)} lie outside that area. Non-members at 10 % or more: ${c.candidates.length ? c.candidates.map(named).join(', ') : 'none'}.`,
    )}${c.centreAssumed ? html` <span class="badge est">${t('中心は人口最大の構成市町村と仮定', 'centre assumed: the most populous member')}</span>` : ''}</p>
    <table class="data" data-testid="commuting-table"><thead><tr><th>${t('市町村', 'Municipality')}</th><th>${t('圏域（形式）', 'Formal')}</th><th>${t('通勤（都市雇用圏 2020）', 'Commuting (2020)')}</th></tr></thead><tbody>
    ${centre.map((m) => row(named(m), t('中心市', 'centre'), relationText(m, names)))}
    ${within.map((m) => row(named(m), t('構成', 'member'), html`${swatch('member')}${relationText(m, names)}`))}
    ${outside.map((m) => row(named(m), t('構成', 'member'), html`<span class="crit-near">${t('10 %圏外', 'outside')}</span> · ${relationText(m, names)}`, 'outside'))}
    ${c.candidates.map((m) =>
      row(
        named(m),
        html`<b>${t('構成外', 'not a member')}</b>`,
        html`${swatch('candidate')}${t(`${names(m.centre)}へ ${pct(m.rate)}`, `${pct(m.rate)} to ${names(m.centre)}`)}`,
        'candidate',
      ),
    )}
    ${c.furtherSuburbs.map((m) =>
      row(
        named(m),
        t('構成外', 'not a member'),
        html`${swatch('further')}${t(`${m.via.name}へ ${pct(m.via.rate)}（${m.order}次郊外）`, `${pct(m.via.rate)} to ${named(m.via)} (order ${m.order})`)}`,
        'further',
      ),
    )}
    </tbody></table>
    <p class="sub source"><small>${c.source}. ${t(
      '通勤（就業者）のみで通学を含まない。各市町村は最も通勤率の高い行き先の雇用圏にだけ載るため、別の中心へも10 %以上通勤していることがある。',
      'Commuting to work only, not to school. Each municipality is listed under its strongest destination only, so it may also send 10 % or more to another centre.',
    )}</small></p>
  </section>`;
}

/** An employment area's centres (with 従業常住比) and suburbs by order, with where each commutes and how much. */
export function employmentAreaSection(e: EmploymentAreaDetail, ctx: AppContext): Html {
  return html`<section class="commuting" data-testid="employment-area">
    <h3>${label('employmentAreaKind', e.kind)} <small>(${e.kind}, DID ${fmtValue(e.didPopulation, '人')})</small></h3>
    <table class="data"><thead><tr><th>${t('中心都市', 'Centre')}</th><th class="num">${t('人口', 'Population')}</th><th class="num">${t('従業常住比', 'Jobs ÷ workers')}</th></tr></thead><tbody>
      ${e.centres.map((c) => html`<tr><td>${nameOfCode(ctx, c.code, c.name)}</td><td class="num">${fmtInt(c.population)}</td><td class="num">${c.employmentResidenceRatio.toFixed(3)}</td></tr>`)}
    </tbody></table>
    <table class="data gap" data-testid="employment-suburbs"><thead><tr><th>${t('郊外', 'Suburb')}</th><th class="num">${t('次数', 'Order')}</th><th>${t('通勤先', 'Commutes to')}</th><th class="num">${t('通勤率', 'Rate')}</th></tr></thead><tbody>
      ${e.suburbs.map(
        (s) =>
          html`<tr><td>${nameOfCode(ctx, s.code, s.name)}</td><td class="num">${s.order}</td><td>${s.toCode ? nameOfCode(ctx, s.toCode, s.toName ?? s.toCode) : t('中心都市', 'the centres')}</td><td class="num">${pct(s.rate)}</td></tr>`,
      )}
    </tbody></table>
    <p class="sub source"><small>${e.source}. ${t('通勤のみ（通学を含まない）。従業常住比＝従業地による就業者数÷常住地による就業者数。', 'Commuting to work only. Jobs ÷ workers = employed people working there ÷ employed residents.')}</small></p>
  </section>`;
}
