import type { Municipality } from '../../domain/records/municipalities.ts';
import { type ClassMethod, type MetricId, type MetricValues, classMethods, metricIds, metrics } from '../../domain/records/metrics.ts';
import { api } from '../api.ts';
import type { AppContext, View } from '../context.ts';
import type { AtlasMap } from '../map/atlas-map.ts';
import { fmtFigure, fmtMetric, unitLabel } from '../format.ts';
import { label, t } from '../i18n.ts';
import { classOf, divergingFor, sequential } from '../palette.ts';
import { downloadTable, exportButtons, onExport } from '../ui/export.ts';
import { type Html, html, setHtml } from '../ui/html.ts';
import type { IndicatorValues } from '../../domain/records/indicators.ts';
import { drawOwn, installOwn, ownIndicatorId, ownSection } from './explore-own.ts';

/** The metric, method and class count in the URL, with defaults and checks. */
export function choroplethSettings(state: AppContext['state']): { metric: MetricId; method: ClassMethod; classes: number } {
  const metric = (metricIds as readonly string[]).includes(state.get('metric') ?? '') ? (state.get('metric') as MetricId) : 'density';
  const method = (classMethods as readonly string[]).includes(state.get('method') ?? '') ? (state.get('method') as ClassMethod) : 'quantile';
  const classes = Math.min(9, Math.max(2, Number(state.get('classes')) || 5));
  return { metric, method, classes };
}

/** Colours per class for a metric's breaks (diverging metrics centred on their neutral value). */
export function classColours(metric: MetricId, breaks: number[]): string[] {
  const info = metrics[metric];
  return info.scale === 'diverging' ? divergingFor(breaks, info.center ?? 0) : sequential(breaks.length);
}

/** Renders a class legend: title with unit, one row per class, notes. */
export function legendFor(metric: MetricId, data: MetricValues, colours: string[], noData: number): HTMLElement {
  const info = metrics[metric];
  const el = document.createElement('div');
  const lower = [data.min, ...data.breaks.slice(0, -1)];
  setHtml(
    el,
    html`<h4>${label('metric', info.id)} <small>(${unitLabel(info.unit)})</small></h4>${data.breaks.map(
      (b, i) => html`<div class="row"><span class="sw" data-colour="${colours[i]}"></span>${fmtMetric(info, lower[i])} – ${fmtMetric(info, b)}</div>`,
    )}${noData > 0 && html`<div class="row"><span class="sw" data-colour="#eceae4"></span>${t('データなし', 'No data')} (${noData})</div>`}<div class="note">${label('classMethod', data.method)}${
      info.estimated && html` · <span class="badge est">${t('東京都以外は推計値', 'estimate outside Tokyo')}</span>`
    }${
      info.projected &&
      html` · <span class="badge est">${t('将来推計（社人研 令和5年推計）', 'projection (IPSS 2023)')}</span>${
        noData > 0 && html`<br>${t('浜通り13市町村は地域一括の推計のみ公表（データなし）', 'The 13 浜通り municipalities are projected only as one group (no data)')}`
      }`
    }${info.derived && html` · <span class="badge est" data-testid="derived">${t(info.derived.ja, info.derived.en)}</span>`}</div>`,
  );
  // Colours go through the CSSOM: the content security policy refuses inline style attributes.
  for (const sw of el.querySelectorAll<HTMLElement>('.sw[data-colour]')) sw.style.background = sw.dataset.colour!;
  return el;
}

/** What the view holds while mounted. */
interface ExploreState {
  ctx: AppContext;
  /** False once the view is unmounted: values that arrive later are not drawn. */
  alive: boolean;
  /** The metric values drawn (for the tooltip and the CSV), and the request they answer. */
  shown: Answer | null;
  /** The own indicator drawn instead of the metric (URL key ind), or null. */
  own: IndicatorValues | null;
  /** Refreshes the own-indicator section (list, comparison). */
  refreshOwn: () => Promise<void>;
  /** Stops following the URL. */
  unsubscribe: () => void;
}

/** Metric values and the request they answer (same settings, same answer). */
interface Answer {
  path: string;
  data: MetricValues;
}

const metricPath = (settings: ReturnType<typeof choroplethSettings>) => `/api/metrics/${settings.metric}?classes=${settings.classes}&method=${settings.method}`;
const metricValues = ({ metric, classes, method }: ReturnType<typeof choroplethSettings>) => api('/api/metrics/:metric', { metric }, { query: { classes, method } });

/** Colours the map by the metric's classes; returns the class colours and the count without data. */
function paint(atlas: AtlasMap, data: MetricValues): { colours: string[]; noData: number } {
  const colours = classColours(data.metric, data.breaks);
  const fill = new Map<string, string>();
  let noData = 0;
  for (const [code, v] of Object.entries(data.values)) {
    if (v === null) noData++;
    else fill.set(code, colours[classOf(v, data.breaks)]);
  }
  atlas.setFillColours(fill);
  return { colours, noData };
}

async function draw(s: ExploreState): Promise<void> {
  const { ctx } = s;
  const own = ownIndicatorId(ctx);
  if (own) {
    const { classes, method } = choroplethSettings(ctx.state);
    const data = await drawOwn(ctx, own, classes, method);
    if (!s.alive) return;
    s.own = data;
    return s.refreshOwn();
  }
  if (s.own) {
    s.own = null;
    void s.refreshOwn();
  }
  const settings = choroplethSettings(ctx.state);
  const path = metricPath(settings);
  const data = path === s.shown?.path ? s.shown.data : await metricValues(settings);
  if (!s.alive) return;
  s.shown = { path, data };
  const { colours, noData } = paint(ctx.atlas, data);
  ctx.setLegend(legendFor(data.metric, data, colours, noData));
}

