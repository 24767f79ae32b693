/**
 * Controls shared by the ranking views (disaster aid, partners): a municipality picker, parameter sliders
 * kept in the URL, factor bars, the national partner table, and a loader that keeps only the newest answer.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import { searchMunicipalities } from '../../domain/names/search.ts';
import type { Municipality } from '../../domain/records/municipalities.ts';
import type { ParamSpec, PartnerPurpose } from '../../domain/records/partners.ts';
import { api } from '../api.ts';
import type { AppContext } from '../context.ts';
import { t } from '../i18n.ts';
import { displayName } from '../names.ts';
import { type TableFormat, downloadTable } from './export.ts';
import { type Html, html } from './html.ts';
import { installSearch, pickedName } from './search.ts';

/** Sets widths from `data-w` (0..1): the page's CSP forbids inline style attributes, not CSSOM. */
export function applyWidths(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-w]')) el.style.width = `${Math.max(0, Math.min(1, Number(el.dataset.w))) * 100}%`;
}

/** A labelled factor bar (value 0..1). */
export const factorBar = (label: string, value: number, title = ''): Html =>
  html`<div class="pt-factor" title="${title}"><span>${label}</span><span class="bar"><span data-w="${value}"></span></span><b>${value.toFixed(2)}</b></div>`;

/**
 * The municipality a picker's text names: 「狛江市（東京都）」 as suggested, a code, or anything the one search
 * (domain/names/search.ts) finds first — kanji, kana, romaji, prefecture + name.
 * @example findMunicipality(ctx, 'こまえ')?.code // '13219'
 */
export function findMunicipality(ctx: AppContext, text: string): Municipality | undefined {
  const v = text.trim();
  const list = [...ctx.munis.values()];
  return list.find((m) => v === pickedName(m) || v === `${m.name}（${m.prefName}）`) ?? searchMunicipalities(list, v.replace(/（[^）]*）$/, ''), 1)[0];
}

/** Shows a municipality in a picker box (after the URL changed the choice). */
export function showInPicker(ctx: AppContext, panel: HTMLElement, id: string, code: string | null): void {
  const m = code ? ctx.munis.get(code) : undefined;
  const box = panel.querySelector<HTMLInputElement>(`#${id}`);
  if (box && m) box.value = pickedName(m);
}

/**
 * Frames a chosen origin in the part of the map that panels and legends leave visible, at the scale of its
 * ranking (`zoom`: the rings and the best partners a few hundred km around it).
 */
export function frameOrigin(ctx: AppContext, code: string | null, zoom: number): void {
  const m = code ? ctx.munis.get(code) : undefined;
  if (m) ctx.frame({ lon: m.lon, lat: m.lat, zoom });
}

/** The query of a ranking request: its purpose (which picks the answer's type), the limit, and scoring parameters. */
export type RankingQuery<P extends PartnerPurpose> = { purpose: P; limit?: number; [param: string]: string | number | undefined };

/** The query of a ranking request: purpose, limit, and each parameter that differs from its default. */
export function rankingQuery<P extends PartnerPurpose, K extends string>(ctx: AppContext, purpose: P, specs: Record<K, ParamSpec>, limit?: number): RankingQuery<P> {
  const q: RankingQuery<P> = { purpose, limit };
  for (const [k, v] of Object.entries(paramsFromUrl(ctx, specs)) as [K, number][]) if (v !== specs[k].default) q[k] = v;
  return q;
}

/**
 * Downloads the national partner table (GET /api/partners/matrix: every municipality's three best partners, with
 * the parameters in the URL) as CSV or Excel, one row per municipality and rank, pairs that choose each other marked.
 */
export async function downloadPartnerTable<K extends string>(ctx: AppContext, purpose: PartnerPurpose, specs: Record<K, ParamSpec>, format: TableFormat): Promise<void> {
  const table = await api('/api/partners/matrix', { query: { ...rankingQuery(ctx, purpose, specs), top: 3 } });
  const yes = (v: boolean) => (v ? t('はい', 'yes') : '');
  await downloadTable(
    `renkei-atlas-partner-table-${purpose}`,
    format,
    [
      t('団体コード', 'code'),
      t('都道府県', 'prefecture'),
      t('市区町村', 'municipality'),
      t('順位', 'rank'),
      t('相手の団体コード', 'partner code'),
      t('相手の都道府県', 'partner prefecture'),
      t('相手', 'partner'),
      t('適性', 'score'),
      t('距離 (km)', 'distance (km)'),
      t('互いに最適', 'mutual'),
      t('協定あり', 'already tied'),
    ],
    table.items.flatMap((m) => m.partners.map((p, n) => [m.code, m.prefName, m.name, n + 1, p.code, p.prefName, p.name, p.score, p.distanceKm, yes(p.mutual), yes(p.tied)])),
  );
}

/**
 * A loader whose answers count only while no newer load has started (a slider dragged quickly fires several):
 * `status` shows progress, then clears, or shows the error in plain words.
 */
export function latestOnly(): <T>(status: Element, load: () => Promise<T>, apply: (value: T) => void) => Promise<void> {
  let newest = 0;
  return async (status, load, apply) => {
    const mine = ++newest;
    status.textContent = t('計算中…', 'Ranking…');
    try {
      const value = await load();
      if (mine !== newest) return;
      status.textContent = '';
      apply(value);
    } catch (err) {
      if (mine === newest) status.textContent = (err as Error).message;
    }
  };
}

