/**
 * Explore's own indicators: upload a CSV or .xlsx of a figure per municipality (checked row by row in the import
 * report), pick a saved one to draw as a choropleth with the classes of the built-in metrics, and compare it with any
 * built-in metric (scatter and Pearson's r). URL key: ind (the indicator drawn instead of the metric).
 */
import type { IndicatorReport, IndicatorValues } from '../../domain/records/indicators.ts';
import { metricIds, metrics } from '../../domain/records/metrics.ts';
import { pairedValues, pearson } from '../../domain/scoring/indicators.ts';
import { type ApiClientError, api, canWrite } from '../api.ts';
import type { AppContext } from '../context.ts';
import { fmtFigure, fmtInt, fmtMetric } from '../format.ts';
import { label, t } from '../i18n.ts';
import { classOf, sequential } from '../palette.ts';
import { type Html, html, setHtml } from '../ui/html.ts';
import type { Places } from '../names.ts';
import { type ReportLine, openReport, placeText, problemLine, viaText } from '../ui/import-report.ts';

/** The indicator drawn, from the URL (null: a built-in metric is drawn). */
export const ownIndicatorId = (ctx: AppContext): string | null => ctx.state.get('ind') ?? null;

/** Fetches an indicator with the classes asked for, colours the map and sets its legend. */
export async function drawOwn(ctx: AppContext, id: string, classes: number, method: string): Promise<IndicatorValues> {
  const data = await api('/api/indicators/:id', { id }, { query: { classes, method } });
  const colours = sequential(data.breaks.length);
  const fill = new Map<string, string>();
  for (const [code, v] of Object.entries(data.values)) fill.set(code, colours[classOf(v, data.breaks)]!);
  ctx.atlas.setFillColours(fill);
  const lower = [data.min, ...data.breaks.slice(0, -1)];
  const noData = ctx.munis.size - fill.size;
  const el = document.createElement('div');
  el.dataset.testid = 'own-legend';
  setHtml(
    el,
    html`<h4>${data.name}${data.unit && html` <small>(${data.unit})</small>`}</h4>${data.breaks.map(
      (b, i) => html`<div class="row"><span class="sw" data-colour="${colours[i]}"></span>${fmtFigure(lower[i], data.unit)} – ${fmtFigure(b, data.unit)}</div>`,
    )}${noData > 0 && html`<div class="row"><span class="sw" data-colour="#eceae4"></span>${t('データなし', 'No data')} (${fmtInt(noData)})</div>`}<div class="note">${label('classMethod', data.method)} · ${t('自分の指標', 'own indicator')}${data.fileName && html` · ${data.fileName}`}</div>`,
  );
  for (const sw of el.querySelectorAll<HTMLElement>('.sw[data-colour]')) sw.style.background = sw.dataset.colour!;
  ctx.setLegend(el);
  return data;
}

/** The report lines of an indicator upload: each problem, and each row taken (with how a former name was read). */
function reportLines(places: Places, r: IndicatorReport): ReportLine[] {
  return r.rows.flatMap((row): ReportLine[] =>
    row.status === 'error'
      ? row.problems.map((p) => problemLine(places, row.line, p, p.field === 'place' ? row.written.place : row.written.value))
      : [
          {
            line: row.line,
            status: 'ok',
            field: null,
            written: `${row.written.place} · ${row.written.value}`,
            reason: `${placeText(places, row.place!)} = ${row.value}`,
            suggestion: viaText(places, row.place),
          },
        ],
  );
}

/** The section's markup (filled by {@link installOwn}). */
export function ownSection(): Html {
  return html`<section class="own-ind" id="own-ind" aria-labelledby="own-ind-h">
    <h3 id="own-ind-h">${t('自分の指標', 'Your own indicators')}</h3>
    <div id="own-ind-list"></div>
    <details id="own-ind-upload"><summary>${t('CSV・Excelを読み込む', 'Load a CSV or Excel file')}</summary>
      <p class="sub">${t('列：団体コード（code）または市区町村（name、都道府県を加えても可）と値。UTF-8・Shift_JIS・.xlsx。旧市町村名も読めます。', 'Columns: code or name (with prefecture if you like) and a value. UTF-8, Shift_JIS or .xlsx; former names are understood.')}</p>
      ${canWrite() ? '' : html`<p class="xc-warn">${t('書き込み用トークンがありません（起動時の「?token=…」付きURLで開き直してください）。', 'No write token in this session (reopen with the "?token=…" link printed at start).')}</p>`}
      <label class="field" for="ind-file">${t('ファイル', 'File')}</label>
      <input id="ind-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ${canWrite() ? '' : 'disabled'} />
      <label class="field" for="ind-name">${t('名前（空欄なら列名）', 'Name (default: the column header)')}</label>
      <input id="ind-name" type="text" maxlength="80" />
      <label class="field" for="ind-unit">${t('単位', 'Unit')}</label>
      <input id="ind-unit" type="text" maxlength="20" />
      <div class="btn-row"><button type="button" class="btn secondary" id="ind-dry" disabled>${t('内容を確認', 'Check')}</button><button type="button" class="btn" id="ind-go" disabled>${t('保存する', 'Save')}</button></div>
      <p class="sub" id="ind-status" aria-live="polite"></p>
    </details>
    <div id="own-ind-compare"></div>
  </section>`;
}

