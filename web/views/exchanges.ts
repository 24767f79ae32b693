/**
 * Exchanges view: every known agreement as flows between the partners that cluster and sum by zoom (flowmap.gl),
 * coloured by kind (Okabe–Ito), as wide as the number of agreements; multilateral pacts as networks (their
 * parties, not every pair); filters by kind and year; a municipality's flows only when one is selected; a pair's
 * panel with every agreement and its source; and the upload of the user's own agreements (dry-run report first,
 * then one import). The pointer shows one tooltip: the flow under it, else the municipality.
 * URL keys: kinds (comma list), from, to (years), sel, net.
 */
import { haversineKm, pointBounds } from '../../domain/geo.ts';
import type { Exchange, ExchangeKind, ExchangeNetwork, ImportReport } from '../../domain/records/exchanges.ts';
import type { Municipality } from '../../domain/records/municipalities.ts';
import { exchangeKinds } from '../../domain/records/exchanges.ts';
import { type ApiClientError, api, canWrite } from '../api.ts';
import type { AppContext, ViewBody } from '../context.ts';
import { fmtInt } from '../format.ts';
import { label, t } from '../i18n.ts';
import type { Layer } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import { type DrawnFlows, type FlowPick, drawnAt, flowLayers, nodeRadius, pickFlow } from '../map/flow-layers.ts';
import { cssFontFamily, labelScale, labelSizes } from '../map/labels.ts';
import { type FlowModel, type FlowNode, clusterZoom, flowModel, placesIn } from '../map/flow-model.ts';
import { citationList } from '../ui/citations.ts';
import { type Html, html, setHtml } from '../ui/html.ts';
import { nameOfCode, prefNameOfCode } from '../names.ts';
import { exchangeReportLines, openReport } from '../ui/import-report.ts';
import { agreementsBetween, drawnAsFlows, exchangeFlows } from './exchange-flows.ts';
import { loadNetworks, networkBounds, networkLayers, networkList, showNetwork } from './exchange-networks.ts';
import './exchanges.css';

/** Every agreement, kept across visits of the tab (reloaded after an import). */
interface AgreementStore {
  all: Exchange[] | null;
}

/** What the view holds while mounted. */
interface ExchangesState {
  ctx: AppContext;
  panel: HTMLElement;
  store: AgreementStore;
  /** The flows drawn now (null while a pact is open or before the data came). */
  model: FlowModel | null;
  /** The agreements the model was made from. */
  drawn: Exchange[];
  /** What the map shows of the model now (for pointing at it). */
  shown: DrawnFlows | null;
  /** The cluster level last drawn: a zoom redraws only when it changes. */
  drawnZoom: number | null;
  networks: ExchangeNetwork[];
  /** A selection waits for the agreements to frame its partners. */
  frameSelection: boolean;
  /** Undo what mount attached to the URL state and the map. */
  detach: (() => void)[];
}

