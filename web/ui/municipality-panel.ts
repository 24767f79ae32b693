import type { MunicipalityDetail } from '../../domain/records/municipalities.ts';
import { metrics } from '../../domain/records/metrics.ts';
import { api } from '../api.ts';
import type { AppContext } from '../context.ts';
import { fmtInt, fmtMetric, fmtValue } from '../format.ts';
import { label, t } from '../i18n.ts';
import { type Html, html, setHtml } from './html.ts';

/** Renders every metric of one municipality, its regions and exchanges, into the right panel. */
export async function showMunicipality(ctx: AppContext, code: string): Promise<void> {
  const body = ctx.showPanel(html`<p class="empty">${t('読み込み中…', 'Loading…')}</p>`);
  let d: MunicipalityDetail;
  try {
    d = await api<MunicipalityDetail>(`/api/municipalities/${code}`);
  } catch (err) {
    setHtml(body, html`<p class="empty">${(err as Error).message}</p>`);
    return;
  }
  const row = (name: string, value: string, extra?: Html) => html`<tr><th>${name}</th><td>${value}${extra}</td></tr>`;
  const m = (id: keyof typeof metrics, value: number | null) => row(label('metric', id), fmtMetric(metrics[id], value));
  const est = d.dayNightEstimated
    ? html` <span class="badge est" title="${t(`東京都以外は従業者数からの推計値（東京都の市町村で平均${ctx.sources.dayNightEstimateErrorPoints}ポイントの誤差）`, `Outside Tokyo, estimated from jobs per employed resident (off by ${ctx.sources.dayNightEstimateErrorPoints} points on average on Tokyo's cities)`)}">${t('推計', 'estimate')}</span>`
    : html` <span class="badge">${t('実測', 'measured')}</span>`;
  setHtml(
    body,
    html`
    <h2 data-testid="muni-name">${d.name}</h2>
    <p class="sub">${d.nameKana ?? ''} · ${d.prefName} · <span class="badge">${label('municipalityKind', d.kind)}</span> · ${d.code}</p>
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
    <h3>${t('所属する圏域', 'Regions')}</h3>
    ${d.regions.length ? html`<ul class="plain">${d.regions.map((r) => html`<li><a href="?view=regions&region=${encodeURIComponent(r.id)}&sel=${d.code}">${r.name}</a> <span class="badge">${label('regionType', r.type)}</span> ${r.role === 'center' && html`<span class="badge">${t('中心市', 'centre')}</span>`}</li>`)}</ul>` : html`<p class="empty">${t('登録された圏域はありません。', 'No known region.')}</p>`}
    <h3>${t('交流・協定', 'Exchanges')} (${fmtInt(d.exchanges.length)})</h3>
    ${d.exchanges.length ? html`<ul class="plain">${d.exchanges.map((x) => html`<li>${x.partner.name} <small>${x.partner.prefName}</small> <span class="badge">${label('exchangeKind', x.kind)}</span> ${x.sinceYear ? x.sinceYear : ''}</li>`)}</ul>` : html`<p class="empty">${t('登録された交流はありません。', 'No known exchange.')}</p>`}
  `,
  );
}