/** A small scatter of the indicator (x) against a built-in metric (y), as SVG (no inline styles: the CSP refuses them). */
function scatter(pairs: { x: number; y: number }[]): Html {
  const w = 260;
  const h = 180;
  const pad = 8;
  const xs = pairs.map((p) => p.x);
  const ys = pairs.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (v: number) => pad + ((v - x0) / (x1 - x0 || 1)) * (w - 2 * pad);
  const sy = (v: number) => h - pad - ((v - y0) / (y1 - y0 || 1)) * (h - 2 * pad);
  return html`<svg class="own-scatter" viewBox="0 0 ${w} ${h}" width="100%" role="img" aria-label="${t('散布図', 'Scatter plot')}"><rect x="0.5" y="0.5" width="${w - 1}" height="${h - 1}" fill="none" stroke="#c9d0da"/>${pairs.map(
    (p) => html`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="2.2" fill="#0b5cad" fill-opacity="0.55"/>`,
  )}</svg>`;
}

/**
 * Wires the section: the list of saved indicators (choosing one draws it), the upload with its report, and the
 * comparison with a built-in metric while an indicator is drawn. `shown` returns the indicator drawn now.
 */
export function installOwn(ctx: AppContext, root: HTMLElement, shown: () => IndicatorValues | null): { refresh: () => Promise<void> } {
  const listBox = root.querySelector<HTMLElement>('#own-ind-list')!;
  const compareBox = root.querySelector<HTMLElement>('#own-ind-compare')!;
  let compareMetric: string = 'population';

  const refreshList = async () => {
    const { items } = await api('/api/indicators');
    const current = ownIndicatorId(ctx);
    setHtml(
      listBox,
      items.length
        ? html`<label class="field" for="ind-select">${t('地図に表示', 'Show on the map')}</label>
          <select id="ind-select"><option value="">${t('（組み込みの指標を表示）', '(show the built-in metric)')}</option>${items.map(
            (x) => html`<option value="${x.id}" ${x.id === current ? 'selected' : ''}>${x.name}（${fmtInt(x.count)}）</option>`,
          )}</select>
          ${current && canWrite() && html`<div class="btn-row"><button type="button" class="btn secondary" id="ind-delete">${t('この指標を削除', 'Delete this indicator')}</button></div>`}`
        : html`<p class="sub">${t('まだありません。', 'None yet.')}</p>`,
    );
    listBox.querySelector<HTMLSelectElement>('#ind-select')?.addEventListener('change', (e) => ctx.state.set({ ind: (e.target as HTMLSelectElement).value || null }));
    listBox.querySelector('#ind-delete')?.addEventListener('click', () => {
      const id = ownIndicatorId(ctx);
      if (!id) return;
      void api('/api/indicators/:id', { id }, { method: 'DELETE' })
        .then(() => ctx.state.set({ ind: null }))
        .then(refreshList)
        .catch((err: Error) => ctx.toast(err.message));
    });
  };

  const refreshCompare = async () => {
    const own = shown();
    if (!own) {
      compareBox.replaceChildren();
      return;
    }
    const metric = (metricIds as readonly string[]).includes(compareMetric) ? (compareMetric as (typeof metricIds)[number]) : 'population';
    const other = await api('/api/metrics/:metric', { metric });
    const pairs = pairedValues(own.values, other.values);
    const r = pearson(pairs);
    setHtml(
      compareBox,
      html`<h4 class="sub-h">${t('組み込みの指標と比べる', 'Compare with a built-in metric')}</h4>
      <label class="field" for="ind-compare">${t('比べる指標（縦軸）', 'Metric (vertical axis)')}</label>
      <select id="ind-compare">${metricIds.map((id) => html`<option value="${id}" ${id === metric ? 'selected' : ''}>${label('metric', id)}</option>`)}</select>
      <p class="sub" data-testid="own-correlation">${t('相関係数', 'Correlation')} r = <b>${r === null ? '—' : r.toFixed(2)}</b>（n = ${fmtInt(pairs.length)}）</p>
      ${pairs.length > 0 && scatter(pairs)}
      <p class="sub"><small>${t(`横軸：${own.name}（${fmtFigure(own.min, own.unit)}〜${fmtFigure(own.max, own.unit)}）、縦軸：${label('metric', metric)}（${fmtMetric(metrics[metric], other.min)}〜${fmtMetric(metrics[metric], other.max)}）`, `Across: ${own.name} (${fmtFigure(own.min, own.unit)}–${fmtFigure(own.max, own.unit)}); up: ${label('metric', metric)} (${fmtMetric(metrics[metric], other.min)}–${fmtMetric(metrics[metric], other.max)})`)}</small></p>`,
    );
    compareBox.querySelector<HTMLSelectElement>('#ind-compare')!.addEventListener('change', (e) => {
      compareMetric = (e.target as HTMLSelectElement).value;
      void refreshCompare().catch((err: Error) => ctx.toast(err.message));
    });
  };

  const file = root.querySelector<HTMLInputElement>('#ind-file')!;
  const dry = root.querySelector<HTMLButtonElement>('#ind-dry')!;
  const go = root.querySelector<HTMLButtonElement>('#ind-go')!;
  const status = root.querySelector<HTMLElement>('#ind-status')!;
  let bytes: ArrayBuffer | null = null;
  let fileName = '';
  /** True once the chosen file's rows were shown in a dry run's report. */
  let checked = false;
  const send = async (dryRun: boolean) => {
    if (!bytes) return;
    dry.disabled = go.disabled = true;
    status.textContent = t('確認中…', 'Checking…');
    const q = new URLSearchParams({ fileName });
    const name = root.querySelector<HTMLInputElement>('#ind-name')!.value.trim();
    const unit = root.querySelector<HTMLInputElement>('#ind-unit')!.value.trim();
    if (name) q.set('name', name);
    if (unit) q.set('unit', unit);
    if (dryRun) q.set('dryRun', '1');
    const xlsx = /\.xlsx$/i.test(fileName);
    try {
      const report = await api('/api/indicators', {
        method: 'POST',
        query: q,
        headers: { 'content-type': xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' },
        body: bytes,
      });
      const summary = html`${report.indicator ? t(`「${report.indicator.name}」を保存しました（${report.valid}市区町村）`, `Saved “${report.indicator.name}” (${report.valid} municipalities)`) : t('確認のみ（未保存）', 'Checked (nothing saved)')} · ${t(`有効 ${report.valid}行・エラー ${report.invalid}行`, `${report.valid} valid rows, ${report.invalid} with problems`)} · ${report.encoding === 'xlsx' ? 'Excel' : report.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}`;
      setHtml(status, summary);
      // A save straight from the checked report needs no second look at the same rows.
      if (dryRun || !checked)
        openReport(
          t('指標の読み込み結果', 'Indicator upload report'),
          summary,
          reportLines(ctx, report),
          dryRun && report.valid > 0 ? [{ text: t(`有効な${report.valid}行を保存する`, `Save the ${report.valid} valid rows`), run: () => void send(false) }] : [],
        );
      checked = dryRun;
      dry.disabled = false;
      go.disabled = !dryRun || report.valid === 0;
      if (report.indicator) {
        bytes = null;
        file.value = '';
        dry.disabled = go.disabled = true;
        ctx.state.set({ ind: report.indicator.id });
        await refreshList();
      }
    } catch (err) {
      const e = err as ApiClientError;
      status.textContent = e.status === 401 ? t('書き込み用トークンが無効です。', 'The write token was refused.') : e.message;
      dry.disabled = false;
    }
  };
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    bytes = f ? await f.arrayBuffer() : null;
    fileName = f?.name ?? '';
    checked = false;
    status.textContent = '';
    dry.disabled = go.disabled = !bytes;
  });
  dry.addEventListener('click', () => void send(true));
  go.addEventListener('click', () => void send(false));

  return {
    refresh: async () => {
      await Promise.all([refreshList(), refreshCompare()]);
    },
  };
}
