/**
 * Disaster-aid view: choose a municipality (search box or map click) and see every other municipality
 * coloured by its suitability as a 災害時相互応援 partner, distance rings, a ranked list with each factor
 * as a bar, existing agreements marked, sliders for the model's parameters (re-ranking live) and a CSV
 * of the whole ranking. URL keys: origin + one per parameter (decayKm, zonePenalty, reachMidKm,
 * reachWidthKm, capacityRatio).
 */
import type { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { circle, destination } from '@turf/turf';
import type { Exchange, ExchangeList } from '../../domain/records/exchanges.ts';
import type { DisasterRanking } from '../../domain/records/partners.ts';
import { disasterParamSpecs } from '../../domain/records/partners.ts';
import { api } from '../api.ts';
import type { AppContext, ViewBody } from '../context.ts';
import { esc, fmtInt } from '../format.ts';
import { label, t } from '../i18n.ts';
import { sequential } from '../palette.ts';
import { downloadCsv } from '../ui/export.ts';
import { applyWidths, factorBar, latestOnly, originPicker, paramsFromUrl, rankingQuery, showInPicker, sliders, wireSliders } from '../ui/ranking-controls.ts';
import './disaster.css';

/** Distance rings around the chosen municipality, km. */
export const ringKm = [50, 100, 300, 500, 1000];
/** Score classes for the map: upper bounds in 0..1. */
export const scoreBreaks = [0.2, 0.4, 0.6, 0.8, 1];
const scoreColours = sequential(scoreBreaks.length);
const labelFont = '"Noto Sans CJK JP", "Noto Sans JP", sans-serif';

/** The class colour of a score. */
export const scoreColour = (score: number) => scoreColours[scoreBreaks.findIndex((b) => score <= b)] ?? scoreColours[scoreColours.length - 1];

const paramKeys = Object.keys(disasterParamSpecs);
let current: { ctx: AppContext; panel: HTMLElement } | null = null;
let ranking: DisasterRanking | null = null;
let ties: Exchange[] = [];
let unsubscribe: (() => void) | null = null;
let onZoom: (() => void) | null = null;
const load = latestOnly();

const query = (ctx: AppContext, limit: number) => rankingQuery(ctx, 'disaster', disasterParamSpecs, limit);

/** A ring's label and where it sits (north of the centre). */
type RingLabel = { km: number; at: [number, number] };

/** The rings whose labels fit: at least 30 px across on screen and 20 px beyond the last labelled ring. */
function labelledRings(ctx: AppContext, centre: [number, number]): RingLabel[] {
  const map = ctx.atlas.map;
  const c = map.project(centre);
  const out: RingLabel[] = [];
  let last = 0;
  for (const km of ringKm) {
    const at = destination(centre, km, 0, { units: 'kilometers' }).geometry.coordinates as [number, number];
    const px = Math.hypot(map.project(at).x - c.x, map.project(at).y - c.y);
    if (px >= 30 && px - last >= 20) {
      out.push({ km, at });
      last = px;
    }
  }
  return out;
}

/** Rings, their labels (recomputed on zoom), existing partners and the origin. */
function drawLayers(ctx: AppContext): void {
  if (!ranking) return;
  const origin = ranking.origin;
  const centre: [number, number] = [origin.lon, origin.lat];
  const rings = ringKm.map((km) => ({ km, path: circle(centre, km, { units: 'kilometers', steps: 128 }).geometry.coordinates[0] as [number, number][] }));
  const layers: Layer[] = [
    new PathLayer<(typeof rings)[number]>({
      id: 'disaster-rings',
      data: rings,
      getPath: (r) => r.path,
      getColor: [21, 36, 58, 200],
      getWidth: 1.5,
      widthUnits: 'pixels',
    }),
    new TextLayer<RingLabel>({
      id: 'disaster-ring-labels',
      data: labelledRings(ctx, centre),
      getPosition: (r) => r.at,
      getText: (r) => `${fmtInt(r.km)} km`,
      getSize: 12,
      getColor: [21, 36, 58, 255],
      fontFamily: labelFont,
      fontWeight: 600,
      outlineWidth: 3,
      outlineColor: [255, 255, 255, 240],
      fontSettings: { sdf: true },
      getPixelOffset: [0, -8],
    }),
    new ScatterplotLayer<Exchange['a']>({
      id: 'disaster-ties',
      data: ties.map((x) => (x.a.code === origin.code ? x.b : x.a)),
      getPosition: (e) => [e.lon, e.lat],
      getRadius: 5,
      radiusUnits: 'pixels',
      getFillColor: [255, 255, 255, 255],
      getLineColor: [213, 94, 0, 255],
      lineWidthMinPixels: 2.5,
      stroked: true,
    }),
    new ScatterplotLayer({
      id: 'disaster-origin',
      data: [origin],
      getPosition: () => centre,
      getRadius: 7,
      radiusUnits: 'pixels',
      getFillColor: [240, 160, 0, 255],
      getLineColor: [17, 24, 39, 255],
      lineWidthMinPixels: 2,
      stroked: true,
    }),
  ];
  ctx.atlas.setLayers('disaster', layers);
}

function drawMap(ctx: AppContext): void {
  if (!ranking) {
    ctx.atlas.setFillColours(null);
    ctx.atlas.setLayers('disaster', null);
    ctx.setLegend(null);
    return;
  }
  const fill = new Map(Object.entries(ranking.scores).map(([code, s]) => [code, scoreColour(s)]));
  ctx.atlas.setFillColours(fill);
  ctx.atlas.setSelected([ranking.origin.code]);
  drawLayers(ctx);
  const lower = [0, ...scoreBreaks.slice(0, -1)];
  const legend = document.createElement('div');
  legend.innerHTML = `<h4>${t('応援相手としての適性', 'Suitability as aid partner')} <small>(0–1)</small></h4>
    ${scoreBreaks.map((b, i) => `<div class="row"><span class="sw" data-colour="${scoreColours[i]}"></span>${lower[i].toFixed(1)} – ${b.toFixed(1)}</div>`).join('')}
    <div class="row"><span class="sw pt-tie-sw"></span>${t('既存の協定先', 'Existing partner')}</div>
    <div class="note">${t('円：50・100・300・500・1,000 km', 'Rings: 50, 100, 300, 500, 1,000 km')}</div>`;
  for (const sw of legend.querySelectorAll<HTMLElement>('[data-colour]')) sw.style.background = sw.dataset.colour!;
  ctx.setLegend(legend);
}

function drawList(ctx: AppContext, panel: HTMLElement): void {
  const box = panel.querySelector<HTMLElement>('#ds-list')!;
  if (!ranking) {
    box.innerHTML = `<p class="empty">${t('地図をクリックするか、上の欄で市区町村を選んでください。', 'Click the map or choose a municipality above.')}</p>`;
    return;
  }
  const o = ranking.origin;
  box.innerHTML = `
    <h3>${esc(o.name)} ${t('の応援相手候補', ': best aid partners')} <small class="sub">${t(`全${fmtInt(ranking.total)}団体から`, `of ${fmtInt(ranking.total)}`)}</small></h3>
    ${o.zones.length ? `<p class="sub">${t('想定地震の区域', 'Designated zones')}: ${o.zones.map((z) => `<span class="badge est">${esc(label('hazardZone', z))}</span>`).join(' ')}</p>` : ''}
    <ol class="pt-rank" data-testid="disaster-ranking">${ranking.items
      .map(
        (i) => `
      <li data-code="${i.code}" tabindex="0">
        <div class="pt-head"><b>${esc(i.name)}</b> <small>${esc(i.prefName)}</small> <span class="pt-km">${fmtInt(i.distanceKm)} km</span>
          <span class="pt-score" data-testid="score">${i.score.toFixed(3)}</span></div>
        <span class="bar pt-scorebar"><span data-w="${i.score}"></span></span>
        ${factorBar(t('同時被災しにくさ', 'Not hit together'), 1 - i.factors.risk, t('1 − 同時被災リスク', '1 − simultaneous-damage risk'))}
        ${factorBar(t('到達性', 'Reachability'), i.factors.reachability)}
        ${factorBar(t('応援力', 'Capacity'), i.factors.capacity, t('人口比から', 'from the population ratio'))}
        <div class="chips">${i.existingTies.map((k) => `<span class="badge pt-tie">✓ ${esc(label('exchangeKind', k))}</span>`).join('')}
          ${i.factors.sharedZones.map((z) => `<span class="badge est">${t('同じ区域', 'same zone')}: ${esc(label('hazardZone', z))}</span>`).join('')}
          ${i.factors.possibleZones.map((z) => `<span class="badge" title="${esc(t('県の一部のみ指定（対象市町村は未収録）', 'prefecture partly designated (members not known)'))}">${t('区域の可能性', 'maybe zone')}: ${esc(label('hazardZone', z))}</span>`).join('')}</div>
      </li>`,
      )
      .join('')}</ol>`;
  applyWidths(box);
  for (const li of box.querySelectorAll<HTMLElement>('li[data-code]')) {
    const go = () => ctx.select(li.dataset.code!, { fly: false });
    li.addEventListener('click', go);
    li.addEventListener('keydown', (e) => e.key === 'Enter' && go());
  }
}

async function refresh(ctx: AppContext): Promise<void> {
  const panel = current?.panel;
  if (!panel) return;
  const origin = ctx.state.get('origin');
  if (!origin || !ctx.munis.has(origin)) {
    ranking = null;
    drawList(ctx, panel);
    drawMap(ctx);
    return;
  }
  await load(
    panel.querySelector('#ds-status')!,
    () => Promise.all([api<DisasterRanking>(`/api/partners/${origin}?${query(ctx, 30)}`), api<ExchangeList>(`/api/exchanges?code=${origin}`)]),
    ([r, x]) => {
      if (!current) return;
      ranking = r;
      ties = x.items;
      drawList(ctx, panel);
      drawMap(ctx);
    },
  );
}

async function exportCsv(ctx: AppContext): Promise<void> {
  const origin = ctx.state.get('origin');
  if (!origin) return;
  const all = await api<DisasterRanking>(`/api/partners/${origin}?${query(ctx, 1740)}`);
  const p = all.params;
  downloadCsv(
    `disaster-aid-partners-${origin}.csv`,
    [
      'rank',
      'code',
      'name',
      'prefecture',
      'distance_km',
      'score',
      'risk',
      'reachability',
      'capacity',
      'shared_zones',
      'possible_zones',
      'existing_ties',
      `params: decayKm=${p.decayKm} zonePenalty=${p.zonePenalty} reachMidKm=${p.reachMidKm} reachWidthKm=${p.reachWidthKm} capacityRatio=${p.capacityRatio}`,
    ],
    all.items.map((i, n) => [
      n + 1,
      i.code,
      i.name,
      i.prefName,
      i.distanceKm,
      i.score,
      i.factors.risk,
      i.factors.reachability,
      i.factors.capacity,
      i.factors.sharedZones.join(' '),
      i.factors.possibleZones.join(' '),
      i.existingTies.join(' '),
      '',
    ]),
  );
}

export const disasterView: ViewBody = {
  mount(ctx, panel) {
    current = { ctx, panel };
    const params = paramsFromUrl(ctx, disasterParamSpecs);
    panel.innerHTML = `
      <h2>${t('災害時相互応援の相手を探す', 'Find disaster mutual-aid partners')}</h2>
      ${originPicker(ctx, 'ds-origin', t('市区町村', 'Municipality'), ctx.state.get('origin'), (code) => ctx.state.set({ origin: code }))}
      <p class="sub">${t('地図のクリックでも選べます。', 'Or click the map.')}</p>
      <p class="ds-example">${t('例：中越地震（2004）では約210 km離れた狛江市の消防が協定先の川口町に一番乗り。', 'E.g. in the 2004 中越 earthquake, 狛江市’s fire brigade, ~210 km away, reached its partner 川口町 first.')}
        <button type="button" class="linkish" id="ds-example">${t('狛江市で試す', 'Try 狛江市')}</button></p>
      <details class="pt-explain"><summary>${t('考え方', 'How the score works')}</summary>
        <p>${t('良い応援相手は「同じ災害で同時に被災しにくいほど遠く、それでいて駆けつけられるほど近い」相手です。2004年の中越地震では、約210 km離れた狛江市の消防が協定先の川口町（現・長岡市）に最初に到着しました。', 'A good partner is far enough away not to be hit by the same disaster, yet near enough to help. After the 2004 中越 earthquake, 狛江市’s fire brigade was first to reach its partner 川口町 (now 長岡市), about 210 km away.')}</p>
        <p>${t('適性 ＝ (1 − 同時被災リスク) × 到達性 × 応援力。リスクは距離とともに減り（減衰距離）、同じ想定地震の区域（南海トラフ・首都直下・日本海溝）なら加算。到達性は約700 kmを境に下がり、応援力は相手の人口が自分に比べて小さいと下がります。', 'Score = (1 − simultaneous-damage risk) × reachability × capacity. Risk falls with distance and rises when both lie in the zone of the same expected earthquake; reachability falls beyond about 700 km; capacity falls when the partner is much smaller.')}</p>
        <p class="sub">${t('根拠：66自治体の応援協定の調査（目黒公郎, 東京大学 CIDIR, 2014）では平均12.4団体と協定、約29 %が30 km以内、約53 %が100 km超。500–800 kmの相手は協定の8 %未満でしたが、東日本大震災後の応援の約32 %を担いました。山川町（現・指宿市）–倶知安町は約1,580 km。', 'Evidence: a 2014 study of 66 municipalities’ agreements (目黒公郎, 東京大学 CIDIR) found 12.4 partners on average, ~29 % within 30 km and ~53 % beyond 100 km; pairs 500–800 km apart were < 8 % of agreements but gave ~32 % of the aid after 2011. 山川町 (now 指宿市)–倶知安町 are ~1,580 km apart.')}</p>
      </details>
      <details class="pt-explain" id="ds-params" ${paramKeys.some((k) => ctx.state.get(k) !== null) ? 'open' : ''}><summary>${t('前提（パラメータ）', 'Assumptions (parameters)')}</summary>
        ${sliders(ctx, disasterParamSpecs, params)}
        <div class="btn-row"><button type="button" class="btn secondary" id="ds-reset">${t('既定値に戻す', 'Reset')}</button></div>
      </details>
      <div class="btn-row"><button type="button" class="btn secondary" id="ds-csv">${t('順位をCSVで書き出す', 'Export ranking (CSV)')}</button></div>
      <p id="ds-status" class="sub" aria-live="polite"></p>
      <div id="ds-list"></div>`;
    wireSliders(ctx, panel, disasterParamSpecs);
    panel.querySelector('#ds-example')!.addEventListener('click', () => ctx.state.set({ origin: '13219' }));
    panel.querySelector('#ds-reset')!.addEventListener('click', () => ctx.state.set(Object.fromEntries(paramKeys.map((k) => [k, null]))));
    panel.querySelector('#ds-csv')!.addEventListener('click', () => void exportCsv(ctx).catch((err: Error) => ctx.toast(err.message)));
    unsubscribe = ctx.state.subscribe((changed) => {
      if (!['origin', ...paramKeys].some((k) => changed.has(k))) return;
      const now = paramsFromUrl(ctx, disasterParamSpecs);
      for (const [k, v] of Object.entries(now)) {
        const input = panel.querySelector<HTMLInputElement>(`#p-${k}`);
        if (input && Number(input.value) !== v) {
          input.value = String(v);
          const unit = disasterParamSpecs[k as keyof typeof disasterParamSpecs].unit;
          panel.querySelector(`#o-${k}`)!.textContent = `${v}${unit ? ` ${unit}` : ''}`;
        }
      }
      showInPicker(ctx, panel, 'ds-origin', ctx.state.get('origin'));
      void refresh(ctx);
    });
    onZoom = () => drawLayers(ctx);
    ctx.atlas.map.on('zoomend', onZoom);
    return refresh(ctx);
  },
  unmount(ctx) {
    unsubscribe?.();
    unsubscribe = null;
    if (onZoom) ctx.atlas.map.off('zoomend', onZoom);
    onZoom = null;
    current = null;
    ranking = null;
    ties = [];
    ctx.atlas.setFillColours(null);
    ctx.atlas.setLayers('disaster', null);
    ctx.atlas.setSelected([]);
    ctx.setLegend(null);
  },
  onMapClick(code) {
    current?.ctx.state.set({ origin: code });
    return true;
  },
  tooltip(m) {
    if (!ranking) return null;
    if (m.code === ranking.origin.code) return t('選択中の市区町村', 'Chosen municipality');
    const s = ranking.scores[m.code];
    return s === undefined ? null : `${t('適性', 'Score')}: <b>${s.toFixed(3)}</b>`;
  },
};
