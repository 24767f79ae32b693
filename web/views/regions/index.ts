/**
 * Regions view: every region of a type drawn at once from its dissolved outline, centre cities marked, a region's
 * panel on click; an eligibility layer (who leads, who could lead, who narrowly misses); and what-if groupings built
 * by clicking or lassoing municipalities, summed live in the browser and saved as custom regions.
 * URL keys: rtype, region, elig, group, gname (plus sel).
 *
 * Files: state (the one state object and URL keys), status (tiers and counts), colours, layers, legend, list,
 * region-panel, eligibility, selection, whatif, lasso; this file mounts them and routes events.
 */
import type { Municipality } from '../../../domain/records/municipalities.ts';
import { regionTypes } from '../../../domain/records/regions.ts';
import type { AppContext, ViewBody } from '../../context.ts';
import { label, t } from '../../i18n.ts';
import { displayRegionName } from '../../names.ts';
import { type Html, html, joinHtml, setHtml } from '../../ui/html.ts';
import { loadEligibility, showCandidate } from './eligibility.ts';
import { startLasso, stopLasso } from './lasso.ts';
import { redraw } from './layers.ts';
import { legend } from './legend.ts';
import { loadRegions } from './list.ts';
import { showRegion } from './region-panel.ts';
import { renderSelection } from './selection.ts';
import { type RegionsState, createState, currentScheme, currentType, groupCodes, setGroup, typeFromId } from './state.ts';
import { renderWhatIf, saveGroup } from './whatif.ts';
import './regions.css';

/** Regions: city-regions and groupings on the map, eligibility of cities, what-if groupings. */
class RegionsView implements ViewBody {
  /** Everything the view holds while mounted; null when it is not. */
  private s: RegionsState | null = null;

  async mount(ctx: AppContext, panel: HTMLElement): Promise<void> {
    const topology = await ctx.boundaries();
    const region = ctx.state.get('region');
    if (region && !ctx.state.get('rtype')) {
      const inferred = typeFromId.find(([p]) => region.startsWith(p))?.[1];
      if (inferred) ctx.state.set({ rtype: inferred }, { silent: true });
    }
    const s = createState(ctx, panel, topology);
    this.s = s;
    const type = currentType(ctx);
    const scheme = currentScheme(ctx);
    setHtml(
      panel,
      html`
      <h2>${t('圏域と広域連携', 'City-regions and partnerships')}</h2>
      <p class="sub">${t('連携中枢都市圏・定住自立圏などを構成市町村の範囲で表示します。クリックで詳細。', 'Regions drawn from their members’ dissolved boundaries. Click one for its members and totals.')}</p>
      <label class="field" for="rtype">${t('圏域の種類', 'Region type')}</label>
      <select id="rtype">${regionTypes.map((rt) => html`<option value="${rt}" ${rt === type ? 'selected' : ''}>${label('regionType', rt)}</option>`)}</select>
      <div id="rsel" class="rsel" hidden></div>
      <h3 class="rlist-part">${t('一覧', 'List')} <span id="rcount"></span></h3>
      <ul id="rlist" class="region-list rlist-part" data-testid="region-list"><li class="empty">${t('読み込み中…', 'Loading…')}</li></ul>
      <h3>${t('仮想グループ（試算）', 'What-if grouping')}</h3>
      <div class="btn-row"><button type="button" class="btn secondary" id="whatif-toggle"></button><button type="button" class="btn secondary" id="lasso">${t('投げ縄', 'Lasso')}</button></div>
      <div id="whatif"></div>
      <h3>${t('中心市の要件', 'Who could lead a region')}</h3>
      <label class="field" for="elig">${t('要件レイヤー', 'Eligibility layer')}</label>
      <select id="elig">
        <option value="">${t('表示しない', 'Off')}</option>
        ${(['central_city_region', 'settlement_zone'] as const).map((option) => html`<option value="${option}" ${option === scheme ? 'selected' : ''}>${label('eligibilityScheme', option)}</option>`)}
      </select>
      <div id="elig-summary"></div>
      `,
    );
    panel.querySelector<HTMLSelectElement>('#rtype')!.addEventListener('change', (e) => ctx.state.set({ rtype: (e.target as HTMLSelectElement).value, region: null }));
    panel.querySelector<HTMLSelectElement>('#elig')!.addEventListener('change', (e) => ctx.state.set({ elig: (e.target as HTMLSelectElement).value || null }));
    const { signal } = s.events;
    panel.addEventListener(
      'click',
      (e) => {
        const el = (e.target as HTMLElement).closest<HTMLElement>('button');
        if (!el || !s.alive) return;
        if (el.dataset.region) ctx.state.set({ region: el.dataset.region }, { push: true });
        else if (el.dataset.goto) ctx.state.set({ rtype: el.dataset.type!, region: el.dataset.goto });
        else if (el.dataset.cand) {
          const c = s.eligByCode.get(el.dataset.cand);
          if (c) {
            showCandidate(s, c);
            ctx.frame({ lon: c.lon, lat: c.lat, zoom: Math.max(ctx.atlas.map.getZoom(), 8) });
          }
        } else if (el.dataset.remove)
          setGroup(
            s,
            groupCodes(ctx).filter((c) => c !== el.dataset.remove),
          );
        else if (el.id === 'whatif-toggle') {
          s.whatIf = !s.whatIf;
          if (!s.whatIf) stopLasso(s);
          renderWhatIf(s);
          panel.querySelector('#whatif')!.scrollIntoView({ block: 'nearest' });
        } else if (el.id === 'lasso') {
          if (s.lasso.on) stopLasso(s);
          else startLasso(s);
        } else if (el.id === 'whatif-save') void saveGroup(s);
        else if (el.id === 'whatif-clear') ctx.state.set({ group: null, gname: null });
        else if (el.id === 'whatif-share') {
          const href = ctx.state.href();
          void navigator.clipboard.writeText(href).then(
            () => ctx.toast(t('リンクをコピーしました: ', 'Link copied: ') + href),
            () => ctx.toast(href),
          );
        }
      },
      { signal },
    );
    panel.addEventListener(
      'change',
      (e) => {
        const el = e.target as HTMLInputElement;
        if (el.id === 'gname') ctx.state.set({ gname: el.value.trim() || null }, { silent: true });
      },
      { signal },
    );
    renderWhatIf(s);
    await Promise.all([loadRegions(s), loadEligibility(s)]);
    const open = ctx.state.get('region');
    if (open) void showRegion(s, open, !ctx.state.get('c'));
  }