/**
 * A municipality picker: the same search box as the top bar's (kanji, kana, romaji, codes), suggestions below it;
 * a pick (or Enter on typed text the search finds) calls `onPick`.
 */
export function originPicker(ctx: AppContext, id: string, label: string, code: string | null, onPick: (code: string) => void): Html {
  queueMicrotask(() => {
    const input = document.getElementById(id) as HTMLInputElement | null;
    const list = document.getElementById(`${id}-list`) as HTMLUListElement | null;
    if (!input || !list) return;
    installSearch(input, list, [...ctx.munis.values()], (m) => onPick(m.code));
    input.addEventListener('change', () => {
      const v = input.value.trim();
      if (!v) return;
      const found = findMunicipality(ctx, v);
      if (!found) ctx.toast(t(`「${v}」が見つかりません。候補から選んでください。`, `"${v}" was not found; pick one of the suggestions.`));
      else if (input.value !== pickedName(found)) onPick(found.code);
    });
  });
  const m = code ? ctx.munis.get(code) : undefined;
  return html`<label class="field" for="${id}">${label}</label><div class="combo"><input id="${id}" type="text" autocomplete="off" spellcheck="false" placeholder="${t('例：狛江市・こまえ・komae', 'e.g. Komae, 狛江市')}" value="${m ? pickedName(m) : ''}" /><ul id="${id}-list" role="listbox" hidden></ul></div>`;
}

/** Parameter values from the URL (defaults where absent or out of range). */
export function paramsFromUrl<K extends string>(ctx: AppContext, specs: Record<K, ParamSpec>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const [k, s] of Object.entries(specs) as [K, ParamSpec][]) {
    const v = Number(ctx.state.get(k));
    out[k] = ctx.state.get(k) !== null && Number.isFinite(v) && v >= s.min && v <= s.max ? v : s.default;
  }
  return out;
}

/** Sliders for parameters; each change is written to the URL (the view re-ranks from there). */
export function sliders<K extends string>(_ctx: AppContext, specs: Record<K, ParamSpec>, values: Record<K, number>): Html {
  return html`${(Object.entries(specs) as [K, ParamSpec][]).map(
    ([k, s]) => html`
      <label class="field pt-slider" for="p-${k}">${t(s.ja, s.en)} <output id="o-${k}">${values[k]}${s.unit ? ` ${s.unit}` : ''}</output></label>
      <input id="p-${k}" data-param="${k}" type="range" min="${s.min}" max="${s.max}" step="${s.step}" value="${values[k]}" aria-describedby="o-${k}" />`,
  )}`;
}

/** Wires the sliders: the number shows at once, the URL (and so the ranking) follows after a pause. */
export function wireSliders<K extends string>(ctx: AppContext, panel: HTMLElement, specs: Record<K, ParamSpec>): void {
  let timer = 0;
  for (const input of panel.querySelectorAll<HTMLInputElement>('input[data-param]')) {
    const k = input.dataset.param as K;
    input.addEventListener('input', () => {
      const s = specs[k];
      panel.querySelector(`#o-${k}`)!.textContent = `${input.value}${s.unit ? ` ${s.unit}` : ''}`;
      clearTimeout(timer);
      timer = window.setTimeout(() => {
        const patch: Record<string, string | null> = {};
        for (const other of panel.querySelectorAll<HTMLInputElement>('input[data-param]')) {
          const key = other.dataset.param as K;
          patch[key] = Number(other.value) === specs[key].default ? null : other.value;
        }
        ctx.state.set(patch);
      }, 250);
    });
  }
}

/**
 * Selects a ranking's origin and names it under the view's label group beside its marker: a selected place's name
 * alone sits on the point, where the marker (drawn by deck.gl, above the map) would cover it.
 */
export function selectOrigin(ctx: AppContext, group: string, origin: { code: string; lon: number; lat: number }): void {
  ctx.atlas.setSelected([origin.code]);
  const m = ctx.munis.get(origin.code);
  ctx.atlas.setLabels(group, m ? [{ code: m.code, name: displayName(m), lon: origin.lon, lat: origin.lat, population: m.population, tier: 0, marker: true }] : null);
}

/** Round markers of places on a ranking's map: a fill ringed in another colour, sized in pixels. */
export function ringedPoints<P extends { lon: number; lat: number }>(
  id: string,
  data: P[],
  style: { radius: number; fill: [number, number, number, number]; ring: [number, number, number, number]; ringWidth: number },
): ScatterplotLayer<P> {
  return new ScatterplotLayer<P>({
    id,
    data,
    getPosition: (p) => [p.lon, p.lat],
    getRadius: style.radius,
    radiusUnits: 'pixels',
    getFillColor: style.fill,
    getLineColor: style.ring,
    lineWidthMinPixels: style.ringWidth,
    stroked: true,
  });
}

/** The origin's marker on a ranking's map (amber, ringed), the same in every view that ranks partners. */
export function originMarker(id: string, at: { lon: number; lat: number }): ScatterplotLayer<{ lon: number; lat: number }> {
  return ringedPoints(id, [at], { radius: 7, fill: [240, 160, 0, 255], ring: [17, 24, 39, 255], ringWidth: 2 });
}

/** Takes a ranking view's drawing off the map: its colours, layers, origin label and legend (the selection stays). */
export function clearRanking(ctx: AppContext, group: string): void {
  ctx.atlas.setFillColours(null);
  ctx.atlas.setLayers(group, null);
  ctx.atlas.setLabels(group, null);
  ctx.setLegend(null);
}
