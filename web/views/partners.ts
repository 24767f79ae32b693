/**
 * Partners view: complementary exchange partners for a municipality (difference on urban↔rural axes, each
 * axis shown as a bar), partners of its partners, and a side-by-side comparison of any two municipalities.
 * URL keys: origin, compare ("a,b"), and the weights (wDensity, wPrimary, wAged, wDayNight, wSize, saturationSd).
 */
import { haversineKm } from '../../domain/geo.ts';
import type { Municipality } from '../../domain/records/municipalities.ts';
import type { ExchangeKind } from '../../domain/records/exchanges.ts';
import { metricIds, metrics } from '../../domain/records/metrics.ts';
import type { ComplementRanking } from '../../domain/records/partners.ts';
import { complementAxes, complementParamSpecs } from '../../domain/records/partners.ts';
import { api } from '../api.ts';
import type { AppContext, ViewBody } from '../context.ts';
import { fmtInt, fmtMetric } from '../format.ts';
import { label, t } from '../i18n.ts';
import { nameOfCode, prefNameOfCode } from '../names.ts';
import { type Html, html, joinHtml, setHtml } from '../ui/html.ts';
import { exportButtons, onExport } from '../ui/export.ts';
import {
  applyWidths,
  downloadPartnerTable,
  factorBar,
  frameOrigin,
  findMunicipality,
  latestOnly,
  originMarker,
  ringedPoints,
  clearRanking,
  selectOrigin,
  originPicker,
  paramsFromUrl,
  rankingQuery,
  showInPicker,
  sliders,
  wireSliders,
} from '../ui/ranking-controls.ts';
import { scoreBreaks, scoreColour } from './disaster.ts';
import './disaster.css';

const paramKeys = Object.keys(complementParamSpecs);

/** What the view holds while mounted. */
interface PartnersState {
  ctx: AppContext;
  panel: HTMLElement;
  /** False once the view is unmounted: rankings that arrive later are dropped. */
  alive: boolean;
  ranking: ComplementRanking | null;
  /** Keeps only the newest ranking answer while sliders move. */
  load: ReturnType<typeof latestOnly>;
  /** Stops following the URL. */
  unsubscribe: () => void;
}

const query = (ctx: AppContext, limit: number) => rankingQuery(ctx, 'complement', complementParamSpecs, limit);

/** Whether two values differ enough to highlight: 5 points for shares, otherwise a factor of 2. */
function differs(unit: string, a: number | null, b: number | null): boolean {
  if (a === null || b === null) return false;
  if (unit === '%') return Math.abs(a - b) >= 5;
  const lo = Math.min(Math.abs(a), Math.abs(b));
  return lo === 0 ? a !== b : Math.max(Math.abs(a), Math.abs(b)) / lo >= 2;
}

/** A number for a ratio: one decimal below 10, whole above. */
const ratioNumber = (r: number) => (r < 9.95 ? r.toFixed(1) : fmtInt(r));

/**
 * How B differs from A: shares as a signed point difference (true minus sign), other figures as "B is n times
 * A" or, when B is smaller, "1/n of A" — "1/50" reads better than "×0.02". Empty without two usable values.
 * @example difference('%', 74.3, 100.3) // "+26.0 pt"; difference('人', 266936, 5412) // "1/49"
 */
export function difference(unit: string, a: number | null, b: number | null): string {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return '';
  if (unit === '%') {
    const d = Math.round((b - a) * 10) / 10;
    // U+2212, the minus sign, not the hyphen-minus.
    return `${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d).toFixed(1)} pt`;
  }
  if (a <= 0 || b <= 0) return '';
  const r = b / a;
  if (r >= 1 || ratioNumber(1 / r) === '1.0') return t(`${ratioNumber(r)}倍`, `${ratioNumber(r)}×`);
  return `1/${ratioNumber(1 / r)}`;
}

