import type { MunicipalityDetail } from '../../domain/records/municipalities.ts';
import { metrics } from '../../domain/records/metrics.ts';
import { api } from '../api.ts';
import type { AppContext } from '../context.ts';
import { fmtInt, fmtMetric, fmtValue } from '../format.ts';
import { label, t } from '../i18n.ts';
import { displayName, displayPrefName, displayRegionName, kanjiBeside, nameOfCode, prefNameOfCode } from '../names.ts';
import { citationLine } from './citations.ts';
import { type Html, html, setHtml } from './html.ts';
import { outlookSection } from './outlook.ts';
import './membership.css';

/**
 * Renders every metric of one municipality, its 2050 outlook, its regions (each membership's status: a planned
 * join, an ended zone and an unconfirmed candidate look different from a current membership), the pacts it is a
 * party to and its exchanges (organisations' project links apart: they are not agreements) into the right panel.
 */
export async function showMunicipality(ctx: AppContext, code: string): Promise<void> {
  const body = ctx.showPanel(html`<p class="empty">${t('読み込み中…', 'Loading…')}</p>`);
  let d: MunicipalityDetail;
  try {
    d = await api('/api/municipalities/:code', { code });
  } catch (err) {
    setHtml(body, html`<p class="empty">${(err as Error).message}</p>`);
    return;
  }
  const row = (name: string, value: string, extra?: Html) => html`<tr><th>${name}</th><td>${value}${extra}</td></tr>`;
  const m = (id: keyof typeof metrics, value: number | null) => row(label('metric', id), fmtMetric(metrics[id], value));
  const est = d.dayNightEstimated
    ? html` <span class="badge est" title="${t(`東京都以外は従業者数からの推計値（東京都の市町村で平均${ctx.sources.dayNightEstimateErrorPoints}ポイントの誤差）`, `Outside Tokyo, estimated from jobs per employed resident (off by ${ctx.sources.dayNightEstimateErrorPoints} points on average on Tokyo's cities)`)}">${t('推計', 'estimate')}</span>`
    : html` <span class="badge">${t('実測', 'measured')}</span>`;
  const agreements = d.exchanges.filter((x) => x.kind !== 'organisation');
  const organisations = d.exchanges.filter((x) => x.kind === 'organisation');
  const exchangeItem = (x: MunicipalityDetail['exchanges'][number]) =>
    html`<li>${nameOfCode(ctx, x.partner.code, x.partner.name)} <small>${prefNameOfCode(ctx, x.partner.code, x.partner.prefName)}</small> <span class="badge">${label('exchangeKind', x.kind)}</span> ${x.sinceYear ? x.sinceYear : ''}</li>`;
  setHtml(
    body,
    html`
    <h2 data-testid="muni-name">${displayName(d)}</h2>
    <p class="sub">${kanjiBeside(d) || d.nameKana || ''} · ${displayPrefName(d)} · <span class="badge">${label('municipalityKind', d.kind)}</span> · ${d.code}</p>
    <table class="kv" data-testid="muni-metrics">
      ${row(t('人口（2020年）', 'Population (2020)'), fmtValue(d.population, '人'))}
      ${row(t('人口（2015年）', 'Population (2015)'), fmtValue(d.population2015, '人'))}
      ${m('popChangePct', d.popChangePct)}
      ${m('households', d.households)}
      ${m('areaKm2', d.areaKm2)}
      ${m('density', d.density)}
      ${m('share65plus', d.share65plus)}
      ${m('sharePrimary', d.sharePrimary)}
      ${m('shareSecondary', d.shareSecondary)}
      ${m('shareTertiary', d.shareTertiary)}
      ${row(t('就業者数', 'Employed residents'), fmtValue(d.employed, '人'))}
      ${row(t('従業者数（民営）', 'Private-sector jobs'), fmtValue(d.privateEmployees, '人'))}
      ${m('jobsPerResident', d.jobsPerResident)}
      ${row(t('昼間人口', 'Daytime population'), fmtValue(d.daytimePopulation, '人'), est)}
      ${row(t('昼夜間人口比率', 'Day/night ratio'), fmtMetric(metrics.dayNightRatio, d.dayNightRatio), est)}
      ${d.designationSince && row(t('指定年月日', 'Designated since'), d.designationSince)}
    </table>
    ${outlookSection(d.outlook, { name: displayName(d) })}
    <h3>${t('所属する圏域', 'Regions')}</h3>
    ${
      d.regions.length
        ? html`<ul class="plain memberships" data-testid="muni-regions">${d.regions.map(
            (r) =>
              html`<li class="ms-${r.membershipStatus}" data-membership="${r.membershipStatus}"><a href="?view=regions&region=${encodeURIComponent(r.id)}&sel=${d.code}">${displayRegionName(r)}</a> <span class="badge">${label('regionType', r.type)}</span> ${r.role === 'center' && html`<span class="badge">${t('中心市', 'centre')}</span>`} ${
                r.membershipStatus !== 'active' &&
                html`<span class="badge ms-badge ms-${r.membershipStatus}" title="${label('regionStatus', r.statusDetail)}">${label('membershipStatus', r.membershipStatus)}</span>`
              }</li>`,
          )}</ul>`
        : html`<p class="empty">${t('登録された圏域はありません。', 'No known region.')}</p>`
    }
    ${
      d.networks.length > 0 &&
      html`<h3>${t('多者間の協定', 'Multilateral pacts')}</h3><ul class="plain" data-testid="muni-networks">${d.networks.map(
        (n) =>
          html`<li>${n.name} <span class="badge">${label('exchangeKind', n.kind)}</span> <small>${t(`${n.memberCount}団体`, `${n.memberCount} parties`)}${n.asOf ? t(`（${n.asOf}時点）`, ` (as of ${n.asOf})`) : ''}</small><br><small class="sub">${t('出典', 'Source')}: ${citationLine(n.sources)}</small></li>`,
      )}</ul>`
    }
    <h3>${t('交流・協定', 'Exchanges')} (${fmtInt(agreements.length)})</h3>
    ${agreements.length ? html`<ul class="plain">${agreements.map(exchangeItem)}</ul>` : html`<p class="empty">${t('登録された交流はありません。', 'No known exchange.')}</p>`}
    ${
      organisations.length > 0 &&
      html`<h3>${t('企業・団体の事業でつながる地域', 'Places linked by an organisation’s project')} (${fmtInt(organisations.length)})</h3>
      <p class="sub">${t('企業・団体の所在地と事業地の関係で、自治体間の協定ではありません。', 'An organisation’s home and the places of its project: not an agreement between the municipalities.')}</p>
      <ul class="plain" data-testid="muni-organisations">${organisations.map(exchangeItem)}</ul>`
    }
  `,
  );
}
