/** The regions view's right panel for one region. */
import { bbox } from '@turf/turf';
import type { RegionDetail } from '../../../domain/records/regions.ts';
import { api, canWrite } from '../../api.ts';
import { fmtInt, fmtValue } from '../../format.ts';
import { label, t } from '../../i18n.ts';
import { displayRegionName, nameOfCode, prefNameOfCode, regionKanjiBeside } from '../../names.ts';
import { type TableFormat, downloadGeoJson, downloadTable } from '../../ui/export.ts';
import { showIndicatorTotals } from '../../ui/indicator-totals.ts';
import { citationLine, citationList } from '../../ui/citations.ts';
import { html, setHtml } from '../../ui/html.ts';
import { outlookSection } from '../../ui/outlook.ts';
import '../../ui/membership.css';
import { paint } from './colours.ts';
import { commutingSection, employmentAreaSection } from './commuting.ts';
import { redraw } from './layers.ts';
import { legend } from './legend.ts';
import { loadRegions } from './list.ts';
import { type RegionsState, tokenMessage } from './state.ts';

/** What the panel says of a region whose members the sources do not all name. */
function membersKnownNote(r: RegionDetail): string {
  return r.membersKnown === 'centre_only'
    ? t(
        'この圏域は中心市しか判明していません（構成団体は資料で確認できず）。人口・面積は圏域全体の値として示しません。',
        'Only the centre city of this region is known (no source read names its members), so no population or area is given for the region.',
      )
    : t(
        `構成団体の一部しか判明していません。合計は判明した${r.memberCount}団体だけの値で、圏域全体ではありません。`,
        `Only some members are known: the totals cover the ${r.memberCount} known members, not the whole region.`,
      );
}

