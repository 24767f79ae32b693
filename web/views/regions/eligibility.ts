/** The regions view's eligibility layer: who leads a region, who could lead one, who narrowly misses, criterion by criterion. */
import type { MunicipalityKind } from '../../../domain/records/municipalities.ts';
import type { EligibilityCandidate, EligibilityList } from '../../../domain/records/regions.ts';
import { api } from '../../api.ts';
import { fmtInt, fmtValue } from '../../format.ts';
import { label, t } from '../../i18n.ts';
import { type Html, html, setHtml } from '../../ui/html.ts';
import { paint } from './colours.ts';
import { redraw } from './layers.ts';
import { legend } from './legend.ts';
import { type RegionsState, currentScheme } from './state.ts';
import { statusColour } from './status.ts';

/** Loads the candidates of the scheme in the URL (none when the layer is off), then redraws. */
export async function loadEligibility(s: RegionsState): Promise<void> {
  const { ctx, panel } = s;
  const scheme = currentScheme(ctx);
  const box = panel.querySelector<HTMLElement>('#elig-summary')!;
  if (!scheme) {
    s.elig = null;
    s.eligByCode = new Map();
    box.replaceChildren();
    redraw(s);
    legend(s);
    return;
  }
  const data = await api<EligibilityList>(`/api/eligibility?scheme=${scheme}`);
  if (!s.alive || currentScheme(ctx) !== scheme) return;
  s.elig = data;
  s.eligByCode = new Map(data.items.map((c) => [c.code, c]));
  const eligible = data.items.filter((c) => c.status === 'eligible');
  setHtml(
    box,
    html`<p class="sub">${t(`中心市 ${data.counts.lead} ・ 要件を満たすが圏域なし ${data.counts.eligible} ・ あと一歩 ${data.counts.near_miss}`, `${data.counts.lead} lead · ${data.counts.eligible} could lead but do not · ${data.counts.near_miss} near misses`)}</p>
      <h4 class="sub-h">${t('要件を満たすが圏域のない市', 'Could lead a region, but do not')}</h4>
      ${
        eligible.length
          ? html`<ul class="region-list" data-testid="elig-list">${eligible.map((c) => html`<li><button type="button" data-cand="${c.code}"><span class="rdot" data-bg="${statusColour.eligible}"></span><span class="nm">${c.name} <small>${c.prefName}</small></span><small>${fmtValue(c.population, '人')}</small></button></li>`)}</ul>`
          : html`<p class="empty">${t('なし', 'None')}</p>`
      }`,
  );
  paint(box);
  redraw(s);
  legend(s);
}

function criteriaTable(c: EligibilityCandidate): Html {
  const mark = (x: { met: boolean; near: boolean }) =>
    x.met
      ? html`<span class="crit-ok">✓</span>`
      : x.near
        ? html`<span class="crit-near" title="${t('おおむね・程度の範囲', 'within the "about" margin')}">≈</span>`
        : html`<span class="crit-no">✗</span>`;
  const value = (v: number | string | boolean, id: string) => {
    if (typeof v === 'number') return id.includes('ratio') ? `${v.toFixed(1)}%` : fmtInt(v);
    // A town with no residents has no day/night ratio (the scoring marks it 'no data').
    if (v === 'no data') return t('データなし', 'no data');
    if (id === 'kind' || id === 'partner_is_city') return label('municipalityKind', v as MunicipalityKind);
    const metro = /^(inside|outside) \((\d+) km from (.+)\)$/.exec(String(v));
    if (metro)
      return metro[1] === 'inside'
        ? t(`圏内（${metro[3]}から${metro[2]}km）`, `inside (${metro[2]} km from ${metro[3]})`)
        : t(`圏外（${metro[3]}から${metro[2]}km）`, `outside (${metro[2]} km from ${metro[3]})`);
    return String(v);
  };
  const threshold = (x: { id: string; threshold: string }) =>
    x.id === 'kind'
      ? t('指定都市・中核市', 'designated or core city')
      : x.id.startsWith('outside_big_metro')
        ? t('三大都市圏の中心から50km超', 'over 50 km from a big-three core')
        : x.id === 'partner_is_city'
          ? t('隣接する市', 'a neighbouring city')
          : x.threshold;
  return html`<table class="data" data-testid="criteria"><thead><tr><th></th><th>${t('要件', 'Criterion')}</th><th class="num">${t('値', 'Value')}</th><th>${t('基準', 'Threshold')}</th></tr></thead><tbody>${c.criteria.map(
    (x) =>
      html`<tr><td>${mark(x)}</td><td>${label('eligibilityCriterion', x.id)}${x.note === 'estimated' ? html` <span class="badge est">${t('推計', 'estimate')}</span>` : x.note === 'measured' ? html` <span class="badge">${t('実測', 'measured')}</span>` : ''}</td><td class="num">${value(x.value, x.id)}</td><td><small>${threshold(x)}</small></td></tr>`,
  )}</tbody></table>`;
}

/** The right panel for a candidate: its status, and each criterion with figure and threshold. */
export function showCandidate(s: RegionsState, c: EligibilityCandidate): void {
  const { ctx } = s;
  const scheme = currentScheme(ctx)!;
  const partner = c.partnerCode ? ctx.munis.get(c.partnerCode) : undefined;
  const body = ctx.showPanel(
    html`<div data-testid="candidate-panel"><h2>${c.name}</h2><p class="sub">${c.prefName} · ${label('municipalityKind', c.kind)} · ${label('eligibilityScheme', scheme)}</p>
      <p><span class="rdot inline" data-bg="${statusColour[c.status]}"></span> <b>${label('eligibilityStatus', c.status)}</b>${
        c.leadsRegion && html` — <button type="button" class="rlink" data-open="${c.leadsRegion.id}">${c.leadsRegion.name}</button>`
      }</p>
      ${c.path === 'two_city' && partner && html`<p class="sub">${t(`隣接する2市の特例（${partner.name}と）で判定`, `Judged as the two-city case, with ${partner.name}`)}</p>`}
      ${criteriaTable(c)}
      <p class="sub gap">${t('基準: 総務省資料（シード 002）。「おおむね」は昼夜間人口比率95%以上・人口は基準の90%以上を「あと一歩」として表示。三大都市圏は11都府県のうち特別区部・名古屋市・大阪市から50km以内。', 'Criteria from the MIC document (seed 002). "About" is shown as a near miss: ratio ≥ 95 %, population ≥ 90 % of the threshold. Big-three metro areas: within 50 km of 特別区部, 名古屋市 or 大阪市 in the 11 metropolitan prefectures.')}</p></div>`,
  );
  paint(body);
  body.querySelector<HTMLButtonElement>('[data-open]')?.addEventListener('click', (e) => {
    const id = (e.currentTarget as HTMLElement).dataset.open!;
    ctx.state.set({ rtype: 'central_city_region' === scheme ? 'central_city_region' : 'settlement_zone', region: id });
  });
}