async function loadAll(store: AgreementStore, force = false): Promise<Exchange[]> {
  if (!store.all || force) store.all = (await api('/api/exchanges')).items;
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

/** A node's name: the place, or the biggest place and how many more. */
const nodeName = (n: FlowNode) => (n.places > 1 ? t(`${n.name} ほか${n.places - 1}`, `${n.name} and ${n.places - 1} more`) : n.name);

/** The tooltip of what the pointer is on: a flow (its ends, kind and count) or a node (its total). */
function pickTooltip(p: FlowPick): Html {
  if (p.type === 'node') return html`<b>${nodeName(p.node)}</b><br>${t(`交流・協定 ${fmtInt(p.node.total)}件`, `${fmtInt(p.node.total)} agreement(s)`)}`;
  return html`<b>${nodeName(p.origin)}</b> – <b>${nodeName(p.dest)}</b><br>${label('exchangeKind', p.group as ExchangeKind)} ${t(`${fmtInt(p.count)}件`, `${fmtInt(p.count)}`)}${p.origin.places > 1 || p.dest.places > 1 ? html`<br><small>${t('クリックで拡大', 'click to zoom in')}</small>` : ''}`;
}

/** The right panel for a pair: every agreement between the two, with its source. */
function showPair(s: ExchangesState, x: Exchange): void {
  const { ctx } = s;
  const items = (s.store.all ?? []).filter((y) => pairId(y) === pairId(x)).sort((p, q) => (p.sinceYear ?? 9999) - (q.sinceYear ?? 9999));
  const km = haversineKm(x.a.lon, x.a.lat, x.b.lon, x.b.lat);
  const side = (e: Exchange['a']) =>
    html`${nameOfCode(ctx, e.code, e.name)} <small>${e.prefName !== e.name ? prefNameOfCode(ctx, e.code, e.prefName) : ''}</small>${e.formerName ? html` <span class="badge" title="${t('協定締結時の名称', 'name when the agreement was made')}">${t('旧', 'formerly')} ${e.formerName}</span>` : ''}`;
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
      <button type="button" class="btn secondary" data-go="${x.a.code}">${nameOfCode(ctx, x.a.code, x.a.name)}</button>
      <button type="button" class="btn secondary" data-go="${x.b.code}">${nameOfCode(ctx, x.b.code, x.b.name)}</button>
    </div>`);
  for (const b of document.querySelectorAll<HTMLButtonElement>('#right-body [data-go]')) {
    b.addEventListener('click', () => ctx.munis.has(b.dataset.go!) && ctx.select(b.dataset.go!, { fly: false }));
  }
}

/** The open pact, if any (a selection wins over it). */
function openNetwork(s: ExchangesState): ExchangeNetwork | null {
  const id = s.ctx.state.get('net');
  return (id && !s.ctx.state.get('sel') && s.networks.find((n) => n.id === id)) || null;
}

/** The flow layers for the map's zoom now. */
function drawFlows(s: ExchangesState): void {
  if (!s.model) return;
  const zoom = s.ctx.atlas.map.getZoom();
  s.drawnZoom = clusterZoom(s.model, zoom);
  s.shown = drawnAt(s.model, zoom);
  // The map's own label of the selection would lie under the flows that leave it: this one is drawn above them.
  const sel = s.ctx.state.get('sel');
  const node = sel ? s.shown.nodes.find((n) => n.id === sel) : undefined;
  s.ctx.atlas.leaveLabelTo(node ? node.id : null);
  const name = node ? selectionName(s, node) : null;
  s.ctx.atlas.setLayers('exchanges', flowLayers('xc', s.shown));
  // A group of its own, drawn over every other (a story's arcs too).
  s.ctx.atlas.setLayers(selectionNameGroup, name && [name], true);
}

const selectionNameGroup = 'exchanges-selection-name';

/** The selected place's name above its flows and circle, boxed. */
function selectionName(s: ExchangesState, node: FlowNode): Layer {
  // The name and size the map would give it (a story's place is drawn larger).
  const label = s.ctx.atlas.leftLabel();
  return new TextLayer<FlowNode>({
    id: 'exchange-selection-name',
    data: [node],
    getPosition: (n) => [n.lon, n.lat],
    getText: (n) => label?.name ?? n.name,
    getSize: label?.size ?? Math.round(labelSizes.named * labelScale(s.ctx.atlas.map.getContainer().clientWidth)),
    getColor: [17, 24, 39, 255],
    fontFamily: cssFontFamily,
    fontWeight: 700,
    fontSettings: { sdf: true },
    characterSet: 'auto',
    background: true,
    getBackgroundColor: [255, 255, 255, 235],
    backgroundPadding: [6, 3],
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'bottom',
    getPixelOffset: (n) => [0, -(nodeRadius(n.total) + 4)],
    // Over a story's arcs too, which rise towards the camera and would win the depth test.
    parameters: { depthCompare: 'always' },
  }) as unknown as Layer;
}

function draw(s: ExchangesState): void {
  const { ctx } = s;
  const all = s.store.all;
  if (!all) return;
  const items = visible(ctx, all);
  const sel = ctx.state.get('sel');
  const net = openNetwork(s);
  for (const b of s.panel.querySelectorAll<HTMLButtonElement>('[data-net]')) b.setAttribute('aria-pressed', String(b.dataset.net === net?.id));
  if (net) {
    s.model = s.shown = null;
    ctx.atlas.leaveLabelTo(null);
    ctx.atlas.setLayers(selectionNameGroup, null);
    ctx.atlas.setLayers('exchanges', networkLayers(net));
  } else {
    s.drawn = drawnAsFlows(items, sel);
    const { places, groups } = exchangeFlows(s.drawn, (e) => nameOfCode(ctx, e.code, e.name));
    // One place's flows stand alone; the whole country clusters by zoom.
    s.model = flowModel(places, groups, !sel);
    drawFlows(s);
    if (sel && s.frameSelection) frameSelection(s);
  }
  const counts = new Map<ExchangeKind, number>();
  for (const x of net ? [] : s.drawn) counts.set(x.kind, (counts.get(x.kind) ?? 0) + 1);
  const selName = sel ? nameOfCode(ctx, sel, all.find((x) => x.a.code === sel)?.a.name ?? sel) : null;
  ctx.setLegend(
    net
      ? html`<h4>${t('多者間協定', 'Multilateral pact')}</h4><div class="row"><span class="sw xk-sw xk-${net.kind}"></span><span>${net.name}</span><span class="xc-n">${fmtInt(net.members.length)}</span></div>`
      : html`
    <h4>${t('交流・協定の種別', 'Kind of exchange')}</h4>
    ${exchangeKinds.map((k) => html`<div class="row"><span class="sw xk-sw xk-${k}"></span><span>${label('exchangeKind', k)}</span><span class="xc-n">${fmtInt(counts.get(k) ?? 0)}</span></div>`)}
    <div class="note">${t('線の太さ・円の数字＝協定数。近い市町村は縮尺に応じてまとめます。', 'Line width and circle numbers = agreements; nearby places are grouped by zoom.')}</div>
    ${selName ? html`<div class="note">${t(`${selName}の交流のみ表示`, `${selName} only`)}</div>` : html`<div class="note">${t('多者間協定の組は左の一覧から', 'Multilateral pacts: see the list on the left')}</div>`}`,
  );
  const status = s.panel.querySelector('#xc-count');
  if (status)
    setHtml(
      status,
      html`${t(`表示中 ${fmtInt(items.length)}件 / 全${fmtInt(all.length)}件`, `Showing ${fmtInt(items.length)} of ${fmtInt(all.length)}`)}${selName ? html` · <b>${selName}</b> <button type="button" class="linkish" id="xc-clear">${t('選択解除', 'clear')}</button>` : ''}`,
    );
  s.panel.querySelector('#xc-clear')?.addEventListener('click', () => ctx.select(null));
}

/** What the flows have at a point of the map (on a line or a circle: the polygon beneath wins otherwise). */
function pickAt(s: ExchangesState, point: { x: number; y: number }): FlowPick | null {
  const map = s.ctx.atlas.map;
  return s.shown && pickFlow(s.shown, (p) => map.project(p), point);
}

/**
 * A click on the flows: a flow between two places opens their agreements, one between clusters frames them; a
 * single place's circle selects it. Returns false when the click is the polygon's (nothing, or a cluster's circle).
 */
function clickAt(s: ExchangesState, point: { x: number; y: number }): boolean {
  const p = pickAt(s, point);
  if (!p || !s.model) return false;
  const { ctx } = s;
  if (p.type === 'node') {
    if (p.node.places > 1 || !ctx.munis.has(p.node.id)) return false;
    ctx.select(p.node.id);
    return true;
  }
  const from = new Set(placesIn(s.model, p.origin.id));
  const to = new Set(placesIn(s.model, p.dest.id));
  const items = agreementsBetween(s.drawn, p.group as ExchangeKind, from, to);
  if (from.size === 1 && to.size === 1 && items[0]) showPair(s, items[0]);
  else {
    const points = [...from, ...to].map((c) => s.model!.places.get(c)!).filter(Boolean);
    ctx.frame({ bounds: pointBounds(points), maxZoom: 9 });
  }
  return true;
}

/** Frames the selected place and every partner it is drawn with (the flows would leave the screen otherwise). */
function frameSelection(s: ExchangesState): void {
  s.frameSelection = false;
  const points = [...(s.model?.places.values() ?? [])];
  if (points.length >= 2) s.ctx.frame({ bounds: pointBounds(points), maxZoom: 9 });
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
      const report = await api('/api/exchanges/import', { method: 'POST', query: dryRun ? { dryRun: 1 } : {}, headers: { 'content-type': 'text/csv' }, body: bytes });
      const showReport = () =>
        openReport(
          t('読み込みの結果', 'Import report'),
          reportSummary(report),
          exchangeReportLines(ctx, report),
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
    const s: ExchangesState = {
      ctx,
      panel,
      store: this.store,
      model: null,
      shown: null,
      drawn: [],
      drawnZoom: null,
      networks: [],
      frameSelection: Boolean(ctx.state.get('sel')) && !ctx.state.get('c'),
      detach: [],
    };
    this.s = s;
    const f = filters(ctx);
    setHtml(
      panel,
      html`
      <h2>${t('自治体間の交流・協定', 'Exchanges between municipalities')}</h2>
      <p class="sub">${t('姉妹都市・友好都市・災害時相互応援などの協定を線で表示し、縮尺に応じて近い市町村をまとめます。線をクリックすると協定の一覧と出典（まとまりは拡大）、市区町村をクリックするとその交流だけを表示します。', 'Sister-city, friendship, disaster-aid and other agreements as flows, nearby places grouped by zoom. Click a flow for the agreements and their sources (a group zooms in); click a municipality to show its flows only.')}</p>
      <fieldset class="xc-kinds"><legend>${t('種別', 'Kinds')}</legend>
        ${exchangeKinds.map((k) => html`<label><input type="checkbox" value="${k}" ${f.kinds.has(k) ? 'checked' : ''}/><span class="sw xk-sw xk-${k}"></span>${label('exchangeKind', k)}</label>`)}
      </fieldset>
      <div class="xc-years">
        <label class="field" for="xc-from">${t('締結年（から）', 'Year from')}</label><input id="xc-from" type="number" min="1850" max="2100" placeholder="1950" value="${f.from ?? ''}" />
        <label class="field" for="xc-to">${t('締結年（まで）', 'Year to')}</label><input id="xc-to" type="number" min="1850" max="2100" placeholder="2025" value="${f.to ?? ''}" />
      </div>
      <p class="sub">${t('年を指定すると締結年不明の協定は表示されません。', 'With a year range, agreements of unknown year are hidden.')}</p>
      <p id="xc-count" class="sub" aria-live="polite">${t('読み込み中…', 'Loading…')}</p>
      <div id="xc-networks"></div>
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
    panel.querySelector('#xc-networks')!.addEventListener('click', (e) => {
      const id = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-net]')?.dataset.net;
      if (!id) return;
      const open = id === ctx.state.get('net') && !ctx.state.get('sel');
      if (ctx.state.get('sel')) ctx.select(null);
      ctx.state.set({ net: open ? null : id });
    });
    installImport(s);
    const unsubscribe = ctx.state.subscribe((changed) => {
      if (['kinds', 'from', 'to', 'sel', 'net'].some((k) => changed.has(k))) draw(s);
      if (changed.has('net')) this.openNetworkPanel();
    });
    const onZoom = () => s.model && clusterZoom(s.model, ctx.atlas.map.getZoom()) !== s.drawnZoom && drawFlows(s);
    // Flows over the sea: no polygon there to pass the click on.
    const onSeaClick = (e: { point: { x: number; y: number } }) => {
      if (!ctx.atlas.map.queryRenderedFeatures([e.point.x, e.point.y], { layers: ['muni-fill'] }).length) clickAt(s, e.point);
    };
    ctx.atlas.map.on('zoomend', onZoom);
    ctx.atlas.map.on('click', onSeaClick);
    s.detach.push(
      unsubscribe,
      () => ctx.atlas.map.off('zoomend', onZoom),
      () => ctx.atlas.map.off('click', onSeaClick),
    );
    try {
      [, s.networks] = await Promise.all([loadAll(this.store), loadNetworks()]);
    } catch (err) {
      panel.querySelector('#xc-count')!.textContent = (err as Error).message;
      return;
    }
    if (this.s !== s) return;
    setHtml(panel.querySelector<HTMLElement>('#xc-networks')!, networkList(s.networks, ctx.state.get('net')));
    draw(s);
    this.openNetworkPanel();
  }

  /** Shows and frames the pact the URL names; closes a pact's panel when none is named. */
  private openNetworkPanel(): void {
    const s = this.s;
    if (!s) return;
    const net = openNetwork(s);
    if (!net) {
      if (document.querySelector('[data-testid="network-title"]')) s.ctx.closePanel();
      return;
    }
    showNetwork(s.ctx, net);
    s.ctx.frame({ bounds: networkBounds(net), maxZoom: 8 });
  }

  unmount(ctx: AppContext): void {
    for (const undo of this.s?.detach ?? []) undo();
    this.s = null;
    ctx.atlas.setLayers('exchanges', null);
    ctx.atlas.setLayers(selectionNameGroup, null);
    ctx.atlas.leaveLabelTo(null);
    ctx.setLegend(null);
  }

  onMapClick(_code: string, event: { point?: { x: number; y: number } }): boolean {
    return Boolean(this.s && event.point && clickAt(this.s, event.point));
  }

  pointerTooltip(point: { x: number; y: number }): Html | null {
    const p = this.s && pickAt(this.s, point);
    return p ? pickTooltip(p) : null;
  }

  onSelect(code: string | null, options: { keepCamera: boolean }): void {
    const s = this.s;
    if (!s || !code) return;
    // A selected place shows its own flows: an open pact gives way.
    if (s.ctx.state.get('net')) s.ctx.state.set({ net: null });
    if (options.keepCamera) return;
    s.frameSelection = true;
    // Drawn already (the selection redraws at once) unless the agreements are still on their way.
    if (s.model && s.store.all) frameSelection(s);
  }

  tooltip(m: Municipality): Html | null {
    const all = this.store.all;
    if (!all || !this.s) return null;
    const n = all.filter((x) => x.a.code === m.code || x.b.code === m.code).length;
    return n ? html`${t(`交流・協定 ${n}件`, `${n} agreement(s)`)}` : null;
  }
}

export const exchangesView: ViewBody = new ExchangesView();