/** The right panel for a region: totals, members with roles and join dates, source, exports; `fly` fits the map to it. */
export async function showRegion(s: RegionsState, id: string, fly = false): Promise<void> {
  const { ctx } = s;
  const body = ctx.showPanel(html`<p class="empty">${t('読み込み中…', 'Loading…')}</p>`);
  let r: RegionDetail;
  try {
    r = await api('/api/regions/:id', { id });
  } catch (err) {
    setHtml(body, html`<p class="empty">${(err as Error).message}</p>`);
    return;
  }
  if (!s.alive || ctx.state.get('region') !== id) return;
  s.commuting = r.commuting ? { id: r.id, comparison: r.commuting } : null;
  redraw(s);
  legend(s);
  const max = Math.max(...r.members.map((m) => m.population), 1);
  const row = (name: string, value: string) => html`<tr><th>${name}</th><td>${value}</td></tr>`;
  const current = r.members.filter((m) => m.status === r.status);
  setHtml(
    body,
    html`
    <div data-testid="region-panel">
    <h2 data-testid="region-name">${displayRegionName(r)}</h2>${regionKanjiBeside(r) && html`<p class="sub" lang="ja">${regionKanjiBeside(r)}</p>`}
    <p class="sub"><span class="badge">${label('regionType', r.type)}</span> <span class="badge">${label('regionStatus', r.status)}</span> ${r.id}</p>
    ${r.membersKnown !== 'all' ? html`<p class="callout members-unknown" data-testid="members-known">${membersKnownNote(r)}</p>` : ''}
    <table class="kv" data-testid="region-totals">
      ${
        r.membersKnown === 'centre_only'
          ? row(t('人口・面積', 'Population, area'), t('構成団体が不明のため合計なし', 'no totals: members unknown'))
          : html`${row(r.membersKnown === 'partial' ? t('人口（2020年・判明分）', 'Population (2020, known members)') : t('人口（2020年）', 'Population (2020)'), fmtValue(r.population, '人'))}
      ${row(r.membersKnown === 'partial' ? t('面積（判明分）', 'Area (known members)') : t('面積', 'Area'), fmtValue(r.areaKm2, 'km²'))}`
      }
      ${row(r.membersKnown === 'all' ? t('構成市町村数', 'Members') : t('判明した構成市町村数', 'Known members'), fmtInt(r.memberCount))}
      ${r.centerShare !== null && r.membersKnown === 'all' ? row(t('中心市の人口割合', "Centre's share of population"), fmtValue(r.centerShare, '%')) : ''}
      ${r.asOf ? row(t('時点', 'As of'), r.asOf) : ''}
    </table>
    ${r.note ? html`<p class="sub gap">${r.note}</p>` : ''}
    <h3>${t('構成市町村', 'Members')} (${current.length}${r.members.length > current.length ? ` + ${r.members.length - current.length}` : ''})</h3>
    <table class="data member-bars" data-testid="region-members"><thead><tr><th>${t('名称', 'Name')}</th><th>${t('参加', 'Joined')}</th><th class="num">${t('人口', 'Population')}</th><th></th></tr></thead><tbody>
    ${r.members.map(
      (m) =>
        html`<tr class="ms-${m.membershipStatus}" data-membership="${m.membershipStatus}"><td class="mname"><span class="nm">${nameOfCode(ctx, m.code, m.name)}</span>${m.role === 'center' ? html`<span class="role" title="${t('中心市', 'Centre city')}">${t('中心', 'centre')}</span>` : ''}${m.membershipStatus !== 'active' ? html`<span class="badge ms-badge ms-${m.membershipStatus}" title="${label('regionStatus', m.status)}">${label('membershipStatus', m.membershipStatus)}</span>` : ''}<small class="pref">${prefNameOfCode(ctx, m.code, m.prefecture)}</small></td>${
          m.joined ? html`<td class="joined" title="${m.joined}">` : html`<td class="joined">`
        }${m.joined ? m.joined.slice(0, 7) : '—'}</td><td class="num">${fmtInt(m.population)}</td><td class="barcell"><div class="bar"><span data-w="${((m.population / max) * 100).toFixed(1)}%"></span></div></td></tr>`,
    )}
    </tbody></table>
    ${r.commuting && commutingSection(r.commuting, ctx)}
    ${r.employmentArea && employmentAreaSection(r.employmentArea, ctx)}
    ${outlookSection(r.outlook, { name: displayRegionName(r), membersKnown: r.membersKnown })}
    <div data-role="own-indicators"></div>
    <h3>${t('出典', 'Source')}</h3><div class="sub source" data-testid="region-sources">${citationList(r.sources)}</div>
    <div class="btn-row">
      <button type="button" class="btn secondary" data-act="csv">${t('構成市町村 CSV', 'Members CSV')}</button>
      <button type="button" class="btn secondary" data-act="xlsx">${t('構成市町村 Excel', 'Members Excel')}</button>
      <button type="button" class="btn secondary" data-act="geojson">${t('範囲 GeoJSON', 'Outline GeoJSON')}</button>
      <button type="button" class="btn secondary" data-act="whatif">${t('仮想グループにコピー', 'Copy to what-if')}</button>
      ${r.type === 'custom' ? html`<button type="button" class="btn secondary" data-act="delete">${t('削除', 'Delete')}</button>` : ''}
    </div><p class="msg" data-role="msg" hidden></p></div>`,
  );
  paint(body);
  void showIndicatorTotals(body.querySelector<HTMLElement>('[data-role="own-indicators"]')!, r.memberCodes, ctx.state.get('ind') ?? null).catch((err: Error) =>
    ctx.toast(err.message),
  );
  const members = (format: TableFormat) =>
    downloadTable(
      `${r.id}-members`,
      format,
      ['region_id', 'region_name', 'code', 'name', 'prefecture', 'role', 'joined', 'membership_status', 'status', 'population', 'area_km2', 'members_known'],
      r.members.map((m) => [r.id, r.name, m.code, m.name, m.prefecture, m.role, m.joined, m.membershipStatus, m.status, m.population, m.areaKm2, r.membersKnown]),
    ).catch((err: Error) => ctx.toast(err.message));
  body.querySelector('[data-act="csv"]')!.addEventListener('click', () => void members('csv'));
  body.querySelector('[data-act="xlsx"]')!.addEventListener('click', () => void members('xlsx'));
  body.querySelector('[data-act="geojson"]')!.addEventListener('click', () =>
    downloadGeoJson(`${r.id}.geojson`, {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: r.outline,
          properties: {
            id: r.id,
            name: r.name,
            type: r.type,
            population: r.population,
            areaKm2: r.areaKm2,
            memberCount: r.memberCount,
            memberCodes: r.memberCodes,
            membersKnown: r.membersKnown,
            sources: citationLine(r.sources),
          },
        },
      ],
    }),
  );
  body.querySelector('[data-act="whatif"]')!.addEventListener('click', () => {
    s.whatIf = true;
    ctx.state.set({ group: r.memberCodes.join(','), gname: `${r.name} ${t('（変更案）', '(variant)')}` });
  });
  body.querySelector('[data-act="delete"]')?.addEventListener('click', async () => {
    const msg = body.querySelector<HTMLElement>('[data-role="msg"]')!;
    msg.hidden = false;
    if (!canWrite()) {
      msg.className = 'msg warn';
      msg.textContent = tokenMessage();
      return;
    }
    try {
      await api('/api/regions/:id', { id: r.id }, { method: 'DELETE' });
      ctx.toast(t(`「${r.name}」を削除しました`, `Deleted “${r.name}”`));
      ctx.closePanel();
      ctx.state.set({ region: null });
      await loadRegions(s);
    } catch (err) {
      msg.className = 'msg warn';
      msg.textContent = (err as Error).message;
    }
  });
  if (fly) {
    const [w, s, e, n] = bbox(r.outline);
    // In the part of the map the panel and legend leave visible.
    ctx.frame({
      bounds: [
        [w, s],
        [e, n],
      ],
      maxZoom: 10,
    });
  }
}