  unmount(ctx: AppContext): void {
    const s = this.s;
    if (s) {
      stopLasso(s);
      s.alive = false;
      s.events.abort();
    }
    this.s = null;
    ctx.atlas.setLayers('regions', null);
    ctx.setLegend(null);
  }

  tooltip(m: Municipality): Html | null {
    const s = this.s;
    if (!s) return null;
    const lines: Html[] = [];
    // Plain text marks: the tooltip is filled as HTML by the app, where the CSP forbids inline colours.
    for (const r of s.byMember.get(m.code) ?? [])
      lines.push(html`▪ ${displayRegionName(r)}${r.centerCodes.includes(m.code) ? html` <small>(${t('中心市', 'centre')})</small>` : ''}`);
    const c = s.eligByCode.get(m.code);
    if (c) lines.push(html`● ${label('eligibilityStatus', c.status)}`);
    if (s.whatIf)
      lines.push(html`${groupCodes(s.ctx).includes(m.code) ? t('グループに含む（クリックで除外）', 'In the grouping (click to remove)') : t('クリックで追加', 'Click to add')}`);
    return lines.length ? joinHtml(lines, html`<br>`) : null;
  }

  onMapClick(code: string, { shiftKey }: { shiftKey: boolean }): boolean {
    const s = this.s;
    if (!s) return false;
    const { ctx } = s;
    if (s.lasso.on) return true;
    if (s.whatIf) {
      const codes = groupCodes(ctx);
      setGroup(s, shiftKey || codes.includes(code) ? codes.filter((c) => c !== code) : [...codes, code]);
      return true;
    }
    const cand = s.eligByCode.get(code);
    if (cand) {
      s.selected = code;
      ctx.atlas.setSelected([code]);
      ctx.state.set({ sel: code });
      showCandidate(s, cand);
      redraw(s);
      return true;
    }
    const regions = s.byMember.get(code);
    if (!regions?.length) return false;
    s.selected = code;
    ctx.atlas.setSelected([code]);
    ctx.state.set({ sel: code, region: regions[0].id });
    void renderSelection(s);
    return true;
  }

  onSelect(code: string | null): void {
    const s = this.s;
    if (!s) return;
    s.selected = code;
    if (!code) s.ctx.state.set({ region: null });
    redraw(s);
    void renderSelection(s);
  }

  onStateChange(changed: Set<string>): void {
    const s = this.s;
    if (!s) return;
    const { ctx } = s;
    if (changed.has('rtype')) {
      s.panel.querySelector<HTMLSelectElement>('#rtype')!.value = currentType(ctx);
      void loadRegions(s).catch((err: Error) => ctx.toast(err.message));
    }
    if (changed.has('elig')) {
      s.panel.querySelector<HTMLSelectElement>('#elig')!.value = currentScheme(ctx) ?? '';
      void loadEligibility(s).catch((err: Error) => ctx.toast(err.message));
    }
    if (changed.has('region')) {
      const id = ctx.state.get('region');
      for (const b of s.panel.querySelectorAll<HTMLButtonElement>('#rlist button')) b.setAttribute('aria-current', String(b.dataset.region === id));
      if (id) void showRegion(s, id, !changed.has('sel'));
      else s.commuting = null;
      redraw(s);
      legend(s);
    }
    if (changed.has('group')) {
      if (groupCodes(ctx).length) s.whatIf = true;
      renderWhatIf(s);
    } else if (changed.has('gname')) renderWhatIf(s);
    if (changed.has('sel') && !changed.has('region')) {
      s.selected = ctx.state.get('sel');
      redraw(s);
    }
  }
}

export const regionsView: ViewBody = new RegionsView();
