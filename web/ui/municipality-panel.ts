import type { MunicipalityDetail, MunicipalityKind } from '../../domain/records/municipalities.ts';
import { metrics } from '../../domain/records/metrics.ts';
import { api } from '../api.ts';
import type { AppContext } from '../context.ts';
import { esc, fmtInt, fmtMetric, fmtValue } from '../format.ts';
import { t } from '../i18n.ts';

/** Japanese and English names of municipality kinds. */
export const kindLabel: Record<MunicipalityKind, [string, string]> = {
  designated_city: ['政令指定都市', 'Designated city'],
  core_city: ['中核市', 'Core city'],
  special_case_city: ['施行時特例市', 'Special-case city'],
  city: ['市', 'City'],
  special_ward: ['特別区', 'Special ward'],
  town: ['町', 'Town'],
  village: ['村', 'Village'],
};

const regionTypeLabel: Record<string, [string, string]> = {
  central_city_region: ['連携中枢都市圏', 'Central city region'],
  settlement_zone: ['定住自立圏', 'Settlement zone'],
  prefecture: ['都道府県', 'Prefecture'],
  seed_grouping: ['資料のグループ', 'Seed grouping'],
  custom: ['仮想グループ', 'What-if grouping'],
};

const exchangeKindLabel: Record<string, [string, string]> = {
  sister: ['姉妹都市', 'Sister city'],
  friendship: ['友好都市', 'Friendship city'],
  partnership: ['縁組・交流協定', 'Partnership agreement'],
  disaster_aid: ['災害時相互応援', 'Disaster mutual aid'],
  relationship_population: ['関係人口', 'Relationship population'],
  other: ['その他', 'Other'],
};
export const labelOf = (table: Record<string, [string, string]>, key: string) => (table[key] ? t(...table[key]) : key);
export { exchangeKindLabel, regionTypeLabel };

/** Renders every metric of one municipality, its regions and exchanges, into the right panel. */
export async function showMunicipality(ctx: AppContext, code: string): Promise<void> {
  const body = ctx.showPanel(`<p class="empty">${t('読み込み中…', 'Loading…')}</p>`);
  let d: MunicipalityDetail;
  try {
    d = await api<MunicipalityDetail>(`/api/municipalities/${code}`);
  } catch (err) {
    body.innerHTML = `<p class="empty">${esc((err as Error).message)}</p>`;
    return;
  }
  const row = (label: string, value: string, extra = '') => `<tr><th>${esc(label)}</th><td>${esc(value)}${extra}</td></tr>`;
  const m = (id: keyof typeof metrics, value: number | null) => row(t(metrics[id].ja, metrics[id].en), fmtMetric(metrics[id], value));
  const est = d.dayNightEstimated
    ? ` <span class="badge est" title="${esc(t(`東京都以外は従業者数からの推計値（東京都の市町村で平均${ctx.sources.dayNightEstimateErrorPoints}ポイントの誤差）`, `Outside Tokyo, estimated from jobs per employed resident (off by ${ctx.sources.dayNightEstimateErrorPoints} points on average on Tokyo's cities)`))}">${t('推計', 'estimate')}</span>`
    : ` <span class="badge">${t('実測', 'measured')}</span>`;
  body.innerHTML = `
    <h2 data-testid="muni-name">${esc(d.name)}</h2>
    <p class="sub">${esc(d.nameKana ?? '')} · ${esc(d.prefName)} · <span class="badge">${esc(t(...kindLabel[d.kind]))}</span> · ${esc(d.code)}</p>
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
      ${d.designationSince ? row(t('指定年月日', 'Designated since'), d.designationSince) : ''}
    </table>
    <h3>${t('所属する圏域', 'Regions')}</h3>
    ${d.regions.length ? `<ul class="plain">${d.regions.map((r) => `<li><a href="?view=regions&region=${encodeURIComponent(r.id)}&sel=${d.code}">${esc(r.name)}</a> <span class="badge">${esc(labelOf(regionTypeLabel, r.type))}</span> ${r.role === 'center' ? `<span class="badge">${t('中心市', 'centre')}</span>` : ''}</li>`).join('')}</ul>` : `<p class="empty">${t('登録された圏域はありません。', 'No known region.')}</p>`}
    <h3>${t('交流・協定', 'Exchanges')} (${fmtInt(d.exchanges.length)})</h3>
    ${d.exchanges.length ? `<ul class="plain">${d.exchanges.map((x) => `<li>${esc(x.partner.name)} <small>${esc(x.partner.prefName)}</small> <span class="badge">${esc(labelOf(exchangeKindLabel, x.kind))}</span> ${x.sinceYear ? esc(x.sinceYear) : ''}</li>`).join('')}</ul>` : `<p class="empty">${t('登録された交流はありません。', 'No known exchange.')}</p>`}
  `;
}
