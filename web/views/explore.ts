import type { Municipality } from '../../domain/records/municipalities.ts';
import { type ClassMethod, type MetricId, type MetricValues, classMethods, metricIds, metrics } from '../../domain/records/metrics.ts';
import { api } from '../api.ts';
import type { AppContext, View } from '../context.ts';
import type { AtlasMap } from '../map/atlas-map.ts';
import { esc, fmtMetric, unitLabel } from '../format.ts';
import { label, t } from '../i18n.ts';
import { classOf, divergingFor, sequential } from '../palette.ts';
import { downloadCsv } from '../ui/export.ts';

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
  el.innerHTML =
    `<h4>${esc(label('metric', info.id))} <small>(${esc(unitLabel(info.unit))})</small></h4>` +
    data.breaks
      .map((b, i) => `<div class="row"><span class="sw" data-colour="${colours[i]}"></span>${esc(fmtMetric(info, lower[i]))} – ${esc(fmtMetric(info, b))}</div>`)
      .join('') +
    (noData ? `<div class="row"><span class="sw" data-colour="#eceae4"></span>${t('データなし', 'No data')} (${noData})</div>` : '') +
    `<div class="note">${esc(label('classMethod', data.method))}` +
    (info.estimated ? ` · <span class="badge est">${t('東京都以外は推計値', 'estimate outside Tokyo')}</span>` : '') +
    (info.projected
      ? ` · <span class="badge est">${t('将来推計（社人研 令和5年推計）', 'projection (IPSS 2023)')}</span>` +
        (noData ? `<br>${t('浜通り13市町村は地域一括の推計のみ公表（データなし）', 'The 13 浜通り municipalities are projected only as one group (no data)')}` : '')
      : '') +
    (info.derived ? ` · <span class="badge est" data-testid="derived">${esc(t(info.derived.ja, info.derived.en))}</span>` : '') +
    `</div>`;
  // Colours go through the CSSOM: the content security policy refuses inline style attributes.
  for (const sw of el.querySelectorAll<HTMLElement>('.sw[data-colour]')) sw.style.background = sw.dataset.colour!;
  return el;
}

let current: MetricValues | null = null;
/** The request `current` answers (same settings, same answer). */
let currentPath: string | null = null;
let unsubscribe: (() => void) | null = null;

const metricPath = (s: ReturnType<typeof choroplethSettings>) => `/api/metrics/${s.metric}?classes=${s.classes}&method=${s.method}`;

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

async function draw(ctx: AppContext): Promise<void> {
  const path = metricPath(choroplethSettings(ctx.state));
  const data = path === currentPath && current ? current : await api<MetricValues>(path);
  current = data;
  currentPath = path;
  const { colours, noData } = paint(ctx.atlas, data);
  ctx.setLegend(legendFor(data.metric, data, colours, noData));
}

/** Explore: a choropleth of any census metric, with the classification chosen by the user. */
export const exploreView: View = {
  id: 'explore',
  label: () => t('探索', 'Explore'),
  async prepare(atlas, state) {
    // The metric is asked for at once and painted as soon as the style exists: the tiles arrive coloured.
    const path = metricPath(choroplethSettings(state));
    const [data] = await Promise.all([api<MetricValues>(path), atlas.styleReady]);
    current = data;
    currentPath = path;
    paint(atlas, data);
  },
  mount(ctx, panel) {
    const { metric, method, classes } = choroplethSettings(ctx.state);
    panel.innerHTML = `
      <h2>${t('市区町村の指標', 'Municipal indicators')}</h2>
      <p class="sub">${t('1,741市区町村を国勢調査の指標で色分けします。', 'All 1,741 municipalities coloured by a census metric.')}</p>
      <label class="field" for="metric">${t('指標', 'Metric')}</label>
      <select id="metric">${metricIds.map((id) => `<option value="${id}" ${id === metric ? 'selected' : ''}>${esc(label('metric', id))}</option>`).join('')}</select>
      <label class="field" for="method">${t('分類方法', 'Classification')}</label>
      <select id="method">${classMethods.map((m) => `<option value="${m}" ${m === method ? 'selected' : ''}>${esc(label('classMethod', m))}</option>`).join('')}</select>
      <label class="field" for="classes">${t('階級数', 'Classes')}</label>
      <select id="classes">${[3, 4, 5, 6, 7, 8, 9].map((n) => `<option ${n === classes ? 'selected' : ''}>${n}</option>`).join('')}</select>
      <div class="btn-row"><button type="button" class="btn secondary" id="export-csv">${t('CSVで書き出す（全市区町村）', 'Export CSV (all municipalities)')}</button></div>
      <p class="sub hint">${t('地図をクリックすると詳細を表示します。検索欄では漢字・かなで探せます。', 'Click the map for details. Search by kanji or kana above.')}</p>`;
    for (const id of ['metric', 'method', 'classes']) {
      panel.querySelector<HTMLSelectElement>(`#${id}`)!.addEventListener('change', (e) => ctx.state.set({ [id]: (e.target as HTMLSelectElement).value }));
    }
    panel.querySelector('#export-csv')!.addEventListener('click', () => {
      if (!current) return;
      const info = metrics[current.metric];
      const rows = [...ctx.munis.values()].map((m) => [m.code, m.prefName, m.name, current!.values[m.code] ?? '']);
      downloadCsv(
        `renkei-atlas-${current.metric}.csv`,
        [t('団体コード', 'code'), t('都道府県', 'prefecture'), t('市区町村', 'municipality'), `${label('metric', info.id)} (${info.unit})`],
        rows,
      );
    });
    unsubscribe = ctx.state.subscribe((changed) => {
      if (['metric', 'method', 'classes'].some((k) => changed.has(k))) {
        const s = choroplethSettings(ctx.state);
        panel.querySelector<HTMLSelectElement>('#metric')!.value = s.metric;
        panel.querySelector<HTMLSelectElement>('#method')!.value = s.method;
        panel.querySelector<HTMLSelectElement>('#classes')!.value = String(s.classes);
        void draw(ctx).catch((err: Error) => ctx.toast(err.message));
      }
    });
    return draw(ctx);
  },
  unmount(ctx) {
    unsubscribe?.();
    unsubscribe = null;
    current = null;
    currentPath = null;
    ctx.atlas.setFillColours(null);
    ctx.setLegend(null);
  },
  tooltip(m: Municipality) {
    if (!current) return null;
    const info = metrics[current.metric];
    const est = info.estimated && m.dayNightEstimated ? ` <span class="badge est">${t('推計', 'estimate')}</span>` : '';
    return `${esc(label('metric', info.id))}: <b>${esc(fmtMetric(info, current.values[m.code]))}</b>${est}`;
  },
};