/** The right panel comparing two municipalities: every metric in two columns, differences highlighted, distance. */
async function showCompare(ctx: AppContext, a: Municipality, b: Municipality): Promise<void> {
  const km = haversineKm(a.lon, a.lat, b.lon, b.lat);
  const body = ctx.showPanel(html`<p class="empty">${t('読み込み中…', 'Loading…')}</p>`);
  let kinds: ExchangeKind[] = [];
  try {
    kinds = [...new Set((await api('/api/exchanges', { query: { code: a.code } })).items.filter((x) => x.a.code === b.code || x.b.code === b.code).map((x) => x.kind))];
  } catch {
    // The comparison stands without the ties.
  }
  const estTitle = t(
    `東京都以外は従業者数からの推計値（東京都の市町村で平均${ctx.sources.dayNightEstimateErrorPoints}ポイントの誤差）`,
    `Outside Tokyo, estimated from jobs per employed resident (off by ${ctx.sources.dayNightEstimateErrorPoints} points on average on Tokyo's cities)`,
  );
  const cell = (info: (typeof metrics)[keyof typeof metrics], m: Municipality, v: number | null) =>
    html`${fmtMetric(info, v)}${info.estimated && m.dayNightEstimated && v !== null ? html` <span class="badge est" title="${estTitle}">${t('推計', 'estimate')}</span>` : ''}`;
  const rows = metricIds.map((id) => {
    const info = metrics[id];
    const va = a[id as keyof Municipality] as number | null;
    const vb = b[id as keyof Municipality] as number | null;
    return html`<tr class="${differs(info.unit, va, vb) ? 'big' : ''}"><td>${label('metric', info.id)}</td><td>${cell(info, a, va)}</td><td>${cell(info, b, vb)}</td><td class="diff">${difference(info.unit, va, vb)}</td></tr>`;
  });
  setHtml(
    body,
    html`
    <h2>${t('2つの市区町村を比較', 'Compare two municipalities')}</h2>
    <p class="sub" data-testid="compare-distance">${t('直線距離', 'Great-circle distance')} <b>${fmtInt(km)} km</b>
      ${
        kinds.length
          ? html` · ${t('既存の協定', 'Existing ties')}: ${joinHtml(
              kinds.map((k) => html`<span class="badge pt-tie">${label('exchangeKind', k)}</span>`),
              ' ',
            )}`
          : ` · ${t('既存の協定なし', 'no existing agreement')}`
      }</p>
    <table class="pt-compare" data-testid="compare-table">
      <thead><tr><th></th><th>${nameOfCode(ctx, a.code, a.name)}<br><small>${prefNameOfCode(ctx, a.code, a.prefName)}</small></th><th>${nameOfCode(ctx, b.code, b.name)}<br><small>${prefNameOfCode(ctx, b.code, b.prefName)}</small></th><th title="${t('割合はBとAの差（ポイント）、その他はBがAの何倍か', 'Shares: B minus A in points; other figures: B as a multiple of A')}">${t('BとAの差', 'B vs A')}</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
    <p class="sub">${t('色付きの行：割合は5ポイント以上、その他は2倍以上の差。', 'Highlighted: shares differing by 5 points or more, other figures by a factor of 2 or more.')}${[a, b].some((m) => m.dayNightEstimated && m.dayNightRatio !== null) ? html` <span class="badge est">${t('推計', 'estimate')}</span> ${estTitle}${t('。', '.')}` : ''}</p>`,
  );
}

function compareFromUrl(ctx: AppContext): void {
  const [a, b] = (ctx.state.get('compare') ?? '').split(',').map((c) => ctx.munis.get(c));
  if (a && b) void showCompare(ctx, a, b);
}

function drawMap(s: PartnersState): void {
  const { ctx, ranking } = s;
  if (!ranking) {
    clearRanking(ctx, 'partners');
    return;
  }
  ctx.atlas.setFillColours(new Map(Object.entries(ranking.scores).map(([code, score]) => [code, scoreColour(score)])));
  selectOrigin(ctx, 'partners', ranking.origin);
  const via = ranking.viaPartners.map((v) => ctx.munis.get(v.code)).filter((m): m is Municipality => Boolean(m));
  ctx.atlas.setLayers('partners', [
    ringedPoints('partners-via', via, { radius: 4, fill: [255, 255, 255, 255], ring: [0, 114, 178, 255], ringWidth: 2 }),
    originMarker('partners-origin', ranking.origin),
  ]);
  const lower = [0, ...scoreBreaks.slice(0, -1)];
  const legend = document.createElement('div');
  setHtml(
    legend,
    html`<h4>${t('補完性（都市↔農山村の違い）', 'Complementarity (urban↔rural difference)')}</h4>
    ${scoreBreaks.map((b, i) => html`<div class="row"><span class="sw" data-colour="${scoreColour(b)}"></span>${lower[i].toFixed(1)} – ${b.toFixed(1)}</div>`)}
    <div class="note">${t('青い円：協定先の協定先', 'Blue rings: partners of partners')}</div>`,
  );
  for (const sw of legend.querySelectorAll<HTMLElement>('[data-colour]')) sw.style.background = sw.dataset.colour!;
  ctx.setLegend(legend);
}

