import type { Topology } from 'topojson-specification';
import type { Municipality } from '../domain/records/municipalities.ts';
import { adoptTokenFromUrl, api } from './api.ts';
import type { AppContext, View } from './context.ts';
import { type Lang, getLang, setLang, t } from './i18n.ts';
import { AtlasMap } from './map/atlas-map.ts';
import { UrlState } from './state.ts';
import { Html, html, setHtml } from './ui/html.ts';
import { showMunicipality } from './ui/municipality-panel.ts';
import { installSearch } from './ui/search.ts';
import { installToolbar } from './ui/toolbar.ts';
import { views } from './views/index.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function boot(): Promise<void> {
  adoptTokenFromUrl();
  const state = new UrlState();
  setLang(state.get('lang') === 'en' ? 'en' : 'ja');
  let view: View = views.find((v) => v.id === state.get('view')) ?? views[0];
  // Labels first, so the top bar never shows empty buttons while the data loads.
  renderChrome();

  // The map starts at once, beside the data calls: its style, tiles and labels come from this server, and the
  // opening view may colour it (by feature-state) before the first tile arrives.
  const atlas = new AtlasMap($('map'), state.get('c') ? state.camera : null);
  const prepared = view.prepare?.(atlas, state);
  // One colouring pass: the first frame waits for the opening view's colours rather than drawing the map twice.
  if (prepared) atlas.holdFirstFrameFor(prepared);
  // Explore draws from its metric and the tiles alone: the list of every municipality (search, tooltips, details;
  // 0.8 MB of JSON) is read once the map is drawn, so parsing it does not hold up the first frame. A link to another
  // view or to a selected place needs it first.
  const listLater = view === views[0] && !state.get('sel');
  const listRequest = listLater ? null : api('/api/municipalities');
  const [prefectures, sources] = await Promise.all([api('/api/prefectures'), api('/api/sources'), atlas.styleReady]);
  // The first map (all of Japan) is labelled with the prefectures: their glyphs are drawn while the tiles load.
  if (!state.get('c')) void atlas.prewarmPrefectureLabels(prefectures.items.map((p) => (getLang() === 'en' && p.nameRomaji ? p.nameRomaji : p.name)));
  const munis = new Map<string, Municipality>();
  const loadList = async () => {
    const list = await (listRequest ?? api('/api/municipalities'));
    for (const m of list.items) munis.set(m.code, m);
    atlas.setPlaces(list.items);
    installSearch($('search') as HTMLInputElement, $('search-list') as HTMLUListElement, list.items, (m: Municipality) => ctx.select(m.code, { fly: true }));
  };
  let topology: Promise<Topology> | null = null;

  const rightPanel = $('right');
  const tooltip = $('tooltip');
  let toastTimer = 0;

  const ctx: AppContext = {
    atlas,
    state,
    munis,
    prefectures: prefectures.items,
    boundaries() {
      topology ??= api('/api/boundaries');
      // A failed fetch is tried again on the next call.
      topology.catch(() => (topology = null));
      return topology;
    },
    sources,
    select(code, options = {}) {
      const m = code ? munis.get(code) : undefined;
      state.set({ sel: m ? m.code : null });
      atlas.setSelected(m ? [m.code] : []);
      if (m) {
        void showMunicipality(ctx, m.code);
        // The details panel opens now, so the place is framed beside it rather than under it.
        rightPanel.hidden = false;
        if (options.fly) atlas.frame({ lon: m.lon, lat: m.lat, zoom: Math.max(atlas.map.getZoom(), 9) }, 1600);
      } else ctx.closePanel();
      view.onSelect?.(m ? m.code : null, { keepCamera: options.fly === false });
    },
    showPanel(content) {
      rightPanel.hidden = false;
      const body = $('right-body');
      if (content instanceof Html) setHtml(body, content);
      else body.replaceChildren(content);
      return body;
    },
    closePanel() {
      rightPanel.hidden = true;
    },
    setLegend(content) {
      const legend = $('legend');
      if (content === null) legend.replaceChildren();
      else if (content instanceof Html) setHtml(legend, content);
      else legend.replaceChildren(content);
      // The heading folds the legend (folded by default on phones, where it would cover the map).
      const heading = legend.querySelector('h4');
      if (heading) {
        heading.tabIndex = 0;
        heading.setAttribute('role', 'button');
        heading.setAttribute('aria-expanded', String(!legend.classList.contains('collapsed')));
      }
    },
    frame(target) {
      atlas.frame(target);
    },
    toast(message) {
      const el = $('toast');
      el.textContent = message;
      el.hidden = false;
      clearTimeout(toastTimer);
      toastTimer = window.setTimeout(() => (el.hidden = true), 4000);
    },
    async setView(id, keys = {}) {
      state.set(keys, { silent: true });
      await switchView(id, true);
    },
    viewById: (id) => views.find((v) => v.id === id),
    rerender() {
      atlas.setLanguage(getLang());
      renderChrome();
      renderAttribution();
      void switchView(view.id, true);
    },
  };

  function renderChrome(): void {
    document.title = t('連携アトラス — 自治体間連携の地図', 'Renkei Atlas — how Japanese municipalities work together');
    $('lang').textContent = getLang() === 'ja' ? 'English' : '日本語';
    $('lang').setAttribute('aria-label', t('英語に切り替え', 'Switch to Japanese'));
    $('share').textContent = t('リンクをコピー', 'Copy link');
    $('more').setAttribute('aria-label', t('その他の操作', 'More actions'));
    setHtml($('tabs'), html`${views.map((v) => html`<button type="button" role="tab" data-view="${v.id}" aria-selected="${String(v.id === view.id)}">${v.label()}</button>`)}`);
    $('search').setAttribute('placeholder', t('市区町村を検索', 'Search municipalities'));
    $('search').setAttribute('aria-label', t('市区町村を検索', 'Search municipalities'));
    $('search').title = t('名前・かな・ローマ字・団体コードで検索', 'Search by name, kana, romaji or code');
  }

  function renderAttribution(): void {
    const footer = $('attribution');
    setHtml(
      footer,
      html`<span class="credits">${sources.items.map((s) => html`<span title="${`${s.name} · ${s.vintage} · ${s.licence}`}">${s.attribution}</span>`)}</span><button type="button" id="credits-all" class="linklike" aria-expanded="${String(footer.classList.contains('expanded'))}">${t('全文', 'All')}</button><button type="button" id="sources-more" class="linklike">${t('出典・ライセンス', 'Sources & licences')}</button>`,
    );
    $('sources-more').addEventListener('click', showSources);
    $('credits-all').addEventListener('click', (e) => {
      const open = footer.classList.toggle('expanded');
      (e.currentTarget as HTMLElement).setAttribute('aria-expanded', String(open));
    });
  }

  /** Every dataset with its vintage, licence and link, in the right panel. */
  function showSources(): void {
    ctx.showPanel(html`<h2>${t('出典・ライセンス', 'Sources & licences')}</h2>
      <p class="sub">${t('地図・数値・圏域・交流の出典です。昼夜間人口比率は東京都以外は推計値です。', 'Where the map, figures, regions and exchanges come from. The day/night ratio is an estimate outside Tokyo.')}</p>
      ${sources.items.map((s) => html`<h3>${s.name}</h3><table class="kv"><tr><th>${t('時点', 'Vintage')}</th><td>${s.vintage}</td></tr><tr><th>${t('ライセンス', 'Licence')}</th><td>${s.licence}</td></tr></table><p class="sub">${s.attribution}<br><a href="${s.url}" rel="noreferrer" target="_blank">${s.url}</a></p>`)}
      <p class="sub">${t(`昼夜間人口比率の推計（居住者 − 就業者 + 従業者）は、実測値のある東京都の市町村で平均${sources.dayNightEstimateErrorPoints}ポイントの誤差です。`, `The day/night estimate (residents − employed residents + jobs) is off by ${sources.dayNightEstimateErrorPoints} points on average on Tokyo's measured cities, towns and villages.`)}</p>`);
  }

  async function switchView(id: string, force = false): Promise<void> {
    const next = views.find((v) => v.id === id) ?? views[0];
    if (next === view && !force && view.id === (state.get('view') ?? views[0].id)) return;
    view.unmount(ctx);
    // The last view's panel (a region, a pair, a ranking item) belongs to it, not to the next view.
    if (next !== view) ctx.closePanel();
    view = next;
    state.set({ view: view.id === views[0].id ? null : view.id }, { silent: true });
    for (const b of $('tabs').querySelectorAll<HTMLButtonElement>('button')) b.setAttribute('aria-selected', String(b.dataset.view === view.id));
    const panel = $('left-body');
    panel.replaceChildren();
    try {
      await view.mount(ctx, panel);
    } catch (err) {
      setHtml(panel, html`<p class="empty">${(err as Error).message}</p>`);
    }
  }

  // Pointer: the view's own object under it (a flow) or else the municipality, with its outline: one tooltip at a time.
  const showTooltip = (content: Html | null, point: { x: number; y: number }) => {
    tooltip.hidden = !content;
    if (!content) return;
    setHtml(tooltip, content);
    tooltip.style.left = `${point.x + 14}px`;
    tooltip.style.top = `${point.y + 14}px`;
  };
  atlas.map.on('mousemove', (e) => {
    const own = view.pointerTooltip?.(e.point) ?? null;
    const code = own ? undefined : (atlas.map.queryRenderedFeatures(e.point, { layers: ['muni-fill'] })[0]?.properties?.code as string | undefined);
    const m = code ? munis.get(code) : undefined;
    atlas.setHovered(m ? m.code : null);
    atlas.map.getCanvas().style.cursor = own || m ? 'pointer' : '';
    const extra = m ? view.tooltip?.(m) : null;
    showTooltip(own ?? (m ? html`<b>${m.name}</b> <small>${m.prefName}</small>${extra && html`<br>${extra}`}` : null), e.point);
  });
  atlas.map.getCanvasContainer().addEventListener('mouseleave', () => {
    atlas.setHovered(null);
    tooltip.hidden = true;
    atlas.map.getCanvas().style.cursor = '';
  });
  atlas.map.on('click', 'muni-fill', (e) => {
    const code = e.features?.[0]?.properties?.code as string | undefined;
    if (!code) return;
    if (view.onMapClick?.(code, { shiftKey: e.originalEvent.shiftKey, point: e.point })) return;
    ctx.select(code);
  });
  atlas.map.on('moveend', () => state.setCamera(atlas.camera()));

  // What covers the map, for framing places and regions in the part that stays visible.
  atlas.setInsets(() => {
    const map = $('map').getBoundingClientRect();
    // Not offsetParent: it is null for the phone's fixed details sheet, which would then be taken for hidden.
    const cover = (el: HTMLElement) => (el.hidden || el.getClientRects().length === 0 ? null : el.getBoundingClientRect());
    const right = cover(rightPanel);
    const legend = cover($('legend'));
    const phone = matchMedia('(max-width: 768px)').matches;
    return {
      top: legend && legend.height > 0 && legend.width < map.width / 2 ? Math.max(0, legend.bottom - map.top) : 0,
      right: right && !phone ? Math.max(0, map.right - right.left) : 0,
      bottom: (right && phone ? Math.max(0, map.bottom - right.top) : 0) + $('attribution').offsetHeight,
      left: 0,
    };
  });
  const legendEl = $('legend');
  if (matchMedia('(max-width: 768px)').matches) legendEl.classList.add('collapsed');
  const toggleLegend = () => {
    legendEl.classList.toggle('collapsed');
    legendEl.querySelector('h4')?.setAttribute('aria-expanded', String(!legendEl.classList.contains('collapsed')));
  };
  legendEl.addEventListener('click', (e) => {
    if ((e.target as HTMLElement).closest('h4')) toggleLegend();
  });
  legendEl.addEventListener('keydown', (e) => {
    if ((e.key === 'Enter' || e.key === ' ') && (e.target as HTMLElement).closest('h4')) {
      e.preventDefault();
      toggleLegend();
    }
  });
  // Phones: the top-bar actions live behind a "more" button.
  $('more').addEventListener('click', () => {
    const open = $('top-actions').classList.toggle('open');
    $('more').setAttribute('aria-expanded', String(open));
  });
  $('top-actions').addEventListener('click', () => {
    $('top-actions').classList.remove('open');
    $('more').setAttribute('aria-expanded', 'false');
  });

  // The legend and the scale bar sit above the attribution footer, however many lines it takes.
  new ResizeObserver(([entry]) => {
    document.querySelector<HTMLElement>('.map-wrap')!.style.setProperty('--attribution-h', `${Math.ceil(entry.borderBoxSize[0].blockSize)}px`);
  }).observe($('attribution'));

  $('tabs').addEventListener('click', (e) => {
    const id = (e.target as HTMLElement).closest<HTMLButtonElement>('button')?.dataset.view;
    if (id) void switchView(id);
  });
  $('lang').addEventListener('click', () => {
    const next: Lang = getLang() === 'ja' ? 'en' : 'ja';
    setLang(next);
    state.set({ lang: next === 'ja' ? null : next }, { silent: true });
    ctx.rerender();
    const sel = state.get('sel');
    if (sel && !rightPanel.hidden) void showMunicipality(ctx, sel);
  });
  installToolbar(ctx);
  $('right-close').addEventListener('click', () => ctx.select(null));
  document.querySelector('[data-collapse="left"]')!.addEventListener('click', (e) => {
    const left = $('left');
    left.classList.toggle('collapsed');
    (e.currentTarget as HTMLElement).textContent = left.classList.contains('collapsed') ? '›' : '‹';
    // Resize after the panel's width changed so the map fills the space without jumping.
    requestAnimationFrame(() => atlas.map.resize());
  });
  state.subscribe((changed) => {
    if (changed.has('view')) void switchView(state.get('view') ?? views[0].id);
    view.onStateChange?.(changed);
  });

  renderAttribution();
  if (!listLater) await loadList();
  await prepared?.catch(() => undefined);
  await switchView(view.id, true);
  if (listLater) {
    await atlas.ready;
    $('loading').hidden = true;
    // The first map is drawn (the benchmark's mark); the page is ready once the list is in.
    Object.assign(window, { atlas: { map: atlas.map, state, ctx, drawn: true, ready: false } });
    await loadList();
  }
  const sel = state.get('sel');
  // A link with a selection but no camera shows the selected place.
  if (sel && munis.has(sel)) ctx.select(sel, { fly: !state.get('c') });
  await atlas.ready;
  $('loading').hidden = true;
  // A handle for debugging and for the browser tests.
  Object.assign(window, { atlas: { map: atlas.map, state, ctx, drawn: true, ready: true } });
}

boot().catch((err: Error) => {
  const el = $('loading');
  el.hidden = false;
  setHtml(
    el,
    html`<div><b>${t('地図を読み込めませんでした。', 'The atlas could not load.')}</b><br>${err.message}<br>${t('サーバーが起動しているか確認し、再読み込みしてください。', 'Check that the server is running, then reload.')}</div>`,
  );
});
