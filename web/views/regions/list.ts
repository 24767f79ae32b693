/** The regions view's list: every region of the shown type, grouped by status tier. */
import type { RegionSummary } from '../../../domain/records/regions.ts';
import { api } from '../../api.ts';
import { fmtInt, fmtValue } from '../../format.ts';
import { label, t } from '../../i18n.ts';
import { displayRegionName } from '../../names.ts';
import { html, setHtml } from '../../ui/html.ts';
import { paint, regionColours } from './colours.ts';
import { redraw } from './layers.ts';
import { legend } from './legend.ts';
import { renderSelection } from './selection.ts';
import { type RegionsState, currentType, neighboursOf } from './state.ts';
import { faintStatuses, statusTiers, tierCounts, tierOf } from './status.ts';

/** Loads the regions of the type in the URL, then redraws the list, the map and the legend. */
export async function loadRegions(s: RegionsState): Promise<void> {
  const { ctx, panel } = s;
  const seq = ++s.seq;
  const type = currentType(ctx);
  const list = await api('/api/regions', { query: { type, geometry: true } });
  if (!s.alive || seq !== s.seq) return;
  s.list = list;
  s.byMember = new Map();
  for (const r of list.items) for (const c of r.memberCodes) s.byMember.set(c, [...(s.byMember.get(c) ?? []), r]);
  s.colours = regionColours(list.items, neighboursOf(s.topology));
  const open = ctx.state.get('region');
  const ul = panel.querySelector<HTMLUListElement>('#rlist')!;
  const tiers = statusTiers(list.items);
  const item = (r: RegionSummary) =>
    html`<li class="${faintStatuses.has(r.status) ? 'off' : ''}"><button type="button" data-region="${r.id}" aria-current="${String(r.id === open)}"><span class="rsw" data-bg="${s.colours.get(r.id)}"></span><span class="nm">${displayRegionName(r)}</span>${tierOf(r.status) > 0 ? html`<span class="rstatus">${label('regionStatus', r.status)}</span>` : ''}<small>${regionTotal(r)}</small></button></li>`;
  // Regions in force first; declared, unconfirmed and ended ones after them under their own heading.
  setHtml(
    ul,
    list.items.length
      ? html`${tiers.map((g) => html`${tiers.length > 1 && html`<li class="rgroup" data-tier="${g.tier}">${g.label} · ${fmtInt(g.items.length)}</li>`}${g.items.map(item)}`)}`
      : html`<li class="empty">${type === 'custom' ? t('保存された仮想グループはまだありません。', 'No saved what-if groupings yet.') : t('該当なし', 'None')}</li>`,
  );
  paint(ul);
  panel.querySelector('#rcount')!.textContent = `(${tierCounts(tiers)})`;
  redraw(s);
  legend(s);
  void renderSelection(s);
}

/** A region's population as the list shows it: none where only the centre is known, marked where only some members are. */
function regionTotal(r: RegionSummary): string {
  if (r.membersKnown === 'centre_only') return t('構成団体不明', 'members unknown');
  return r.membersKnown === 'partial' ? t(`判明分 ${fmtValue(r.population, '人')}`, `known: ${fmtValue(r.population, '人')}`) : fmtValue(r.population, '人');
}