function drawLists(s: PartnersState): void {
  const { ctx, panel, ranking } = s;
  const box = panel.querySelector<HTMLElement>('#pt-list')!;
  if (!ranking) {
    setHtml(box, html`<p class="empty">${t('地図をクリックするか、上の欄で市区町村を選んでください。', 'Click the map or choose a municipality above.')}</p>`);
    return;
  }
  const o = ranking.origin;
  setHtml(
    box,
    html`
    <h3>${nameOfCode(ctx, o.code, o.name)} ${t('と補い合う相手', ': complementary partners')}</h3>
    <ol class="pt-rank" data-testid="complement-ranking">${ranking.items.map(
      (i) => html`
      <li data-code="${i.code}" tabindex="0" title="${t('クリックで比較', 'Click to compare')}">
        <div class="pt-head"><b>${nameOfCode(ctx, i.code, i.name)}</b> <small>${prefNameOfCode(ctx, i.code, i.prefName)}</small> <span class="pt-km">${fmtInt(i.distanceKm)} km</span><span class="pt-score">${i.score.toFixed(3)}</span></div>
        <span class="bar pt-scorebar"><span data-w="${i.score}"></span></span>
        ${complementAxes.map((a) => factorBar(label('complementAxis', a), i.factors[a].factor, i.factors[a].diffSd === null ? t('データなし', 'no data') : `${i.factors[a].diffSd! > 0 ? '+' : i.factors[a].diffSd! < 0 ? '−' : ''}${Math.abs(i.factors[a].diffSd!)} SD`))}
        <div class="chips">${i.existingTies.map((k) => html`<span class="badge pt-tie">✓ ${label('exchangeKind', k)}</span>`)}</div>
      </li>`,
    )}</ol>
    <h3>${t('協定先の協定先', 'Partners of partners')} <small class="sub">(${ranking.viaPartners.length})</small></h3>
    <p class="sub">${t('既存の協定先を介してつながる自治体。例：流山市は姉妹都市の信濃町と相馬市を結びつけました。', 'Municipalities linked through an existing partner — as Nagareyama (流山市) linked its sister cities Shinano (信濃町) and Sōma (相馬市).')}</p>
    ${
      ranking.viaPartners.length
        ? html`<ul class="pt-rank pt-via" data-testid="via-partners">${ranking.viaPartners.slice(0, 20).map(
            (
              v,
            ) => html`<li data-code="${v.code}"><div class="pt-head"><b>${nameOfCode(ctx, v.code, v.name)}</b> <small>${prefNameOfCode(ctx, v.code, v.prefName)}</small>${v.direct ? html` <span class="badge pt-tie">${t('協定済み', 'already a partner')}</span>` : ''}<span class="pt-km">${fmtInt(v.distanceKm)} km</span></div>
        <div class="sub">${t('経由', 'via')} ${v.via.map((p) => `${nameOfCode(ctx, p.code, p.name)} (${p.kinds.map((k) => label('exchangeKind', k)).join('・')})`).join('、')}</div></li>`,
          )}</ul>`
        : html`<p class="empty">${t('既存の協定先がないため表示できません。', 'None: no known partner yet.')}</p>`
    }`,
  );
  applyWidths(box);
  for (const li of box.querySelectorAll<HTMLElement>('li[data-code]')) {
    const go = () => ctx.state.set({ compare: `${o.code},${li.dataset.code}` });
    li.addEventListener('click', go);
    li.addEventListener('keydown', (e) => e.key === 'Enter' && go());
  }
}

async function refresh(s: PartnersState): Promise<void> {
  const { ctx, panel } = s;
  const origin = ctx.state.get('origin');
  if (!origin || !ctx.munis.has(origin)) {
    s.ranking = null;
    drawLists(s);
    drawMap(s);
    return;
  }
  await s.load(
    panel.querySelector('#pt-status')!,
    () => api('/api/partners/:code', { code: origin }, { query: query(ctx, 25) }),
    (r) => {
      if (!s.alive) return;
      s.ranking = r;
      drawLists(s);
      drawMap(s);
    },
  );
}

class PartnersView implements ViewBody {
  private s: PartnersState | null = null;

