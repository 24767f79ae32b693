/** The regions view's legend: the type, the counts by status tier, the official coverage and the eligibility layer. */
import { fmtInt } from '../../format.ts';
import { label, t } from '../../i18n.ts';
import { html, setHtml } from '../../ui/html.ts';
import { categorical } from '../../palette.ts';
import { paint } from './colours.ts';
import { flowColour, flowWidth } from './commuting.ts';
import { type RegionsState, currentScheme, currentType, shownFlows } from './state.ts';
import { statusColour, statusTiers, tierCounts } from './status.ts';

/** Replaces the map legend from the view's state. */
export function legend(s: RegionsState): void {
  if (!s.alive) return;
  const { ctx } = s;
  const type = currentType(ctx);
  const cov = s.list?.coverage;
  const tiers = statusTiers(s.list?.items ?? []);
  const drawn = tiers.filter((g) => g.tier < 2);
  const faint = tiers.find((g) => g.tier === 2);
  const notes: string[] = [];
  const o = cov?.officialCounts;
  if (cov && o && (type === 'central_city_region' || type === 'settlement_zone')) {
    const cityWord = type === 'central_city_region' ? t('宣言連携中枢都市', 'declared central cities') : t('宣言中心市', 'declared centre cities');
    notes.push(
      t(
        `総務省${cov.asOf ? `（${cov.asOf}時点）` : ''}: ${fmtInt(o.regions)}圏域` +
          (o.declaredCities !== null ? `・${cityWord}${fmtInt(o.declaredCities)}市` : '') +
          (o.municipalities !== null ? `・構成市町村 延べ${fmtInt(o.municipalities)}` : ''),
        `MIC${cov.asOf ? ` (${cov.asOf})` : ''}: ${fmtInt(o.regions)} regions` +
          (o.declaredCities !== null ? `, ${fmtInt(o.declaredCities)} ${cityWord}` : '') +
          (o.municipalities !== null ? `, ${fmtInt(o.municipalities)} member municipalities (counted per region)` : ''),
      ),
      t(`収録: ${fmtInt(o.regions)}のうち${fmtInt(cov.known)}圏域（形成済み）`, `Here: ${fmtInt(cov.known)} of the ${fmtInt(o.regions)} formed regions`) +
        (tiers.some((g) => g.tier > 0)
          ? t(
              `、ほかに${tiers
                .filter((g) => g.tier > 0)
                .map((g) => `${g.label}${g.items.length}`)
                .join('・')}`,
              `, plus ${tiers
                .filter((g) => g.tier > 0)
                .map((g) => `${g.items.length} ${g.label}`)
                .join(', ')}`,
            )
          : ''),
    );
  } else if (cov) notes.push(t(`${fmtInt(cov.known)}件`, `${fmtInt(cov.known)} shown`));
  const scheme = currentScheme(ctx);
  const el = document.createElement('div');
  el.dataset.testid = 'regions-legend';
  el.className = 'regions-legend';
  const elig = scheme && s.elig;
  const flows = shownFlows(s);
  setHtml(
    el,
    html`<h4>${label('regionType', type)}</h4>
      <div class="row" data-testid="regions-legend-count"><span class="sw" data-bg="linear-gradient(90deg,${categorical.slice(0, 4).join(',')})"></span>${t('圏域（隣接は別色）', 'Regions (neighbours differ)')} · ${tierCounts(drawn)}</div>
      ${(type === 'central_city_region' || type === 'settlement_zone') && html`<div class="row"><span class="rdot centre"></span>${t('中心市', 'Centre city')}</div>`}
      ${faint && html`<div class="row"><span class="sw faint"></span>${faint.label}${t('（薄色）', ' (faint)')} · ${fmtInt(faint.items.length)}</div>`}
      ${notes.map((n, i) => (i === notes.length - 1 ? html`<div class="note" data-testid="regions-coverage">${n}</div>` : html`<div class="note">${n}</div>`))}
      ${
        scheme &&
        elig &&
        html`<h4 class="gap">${label('eligibilityScheme', scheme)}</h4>
          ${(['lead', 'eligible', 'needs_check', 'near_miss'] as const).map(
            (st) => html`<div class="row"><span class="rdot" data-bg="${statusColour[st]}"></span>${label('eligibilityStatus', st)} · ${elig.counts[st]}</div>`,
          )}
          <div class="note">${t('昼夜間の比: 東京都は実測、ほかは都市雇用圏の中心なら2020年従業常住比、それ以外は推計', 'Day/night: measured in Tokyo, else the 2020 jobs ÷ workers ratio of employment-area centres, else estimated')}</div>`
      }
      ${s.group?.memberCount ? html`<div class="row gap"><span class="sw whatif"></span>${t('仮想グループ', 'What-if group')}</div>` : ''}
      ${
        flows &&
        html`<h4 class="gap">${t('中心市への通勤（2020年）', 'Commuting into the centre (2020)')}</h4>
          ${flows.members.some((m) => m.rate !== null) && html`<div class="row"><span class="flow-sw" data-bg="${flowColour.member}"></span>${t('構成市町村（10 %以上）', 'Members (≥ 10 %)')}</div>`}
          ${flows.candidates.length > 0 && html`<div class="row"><span class="flow-sw" data-bg="${flowColour.candidate}"></span>${t('構成外で10 %以上', 'Non-members ≥ 10 %')}</div>`}
          ${flows.furtherSuburbs.length > 0 && html`<div class="row"><span class="flow-sw" data-bg="${flowColour.further}"></span>${t('構成市町村経由（2次以上の郊外）', 'Through a member (further suburbs)')}</div>`}
          <div class="note" data-testid="flows-legend">${t(`線の太さ＝通勤率（10 %で${flowWidth(0.1)}px、50 %で${flowWidth(0.5)}px）`, `Width = commuting share (10 % → ${flowWidth(0.1)} px, 50 % → ${flowWidth(0.5)} px)`)}</div>`
      }`,
  );
  ctx.setLegend(paint(el));
}
