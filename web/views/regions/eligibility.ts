/** The regions view's eligibility layer: who leads a region, who could lead one, who narrowly misses, criterion by criterion. */
import type { MunicipalityKind } from '../../../domain/records/municipalities.ts';
import type { EligibilityCandidate, EligibilityCriterion, EligibilityList } from '../../../domain/records/regions.ts';
import { api } from '../../api.ts';
import { fmtInt, fmtValue } from '../../format.ts';
import { label, t } from '../../i18n.ts';
import { type TableFormat, downloadTable, exportButtons, onExport } from '../../ui/export.ts';
import { displayRegionName, nameOfCode, prefNameOfCode } from '../../names.ts';
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
  const data = await api('/api/eligibility', { query: { scheme } });
  if (!s.alive || currentScheme(ctx) !== scheme) return;
  s.elig = data;
  s.eligByCode = new Map(data.items.map((c) => [c.code, c]));
  const eligible = data.items.filter((c) => c.status === 'eligible');
  const unsure = data.items.filter((c) => c.status === 'needs_check');
  const leadsFailing = data.items.filter((c) => c.status === 'lead' && (c.verdict === 'no' || c.verdict === 'near_miss'));
  const item = (c: EligibilityCandidate) =>
    html`<li><button type="button" data-cand="${c.code}"><span class="rdot" data-bg="${statusColour[c.status]}"></span><span class="nm">${nameOfCode(ctx, c.code, c.name)} <small>${prefNameOfCode(ctx, c.code, c.prefName)}</small></span><small>${fmtValue(c.population, '人')}</small></button></li>`;
  setHtml(
    box,
    html`<p class="sub" data-testid="elig-counts">${t(
      `中心市 ${data.counts.lead}（うち要件を満たさない ${leadsFailing.length}）・ 要件を満たすが圏域なし ${data.counts.eligible} ・ 要確認 ${data.counts.needs_check} ・ あと一歩 ${data.counts.near_miss}`,
      `${data.counts.lead} lead (${leadsFailing.length} of them fail a rule) · ${data.counts.eligible} could lead but do not · ${data.counts.needs_check} need a check · ${data.counts.near_miss} near misses`,
    )}</p>
      <h4 class="sub-h">${t('要件を満たすが圏域のない市', 'Could lead a region, but do not')}</h4>
      ${eligible.length ? html`<ul class="region-list" data-testid="elig-list">${eligible.map(item)}</ul>` : html`<p class="empty">${t('なし', 'None')}</p>`}
      <p class="sub"><small>${t('要件を満たしても、圏域を作るかどうかは市の判断です（総務省の一覧にない＝誤りではありません）。', 'Meeting the rules does not oblige a city to form a region: absence from MIC’s list is a choice, not an error.')}</small></p>
      ${leadsFailing.length > 0 && html`<h4 class="sub-h">${t('要件を満たさない中心市', 'Leads a region but fails a rule')}</h4><ul class="region-list" data-testid="elig-failing">${leadsFailing.map(item)}</ul>`}
      ${unsure.length > 0 && html`<details><summary>${t(`要確認 ${unsure.length}市（データで判定できない要件あり）`, `${unsure.length} need a check (the data cannot decide a rule)`)}</summary><ul class="region-list" data-testid="elig-unsure">${unsure.map(item)}</ul></details>`}
      <div class="btn-row">${exportButtons('elig', t('判定表 CSV', 'Eligibility CSV'))}</div>`,
  );
  onExport(
    box,
    'elig',
    (format) => downloadEligibility(data, format),
    (err) => ctx.toast(err.message),
  );
  paint(box);
  redraw(s);
  legend(s);
}

/** Every candidate of a scheme as a table: one row per city, one column per criterion met (1), failed (0) or unknown. */
function downloadEligibility(data: EligibilityList, format: TableFormat): Promise<void> {
  const ids = [...new Set(data.items.flatMap((c) => c.criteria.map((x) => x.id)))];
  return downloadTable(
    `renkei-atlas-eligibility-${data.scheme}`,
    format,
    ['code', 'name', 'prefecture', 'status', 'verdict', 'path', 'partner_code', 'leads_region', 'population', 'day_night_ratio_pct', 'day_night_source', ...ids],
    data.items.map((c) => {
      const met = new Map(c.criteria.map((x) => [x.id, x.needsCheck ? null : x.met ? 1 : 0]));
      return [
        c.code,
        c.name,
        c.prefName,
        c.status,
        c.verdict,
        c.path,
        c.partnerCode,
        c.leadsRegion?.name ?? null,
        c.population,
        c.dayNightRatio,
        c.dayNightSource,
        ...ids.map((id) => met.get(id) ?? null),
      ];
    }),
  );
}