  mount(ctx: AppContext, panel: HTMLElement): Promise<void> {
    const s: PartnersState = { ctx, panel, alive: true, ranking: null, load: latestOnly(), unsubscribe: () => undefined };
    this.s = s;
    const [ca, cb] = (ctx.state.get('compare') ?? '').split(',');
    setHtml(
      panel,
      html`
      <h2>${t('補い合う交流相手を探す', 'Find complementary partners')}</h2>
      ${originPicker(ctx, 'pt-origin', t('市区町村', 'Municipality'), ctx.state.get('origin'), (code) => ctx.state.set({ origin: code }))}
      <details class="pt-explain"><summary>${t('考え方', 'How the score works')}</summary>
        <p>${t('都市と農山漁村の交流は、違う者どうしが補い合うことで成り立ちます（世田谷区と川場村の縁組協定など）。人口密度・第1次産業の割合・65歳以上の割合・昼夜間人口比率・人口規模の5つの軸で、全国の標準偏差を単位に差を測り、重み付き平均を 0–1 の適性とします。', 'Urban–rural exchange works when the two differ and complement each other (Setagaya 世田谷区 and Kawaba 川場村). The score is the weighted mean, over five axes (density, primary-industry share, share aged 65+, day/night ratio, population size), of how far apart the two lie in national standard deviations.')}</p>
        <p class="sub">${t('距離は考慮しません（一覧に表示）。既存の協定と協定先の協定先は別の手がかりとして示します。', 'Distance is not scored (it is shown). Existing ties and partners of partners are shown as separate signals.')}</p>
        <button type="button" class="btn secondary" id="pt-example">${t('例：信濃町で試す', 'Try Shinano (信濃町)')}</button>
      </details>
      <details class="pt-explain"><summary>${t('重み（パラメータ）', 'Weights (parameters)')}</summary>
        ${sliders(ctx, complementParamSpecs, paramsFromUrl(ctx, complementParamSpecs))}
      </details>
      <div class="btn-row">${exportButtons('pt-table', t('全国の相手表（CSV）', 'National partner table (CSV)'), t('全市区町村それぞれの上位3つの相手（互いに最適な組を表示）', 'Every municipality’s three best partners, pairs that choose each other marked'))}</div>
      <h3>${t('2つを比較', 'Compare two')}</h3>
      ${originPicker(ctx, 'pt-ca', 'A', ca ?? ctx.state.get('origin'), () => undefined)}
      ${originPicker(ctx, 'pt-cb', 'B', cb ?? null, () => undefined)}
      <div class="btn-row"><button type="button" class="btn" id="pt-compare">${t('比較する', 'Compare')}</button></div>
      <p id="pt-status" class="sub" aria-live="polite"></p>
      <div id="pt-list"></div>`,
    );
    wireSliders(ctx, panel, complementParamSpecs);
    panel.querySelector('#pt-example')!.addEventListener('click', () => ctx.state.set({ origin: '20583' }));
    onExport(
      panel,
      'pt-table',
      (format) => downloadPartnerTable(ctx, 'complement', complementParamSpecs, format),
      (err) => ctx.toast(err.message),
    );
    panel.querySelector('#pt-compare')!.addEventListener('click', () => {
      const pick = (id: string) => findMunicipality(ctx, panel.querySelector<HTMLInputElement>(id)!.value);
      const a = pick('#pt-ca');
      const b = pick('#pt-cb');
      if (a && b) ctx.state.set({ compare: `${a.code},${b.code}` });
      else ctx.toast(t('AとBの両方を候補から選んでください。', 'Pick both A and B from the suggestions.'));
    });
    s.unsubscribe = ctx.state.subscribe((changed) => {
      if (changed.has('compare')) compareFromUrl(ctx);
      if (['origin', ...paramKeys].some((k) => changed.has(k))) {
        showInPicker(ctx, panel, 'pt-origin', ctx.state.get('origin'));
        if (changed.has('origin')) frameOrigin(ctx, ctx.state.get('origin'), 6);
        void refresh(s);
      }
    });
    compareFromUrl(ctx);
    return refresh(s);
  }

  unmount(ctx: AppContext): void {
    if (this.s) {
      this.s.unsubscribe();
      this.s.alive = false;
    }
    this.s = null;
    clearRanking(ctx, 'partners');
    ctx.atlas.setSelected([]);
  }

  onMapClick(code: string): boolean {
    this.s?.ctx.state.set({ origin: code });
    return true;
  }

  tooltip(m: Municipality): Html | null {
    const ranking = this.s?.ranking;
    if (!ranking) return null;
    const score = ranking.scores[m.code];
    return score === undefined ? null : html`${t('補完性', 'Complementarity')}: <b>${score.toFixed(3)}</b>`;
  }
}

export const partnersView: ViewBody = new PartnersView();
