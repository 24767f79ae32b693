/**
 * Exchanges view: every known agreement as an arc between the two partners, coloured by kind (Okabe–Ito),
 * as wide as the number of agreements between the pair; filters by kind and year; a municipality's arcs
 * only when one is selected; a pair's panel with every agreement and its source; and the upload of the
 * user's own agreements (dry-run report first, then one import).
 * URL keys: kinds (comma list), from, to (years), sel.
 */
import { haversineKm } from '../../domain/geo.ts';
import { ArcLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { PickingInfo } from '@deck.gl/core';
import type { Exchange, ExchangeKind, ExchangeList, ImportReport } from '../../domain/records/exchanges.ts';
import type { Municipality } from '../../domain/records/municipalities.ts';
import { exchangeKinds } from '../../domain/records/exchanges.ts';
import { type ApiClientError, api, canWrite } from '../api.ts';
import type { AppContext, ViewBody } from '../context.ts';
import { fmtInt } from '../format.ts';
import { label, t } from '../i18n.ts';
import { citationList } from '../ui/citations.ts';
import { type Html, html, setHtml } from '../ui/html.ts';
import { exchangeReportLines, openReport } from '../ui/import-report.ts';
import { rgb } from '../palette.ts';
import './exchanges.css';

/** Okabe–Ito colours per kind, fixed everywhere in the atlas (exchanges.css repeats them as .xk-<kind> classes: the CSP forbids inline styles). */
export const exchangeKindColour: Record<ExchangeKind, string> = {
  sister: '#0072B2',
  friendship: '#E69F00',
  partnership: '#009E73',
  disaster_aid: '#D55E00',
  relationship_population: '#CC79A7',
  // Not an agreement between municipalities: neutral grey, not one of the agreement colours.
  organisation: '#8C8C8C',
  other: '#56B4E9',
};

/** Every agreement, kept across visits of the tab (reloaded after an import). */
interface AgreementStore {
  all: Exchange[] | null;
}

/** What the view holds while mounted. */
interface ExchangesState {
  ctx: AppContext;
  panel: HTMLElement;
  store: AgreementStore;
  /** Where the pointer is on the map (an arc under it wins a click). */
  pointer: { x: number; y: number };
  /** The arc width factor last drawn: a zoom redraws only when it changes. */
  drawnWidthScale: number;
  /** Undo what mount attached to the URL state and the map. */
  detach: (() => void)[];
}

async function loadAll(store: AgreementStore, force = false): Promise<Exchange[]> {
  if (!store.all || force) store.all = (await api<ExchangeList>('/api/exchanges')).items;
  return store.all;
}

/** The kinds and year range in the URL. */
function filters(ctx: AppContext): { kinds: Set<ExchangeKind>; from: number | null; to: number | null } {
  const raw = ctx.state.get('kinds');
  const kinds = new Set((raw ? raw.split(',') : exchangeKinds).filter((k): k is ExchangeKind => (exchangeKinds as readonly string[]).includes(k)));
  const year = (key: string) => {
    const v = Number(ctx.state.get(key));
    return ctx.state.get(key) && Number.isInteger(v) ? v : null;
  };
  return { kinds, from: year('from'), to: year('to') };
}

/** The agreements passing the filters (and touching the selected municipality, if any). */
function visible(ctx: AppContext, items: Exchange[]): Exchange[] {
  const { kinds, from, to } = filters(ctx);
  const sel = ctx.state.get('sel');
  return items.filter((x) => {
    if (!kinds.has(x.kind)) return false;
    if ((from !== null || to !== null) && x.sinceYear === null) return false;
    if (from !== null && x.sinceYear! < from) return false;
    if (to !== null && x.sinceYear! > to) return false;
    return !sel || x.a.code === sel || x.b.code === sel;
  });
}

const pairId = (x: Exchange) => [x.a.code, x.b.code].sort().join('-');

const kmCache = new WeakMap<Exchange, number>();
/** Straight-line length of an arc in km (cached per agreement). */
function arcKm(x: Exchange): number {
  let km = kmCache.get(x);
  if (km === undefined) kmCache.set(x, (km = haversineKm(x.a.lon, x.a.lat, x.b.lon, x.b.lat)));
  return km;
}

/**
 * ArcLayer height (a share of the arc's length) that bends short arcs visibly but keeps the bulge of long
 * ones to a few tens of km, so Hokkaido–Kyushu arcs stay over Japan instead of looping out to sea.
 * @example arcHeight(100) // 0.12; arcHeight(1000) // 0.03
 */
export function arcHeight(km: number): number {
  return 0.12 * Math.min(1, 250 / Math.max(km, 1));
}

/**
 * Line-width factor for the map zoom: hairlines for the whole country, full width from zoom 7.
 * @example arcWidthScale(4.6) // 0.6
 */
export function arcWidthScale(zoom: number): number {
  return Math.min(1, Math.max(0.6, (zoom - 3) / 4));
}

function arcTooltip(x: Exchange): Html {
  const year = x.sinceYear ? ` · ${x.sinceYear}${t('年', '')}` : '';
  return html`<b>${x.a.name}</b> – <b>${x.b.name}</b><br>${label('exchangeKind', x.kind)}${year}${x.pairCount > 1 ? html`<br>${t(`この2者間の協定 ${x.pairCount}件`, `${x.pairCount} agreements between the two`)}` : ''}`;
}

/** The right panel for a pair: every agreement between the two, with its source. */
function showPair(s: ExchangesState, x: Exchange): void {
  const { ctx } = s;
  const items = (s.store.all ?? []).filter((y) => pairId(y) === pairId(x)).sort((p, q) => (p.sinceYear ?? 9999) - (q.sinceYear ?? 9999));
  const km = haversineKm(x.a.lon, x.a.lat, x.b.lon, x.b.lat);
  const side = (e: Exchange['a']) =>
    html`${e.name} <small>${e.prefName !== e.name ? e.prefName : ''}</small>${e.formerName ? html` <span class="badge" title="${t('協定締結時の名称', 'name when the agreement was made')}">${t('旧', 'formerly')} ${e.formerName}</span>` : ''}`;
  ctx.showPanel(html`
    <h2 data-testid="pair-title">${side(x.a)} – ${side(x.b)}</h2>
    <p class="sub">${t('直線距離', 'Great-circle distance')} ${fmtInt(km)} km · ${t(`協定 ${items.length}件`, `${items.length} agreement(s)`)}</p>
    ${items.map(
      (y) => html`
      <div class="xc-agreement xk-${y.kind}">
        <div><span class="badge xk-badge xk-${y.kind}">${label('exchangeKind', y.kind)}</span>
          ${y.sinceYear ? html`<b>${y.sinceYear}</b>${t('年', '')}` : html`<span class="sub">${t('年不明', 'year unknown')}</span>`}
          ${y.origin === 'user' ? html`<span class="badge est">${t('利用者登録', 'imported')}</span>` : ''}</div>
        ${y.agreement ? html`<div>${y.agreement}</div>` : ''}
        ${y.network ? html`<div class="sub">${t('多者間協定', 'Multilateral pact')}: ${y.network.name}</div>` : ''}
        ${y.note ? html`<div class="sub">${y.note}</div>` : ''}
        <div class="xc-source">${t('出典', 'Source')}: ${citationList(y.sources)}</div>
      </div>`,
    )}
    <div class="btn-row">
      <button type="button" class="btn secondary" data-go="${x.a.code}">${x.a.name}</button>
      <button type="button" class="btn secondary" data-go="${x.b.code}">${x.b.name}</button>
    </div>`);
  for (const b of document.querySelectorAll<HTMLButtonElement>('#right-body [data-go]')) {
    b.addEventListener('click', () => ctx.munis.has(b.dataset.go!) && ctx.select(b.dataset.go!, { fly: false }));
  }
}

function draw(s: ExchangesState): void {
  const { ctx } = s;
  const all = s.store.all;
  if (!all) return;
  const items = visible(ctx, all);
  const sel = ctx.state.get('sel');
  const onClick = (info: PickingInfo<Exchange>) => {
    if (info.object) showPair(s, info.object);
    return Boolean(info.object);
  };
  const ends = sel
    ? [
        ...new Map(
          items
            .flatMap((x) => [x.a, x.b])
            .filter((e) => e.code !== sel)
            .map((e) => [e.code, e]),
        ).values(),
      ]
    : [];
  // All 841 arcs at once are a texture, so they are fainter; one municipality's few arcs are drawn at full strength.
  const alpha = sel ? 235 : 150;
  ctx.atlas.setLayers('exchanges', [
    new ArcLayer<Exchange>({
      id: 'exchange-arcs',
      data: items,
      getSourcePosition: (x) => [x.a.lon, x.a.lat],
      getTargetPosition: (x) => [x.b.lon, x.b.lat],
      getSourceColor: (x) => [...rgb(exchangeKindColour[x.kind]), alpha],
      getTargetColor: (x) => [...rgb(exchangeKindColour[x.kind]), alpha],
      getWidth: (x) => 1 + 1.5 * (x.pairCount - 1),
      widthUnits: 'pixels',
      widthScale: (s.drawnWidthScale = arcWidthScale(ctx.atlas.map.getZoom())),
      widthMinPixels: 0.5,
      getHeight: (x) => arcHeight(arcKm(x)),
      // Tilted flat onto the map: arcs read as gentle curves from straight above, never rising off the page.
      getTilt: 90,
      greatCircle: false,
      pickable: true,
      autoHighlight: true,
      highlightColor: [17, 24, 39, 255],
      onClick,
      updateTriggers: { getWidth: items.length, getSourceColor: alpha, getTargetColor: alpha },
    }),
    new ScatterplotLayer<Exchange['a']>({
      id: 'exchange-partners',
      data: ends,
      getPosition: (e) => [e.lon, e.lat],
      getRadius: 4,
      radiusUnits: 'pixels',
      getFillColor: [255, 255, 255, 230],
      getLineColor: [17, 24, 39, 255],
      lineWidthMinPixels: 1.5,
      stroked: true,
    }),
  ]);
  const counts = new Map<ExchangeKind, number>();
  for (const x of items) counts.set(x.kind, (counts.get(x.kind) ?? 0) + 1);
  const selName = sel ? (ctx.munis.get(sel)?.name ?? all.find((x) => x.a.code === sel)?.a.name ?? sel) : null;
  ctx.setLegend(html`
    <h4>${t('交流・協定の種別', 'Kind of exchange')}</h4>
    ${exchangeKinds.map((k) => html`<div class="row"><span class="sw xk-sw xk-${k}"></span><span>${label('exchangeKind', k)}</span><span class="xc-n">${fmtInt(counts.get(k) ?? 0)}</span></div>`)}
    <div class="note">${t('線の太さ＝2者間の協定数', 'Line width = agreements between the pair')}</div>
    ${selName ? html`<div class="note">${selName} ${t('の交流のみ表示', 'only')}</div>` : ''}`);
  const status = s.panel.querySelector('#xc-count');
  if (status)
    setHtml(
      status,
      html`${t(`表示中 ${fmtInt(items.length)}件 / 全${fmtInt(all.length)}件`, `Showing ${fmtInt(items.length)} of ${fmtInt(all.length)}`)}${selName ? html` · <b>${selName}</b> <button type="button" class="linkish" id="xc-clear">${t('選択解除', 'clear')}</button>` : ''}`,
    );
  s.panel.querySelector('#xc-clear')?.addEventListener('click', () => ctx.select(null));
}

/** The summary line of an import or dry run (the rows are in the report dialog, web/ui/import-report.ts). */
function reportSummary(r: ImportReport): Html {
  return html`${r.dryRun ? t('確認のみ（未登録）', 'Dry run (nothing written)') : t(`${r.imported}件を登録しました`, `${r.imported} imported`)} ·
      ${t(`有効 ${r.valid}件・エラー ${r.invalid}件`, `${r.valid} valid, ${r.invalid} with problems`)} · ${r.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}`;
}

function installImport(s: ExchangesState): void {
  const { ctx, panel } = s;
  const box = panel.querySelector<HTMLElement>('#xc-import')!;
  const writable = canWrite();
  setHtml(
    box,
    html`
    <h3>${t('自分の協定を読み込む', 'Load your own agreements')}</h3>
    <p class="sub">${t('CSV（UTF-8 または Shift_JIS）。列：a_name（例 東京都世田谷区）または a_code、b_name または b_code、kind（姉妹都市・友好都市・災害時相互応援協定 など）、year。', 'CSV (UTF-8 or Shift_JIS). Columns: a_name (e.g. 東京都世田谷区) or a_code, b_name or b_code, kind (sister, friendship, disaster_aid …), year.')}</p>
    ${writable ? '' : html`<p class="xc-warn" data-testid="no-token">${t('書き込み用トークンがありません。サーバー起動時に表示された「?token=…」付きのURLで開き直すと読み込めます。', 'No write token in this session. Reopen the atlas with the "?token=…" link printed when the server started to load agreements.')}</p>`}
    <label class="field" for="xc-file">${t('CSVファイル', 'CSV file')}</label>
    <input id="xc-file" type="file" accept=".csv,text/csv" ${writable ? '' : 'disabled'} />
    <div class="btn-row">
      <button type="button" class="btn secondary" id="xc-dry" disabled>${t('内容を確認', 'Check (dry run)')}</button>
      <button type="button" class="btn" id="xc-go" disabled>${t('登録する', 'Import')}</button>
    </div>
    <div id="xc-report"></div>`,
  );
  const file = box.querySelector<HTMLInputElement>('#xc-file')!;
  const dry = box.querySelector<HTMLButtonElement>('#xc-dry')!;
  const go = box.querySelector<HTMLButtonElement>('#xc-go')!;
  const out = box.querySelector<HTMLElement>('#xc-report')!;
  let bytes: ArrayBuffer | null = null;
  const send = async (dryRun: boolean) => {
    if (!bytes) return;
    dry.disabled = go.disabled = true;
    setHtml(out, html`<p class="empty">${t('確認中…', 'Checking…')}</p>`);
    try {
      const report = await api<ImportReport>(`/api/exchanges/import${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: bytes });
      const showReport = () =>
        openReport(
          t('読み込みの結果', 'Import report'),
          reportSummary(report),
          exchangeReportLines(report),
          dryRun && report.valid > 0 ? [{ text: t(`有効な${report.valid}件を登録する`, `Import the ${report.valid} valid rows`), run: () => void send(false) }] : [],
        );
      setHtml(
        out,
        html`<p class="sub" data-testid="import-summary">${reportSummary(report)}</p><button type="button" class="btn secondary" id="xc-report-open">${t('結果の表を開く', 'Open the report table')}</button>`,
      );
      out.querySelector('#xc-report-open')!.addEventListener('click', () => showReport());
      showReport();
      dry.disabled = false;
      go.disabled = !dryRun || report.valid === 0;
      if (!dryRun) {
        bytes = null;
        file.value = '';
        dry.disabled = true;
        await loadAll(s.store, true);
        draw(s);
        ctx.toast(t(`${report.imported}件の協定を登録しました`, `${report.imported} agreement(s) imported`));
      }
    } catch (err) {
      const e = err as ApiClientError;
      setHtml(
        out,
        html`<p class="xc-warn">${e.status === 401 ? t('書き込み用トークンが無効です。サーバー起動時のURLで開き直してください。', 'The write token was refused. Reopen the atlas with the link printed at server start.') : e.message}</p>`,
      );
      dry.disabled = false;
    }
  };
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    bytes = f ? await f.arrayBuffer() : null;
    out.replaceChildren();
    dry.disabled = !bytes;
    go.disabled = true;
  });
  dry.addEventListener('click', () => void send(true));
  go.addEventListener('click', () => void send(false));
}

class ExchangesView implements ViewBody {
  private readonly store: AgreementStore = { all: null };
  private s: ExchangesState | null = null;

  async mount(ctx: AppContext, panel: HTMLElement): Promise<void> {
    const s: ExchangesState = { ctx, panel, store: this.store, pointer: { x: 0, y: 0 }, drawnWidthScale: 0, detach: [] };
    this.s = s;
    const f = filters(ctx);
    setHtml(
      panel,
      html`
      <h2>${t('自治体間の交流・協定', 'Exchanges between municipalities')}</h2>
      <p class="sub">${t('姉妹都市・友好都市・災害時相互応援などの協定を弧で表示します。弧をクリックすると協定の一覧と出典、市区町村をクリックするとその交流だけを表示します。', 'Sister-city, friendship, disaster-aid and other agreements as arcs. Click an arc for the agreements and their sources; click a municipality to show its arcs only.')}</p>
      <fieldset class="xc-kinds"><legend>${t('種別', 'Kinds')}</legend>
        ${exchangeKinds.map((k) => html`<label><input type="checkbox" value="${k}" ${f.kinds.has(k) ? 'checked' : ''}/><span class="sw xk-sw xk-${k}"></span>${label('exchangeKind', k)}</label>`)}
      </fieldset>
      <div class="xc-years">
        <label class="field" for="xc-from">${t('締結年（から）', 'Year from')}</label><input id="xc-from" type="number" min="1850" max="2100" placeholder="1950" value="${f.from ?? ''}" />
        <label class="field" for="xc-to">${t('締結年（まで）', 'Year to')}</label><input id="xc-to" type="number" min="1850" max="2100" placeholder="2025" value="${f.to ?? ''}" />
      </div>
      <p class="sub">${t('年を指定すると締結年不明の協定は表示されません。', 'With a year range, agreements of unknown year are hidden.')}</p>
      <p id="xc-count" class="sub" aria-live="polite">${t('読み込み中…', 'Loading…')}</p>
      <div id="xc-import"></div>`,
    );
    panel.querySelector('.xc-kinds')!.addEventListener('change', () => {
      const checked = [...panel.querySelectorAll<HTMLInputElement>('.xc-kinds input:checked')].map((i) => i.value);
      ctx.state.set({ kinds: checked.length === exchangeKinds.length ? null : checked.join(',') || 'none' });
    });
    for (const key of ['from', 'to'] as const) {
      panel.querySelector<HTMLInputElement>(`#xc-${key}`)!.addEventListener('change', (e) => {
        const v = (e.target as HTMLInputElement).value.trim();
        ctx.state.set({ [key]: /^\d{4}$/.test(v) ? v : null });
      });
    }
    installImport(s);
    const unsubscribe = ctx.state.subscribe((changed) => {
      if (['kinds', 'from', 'to', 'sel'].some((k) => changed.has(k))) draw(s);
    });
    const onMove = (e: { point: { x: number; y: number } }) => {
      s.pointer = e.point;
    };
    ctx.atlas.map.on('mousemove', onMove);
    const onZoom = () => arcWidthScale(ctx.atlas.map.getZoom()) !== s.drawnWidthScale && draw(s);
    ctx.atlas.map.on('zoomend', onZoom);
    s.detach.push(
      unsubscribe,
      () => ctx.atlas.map.off('mousemove', onMove),
      () => ctx.atlas.map.off('zoomend', onZoom),
    );
    ctx.atlas.overlay.setProps({
      getTooltip: (info: PickingInfo) => (info.layer?.id === 'exchange-arcs' && info.object ? { html: arcTooltip(info.object as Exchange).markup, className: 'xc-tooltip' } : null),
    } as never);
    try {
      await loadAll(this.store);
    } catch (err) {
      panel.querySelector('#xc-count')!.textContent = (err as Error).message;
      return;
    }
    if (this.s === s) draw(s);
  }

  unmount(ctx: AppContext): void {
    for (const undo of this.s?.detach ?? []) undo();
    this.s = null;
    ctx.atlas.overlay.setProps({ getTooltip: null } as never);
    ctx.atlas.setLayers('exchanges', null);
    ctx.setLegend(null);
  }

  onMapClick(): boolean {
    const s = this.s;
    if (!s) return false;
    // An arc under the pointer wins over the municipality beneath it (deck's onClick opens its panel).
    const picked = s.ctx.atlas.overlay.pickObject({ x: s.pointer.x, y: s.pointer.y, radius: 3, layerIds: ['exchange-arcs'] });
    if (picked?.object) showPair(s, picked.object as Exchange);
    return Boolean(picked?.object);
  }

  tooltip(m: Municipality): Html | null {
    const all = this.store.all;
    if (!all || !this.s) return null;
    const n = all.filter((x) => x.a.code === m.code || x.b.code === m.code).length;
    return n ? html`${t(`交流・協定 ${n}件`, `${n} agreement(s)`)}` : null;
  }
}

export const exchangesView: ViewBody = new ExchangesView();