function criteriaTable(c: EligibilityCandidate): Html {
  const mark = (x: EligibilityCriterion) =>
    x.met
      ? html`<span class="crit-ok">✓</span>`
      : x.needsCheck
        ? html`<span class="crit-check" title="${t('要確認: データでは判定できない', 'needs a check: the data cannot decide')}">?</span>`
        : x.near
          ? html`<span class="crit-near" title="${t('基準のすぐ下', 'just below the threshold')}">≈</span>`
          : html`<span class="crit-no">✗</span>`;
  const value = (v: number | string | boolean, x: EligibilityCriterion) => {
    if (typeof v === 'number') return x.source ? `${v.toFixed(1)}%` : fmtInt(v);
    // A town with no residents has no day/night ratio (the scoring marks it 'no data').
    if (v === 'no data') return t('データなし', 'no data');
    if (x.id === 'kind' || x.id === 'partner_is_city') return label('municipalityKind', v as MunicipalityKind);
    const text = String(v);
    const outside = /^outside \((.+) is not one of the 11 都府県\)$/.exec(text);
    if (outside) return t(`区域外（${outside[1]}）`, text);
    const apart = /^(\d+) km apart$/.exec(text);
    if (apart) return t(`${apart[1]} km（通勤の結びつきなし）`, text);
    const commutes = /^(.+) commutes ([\d.]+ %) to (.+)$/.exec(text);
    if (commutes) return t(`${commutes[1]}から${commutes[3]}へ ${commutes[2]}`, text);
    const lead = /^leads (.+)$/.exec(text);
    if (lead) return lead[1] === 'no 連携中枢都市圏' ? t('なし', text) : t(`${lead[1]}の中心`, text);
    return text;
  };
  const threshold = (x: EligibilityCriterion) =>
    x.id === 'kind'
      ? t('指定都市・中核市（第3(1)）', 'designated or core city (第3(1))')
      : x.id.startsWith('outside_big_metro')
        ? t(
            '11都府県（東京圏・名古屋圏・関西圏）の外、または政令市・特別区への通勤10 %未満',
            'outside the 11 prefectures of the three metro areas, or < 10 % commuting to 政令市・特別区',
          )
        : x.id === 'partner_is_city'
          ? t('隣接する2つの市', 'two adjacent cities')
          : x.id === 'within_an_hour'
            ? t('一方が他方へ通勤10 %以上、または同じ雇用圏の中心', 'one commutes ≥ 10 % to the other, or both centre one area')
            : x.id === 'population_self' || x.id === 'population_partner'
              ? t('10万人程度以上（9万人以上を可）', x.threshold)
              : x.id === 'population' || (x.id === 'population_total' && !x.threshold.includes('200,000'))
                ? t('5万人程度以上（少なくとも4万人超）', x.threshold)
                : x.id === 'population_total'
                  ? t('20万人以上', x.threshold)
                  : x.source
                    ? x.threshold.includes('おおむね')
                      ? t('おおむね1以上（0.95以上を可）', x.threshold)
                      : t('1以上', x.threshold)
                    : x.id.startsWith('not_central_city')
                      ? t('連携中枢都市でない', x.threshold)
                      : x.threshold;
  return html`<table class="data" data-testid="criteria"><thead><tr><th></th><th>${t('要件', 'Criterion')}</th><th class="num">${t('値', 'Value')}</th><th>${t('基準', 'Threshold')}</th></tr></thead><tbody>${c.criteria.map(
    (x) =>
      html`<tr><td>${mark(x)}</td><td>${label('eligibilityCriterion', x.id)}${x.source && html` <span class="badge${x.source === 'estimate' ? ' est' : ''}" data-testid="daynight-source">${label('dayNightSource', x.source)}</span>`}${x.note?.includes('おおむね') && html` <span class="badge">${t('おおむね', 'approx.')}</span>`}${x.note === '程度' && html` <span class="badge">${t('程度', 'about')}</span>`}${x.reason && html`<br><small class="reason">${t('要確認: ', 'Check: ')}${x.reason}</small>`}</td><td class="num">${value(x.value, x)}</td><td><small>${threshold(x)}</small></td></tr>`,
  )}</tbody></table>`;
}