/** Explore: a choropleth of any census metric, with the classification chosen by the user. */
class ExploreView implements View {
  readonly id = 'explore';
  private s: ExploreState | null = null;
  /** What prepare() fetched before the first mount. */
  private prepared: Answer | null = null;

  label(): string {
    return t('探索', 'Explore');
  }

  async prepare(atlas: AtlasMap, state: AppContext['state']): Promise<void> {
    // The metric is asked for at once and painted as soon as the style exists: the tiles arrive coloured.
    const settings = choroplethSettings(state);
    const path = metricPath(settings);
    const [data] = await Promise.all([metricValues(settings), atlas.styleReady]);
    this.prepared = { path, data };
    paint(atlas, data);
  }

  mount(ctx: AppContext, panel: HTMLElement): Promise<void> {
    const s: ExploreState = { ctx, alive: true, shown: this.prepared, own: null, refreshOwn: async () => undefined, unsubscribe: () => undefined };
    this.prepared = null;
    this.s = s;
    const { metric, method, classes } = choroplethSettings(ctx.state);
    setHtml(
      panel,
      html`
      <h2>${t('市区町村の指標', 'Municipal indicators')}</h2>
      <p class="sub">${t('1,741市区町村を国勢調査の指標で色分けします。', 'All 1,741 municipalities coloured by a census metric.')}</p>
      <label class="field" for="metric">${t('指標', 'Metric')}</label>
      <select id="metric">${metricIds.map((id) => html`<option value="${id}" ${id === metric ? 'selected' : ''}>${label('metric', id)}</option>`)}</select>
      <label class="field" for="method">${t('分類方法', 'Classification')}</label>
      <select id="method">${classMethods.map((m) => html`<option value="${m}" ${m === method ? 'selected' : ''}>${label('classMethod', m)}</option>`)}</select>
      <label class="field" for="classes">${t('階級数', 'Classes')}</label>
      <select id="classes">${[3, 4, 5, 6, 7, 8, 9].map((n) => html`<option ${n === classes ? 'selected' : ''}>${n}</option>`)}</select>
      <div class="btn-row">${exportButtons('export', t('CSVで書き出す（全市区町村）', 'Export CSV (all municipalities)'))}</div>
      <p class="sub hint">${t('地図をクリックすると詳細を表示します。検索欄では漢字・かな・ローマ字・団体コードで探せます。', 'Click the map for details. Search above by name, kana, romaji or code.')}</p>
      ${ownSection()}`,
    );
    s.refreshOwn = installOwn(ctx, panel.querySelector<HTMLElement>('#own-ind')!, () => s.own).refresh;
    void s.refreshOwn().catch((err: Error) => ctx.toast(err.message));
    for (const id of ['metric', 'method', 'classes']) {
      // Choosing a built-in metric stops drawing an own indicator.
      panel
        .querySelector<HTMLSelectElement>(`#${id}`)!
        .addEventListener('change', (e) => ctx.state.set({ [id]: (e.target as HTMLSelectElement).value, ...(id === 'metric' ? { ind: null } : {}) }));
    }
    onExport(
      panel,
      'export',
      (format) => {
        if (s.own) {
          const own = s.own;
          return downloadTable(
            `renkei-atlas-${own.id}`,
            format,
            [t('団体コード', 'code'), t('都道府県', 'prefecture'), t('市区町村', 'municipality'), own.unit ? `${own.name} (${own.unit})` : own.name],
            [...ctx.munis.values()].map((m) => [m.code, m.prefName, m.name, own.values[m.code] ?? null]),
          );
        }
        const data = s.shown?.data;
        if (!data) return;
        const info = metrics[data.metric];
        const rows = [...ctx.munis.values()].map((m) => [m.code, m.prefName, m.name, data.values[m.code] ?? null]);
        return downloadTable(
          `renkei-atlas-${data.metric}`,
          format,
          [t('団体コード', 'code'), t('都道府県', 'prefecture'), t('市区町村', 'municipality'), `${label('metric', info.id)} (${info.unit})`],
          rows,
        );
      },
      (err) => ctx.toast(err.message),
    );
    s.unsubscribe = ctx.state.subscribe((changed) => {
      if (['metric', 'method', 'classes', 'ind'].some((k) => changed.has(k))) {
        const settings = choroplethSettings(ctx.state);
        panel.querySelector<HTMLSelectElement>('#metric')!.value = settings.metric;
        panel.querySelector<HTMLSelectElement>('#method')!.value = settings.method;
        panel.querySelector<HTMLSelectElement>('#classes')!.value = String(settings.classes);
        void draw(s).catch((err: Error) => ctx.toast(err.message));
      }
    });
    return draw(s);
  }

  unmount(ctx: AppContext): void {
    if (this.s) {
      this.s.unsubscribe();
      this.s.alive = false;
    }
    this.s = null;
    ctx.atlas.setFillColours(null);
    ctx.setLegend(null);
  }

  tooltip(m: Municipality): Html | null {
    const own = this.s?.own;
    if (own) return html`${own.name}: <b>${fmtFigure(own.values[m.code], own.unit)}</b>`;
    const current = this.s?.shown?.data;
    if (!current) return null;
    const info = metrics[current.metric];
    const est = info.estimated && m.dayNightEstimated && html` <span class="badge est">${t('推計', 'estimate')}</span>`;
    return html`${label('metric', info.id)}: <b>${fmtMetric(info, current.values[m.code])}</b>${est}`;
  }
}

export const exploreView: View = new ExploreView();