/** The right panel for a candidate: its status, and each criterion with figure and threshold. */
export function showCandidate(s: RegionsState, c: EligibilityCandidate): void {
  const { ctx } = s;
  const scheme = currentScheme(ctx)!;
  const partner = c.partnerCode ? ctx.munis.get(c.partnerCode) : undefined;
  const body = ctx.showPanel(
    html`<div data-testid="candidate-panel"><h2>${nameOfCode(ctx, c.code, c.name)}</h2><p class="sub">${prefNameOfCode(ctx, c.code, c.prefName)} · ${label('municipalityKind', c.kind)} · ${label('eligibilityScheme', scheme)}</p>
      <p><span class="rdot inline" data-bg="${statusColour[c.status]}"></span> <b>${label('eligibilityStatus', c.status)}</b>${
        c.leadsRegion && html` — <button type="button" class="rlink" data-open="${c.leadsRegion.id}">${displayRegionName(c.leadsRegion)}</button>`
      }</p>
      ${c.path === 'two_city' && partner && html`<p class="sub">${t(`隣接する2市の特例（${partner.name}と）で判定`, `Judged as the two-city case, with ${partner.name}`)}</p>`}
      <p class="sub" data-testid="daynight-used">${t(
        `昼夜間の比: ${c.dayNightRatio === null ? 'データなし' : `${c.dayNightRatio.toFixed(1)}%`}（${label('dayNightSource', c.dayNightSource)}）、基準 ${c.dayNightThreshold}% 以上`,
        `Day/night figure: ${c.dayNightRatio === null ? 'no data' : `${c.dayNightRatio.toFixed(1)} %`} (${label('dayNightSource', c.dayNightSource)}), held to ≥ ${c.dayNightThreshold} %`,
      )}</p>
      ${criteriaTable(c)}
      <p class="sub gap">${t(
        '基準: 連携中枢都市圏構想推進要綱 第3（指定都市・中核市、昼夜間人口比率おおむね1以上＝0.95以上を「おおむね」として可、三大都市圏の区域外または政令市・特別区への通勤通学10%未満）と第9（隣接2市: 各10万人程度以上・比率1以上・合計20万人以上・概ね1時間以内）、定住自立圏構想推進要綱（中心市: 5万人程度以上（少なくとも4万人超）、比率1以上（合併市は人口最大の旧市）、複眼型中心市）。比率は東京都の実測、なければ2020年都市雇用圏の従業常住比（通勤のみ）、なければ推計。推計が誤差（東京都で平均±8点）の範囲で基準に近いとき、合併市の旧市の値が要るとき、通勤データで判定できないときは「要確認」。',
        'Rules: 連携中枢都市圏構想推進要綱 第3 (designated or core city; day/night ratio about 1 or more — 0.95 accepted as "about"; outside the three metro areas or < 10 % commuting to 政令市・特別区) and 第9 (two adjacent cities, each ~100,000 and ratio ≥ 1, together ≥ 200,000, within about an hour); 定住自立圏構想推進要綱 (centre: ~50,000 (at least 40,000), ratio ≥ 1 (merged cities: the largest former city), two-centre form). Ratio: Tokyo’s measured figure, else the 2020 jobs ÷ workers ratio of an employment-area centre (commuting only), else our estimate. "Needs a check" where an estimate lies within its error (±8 points on Tokyo) of the threshold, where a merged city’s former city counts, or where the commuting data cannot decide.',
      )}</p></div>`,
  );
  paint(body);
  body.querySelector<HTMLButtonElement>('[data-open]')?.addEventListener('click', (e) => {
    const id = (e.currentTarget as HTMLElement).dataset.open!;
    ctx.state.set({ rtype: 'central_city_region' === scheme ? 'central_city_region' : 'settlement_zone', region: id });
  });
}
