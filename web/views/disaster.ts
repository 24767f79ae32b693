/**
 * Disaster-aid view: choose a municipality (search box or map click) and see every other municipality
 * coloured by its suitability as a 災害時相互応援 partner, distance rings, a ranked list with each factor
 * as a bar and the hazard figures used, existing agreements marked (with why a low-scoring one scores low,
 * in the list and on the map), the ferry port of an island, sliders for the model's parameters (re-ranking
 * live) and a CSV of the whole ranking. URL keys: origin + one per parameter of disasterParamSpecs.
 */
import type { Layer } from '@deck.gl/core';
import { PathLayer, TextLayer } from '@deck.gl/layers';
import { circle, destination } from '@turf/turf';
import type { Exchange } from '../../domain/records/exchanges.ts';
import type { Municipality } from '../../domain/records/municipalities.ts';
import type { DisasterItem, DisasterRanking } from '../../domain/records/partners.ts';
import { disasterParamSpecs } from '../../domain/records/partners.ts';
import { api } from '../api.ts';
import type { AppContext, ViewBody } from '../context.ts';
import { fmtInt, fmtValue } from '../format.ts';
import { label, t } from '../i18n.ts';
import { cssFontFamily } from '../map/labels.ts';
import { nameOfCode, prefNameOfCode } from '../names.ts';
import { type Html, html, joinHtml, setHtml } from '../ui/html.ts';
import { sequential } from '../palette.ts';
import { type TableFormat, downloadTable, exportButtons, onExport } from '../ui/export.ts';
import {
  applyWidths,
  downloadPartnerTable,
  factorBar,
  frameOrigin,
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
import './disaster.css';

/** Distance rings around the chosen municipality, km. */
export const ringKm = [50, 100, 300, 500, 1000];
/** Score classes for the map: upper bounds in 0..1. */
export const scoreBreaks = [0.2, 0.4, 0.6, 0.8, 1];
const scoreColours = sequential(scoreBreaks.length);

/** The class colour of a score. */
export const scoreColour = (score: number) => scoreColours[scoreBreaks.findIndex((b) => score <= b)] ?? scoreColours[scoreColours.length - 1];

const paramKeys = Object.keys(disasterParamSpecs);
/** What the view holds while mounted. */
interface DisasterState {
  ctx: AppContext;
  panel: HTMLElement;
  /** False once the view is unmounted: rankings that arrive later are dropped. */
  alive: boolean;
  ranking: DisasterRanking | null;
  /** The origin's existing agreements (their partners are ringed on the map). */
  ties: Exchange[];
  /** Keeps only the newest ranking answer while sliders move. */
  load: ReturnType<typeof latestOnly>;
  /** Undo what mount attached to the URL state and the map. */
  detach: (() => void)[];
}

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

/**
 * The map's class breaks for a ranking: fifths of the best score. A large city's best partner may score 0.4 (few are
 * large enough to carry it), so fixed breaks would paint the whole country in one class; the legend gives the values.
 */
const classBreaks = (r: DisasterRanking) => {
  const best = Math.max(...Object.values(r.scores), 1e-6);
  return scoreBreaks.map((b) => b * best);
};
/** A score in the two lowest classes: an existing partner there gets its reason, in the list and on the map. */
const isLow = (s: DisasterState, score: number) => !!s.ranking && score < classBreaks(s.ranking)[1];

/** A percentage with one decimal: 13.9 %. */
const pct = (v: number | null) => fmtValue(v, '%');

/**
 * Why a candidate scores as it does, in a phrase: the part that holds it down most, with the figure behind it.
 * @example reason(川場村 for 世田谷区) // '応援力：人口3,480人は世田谷区の0.4%'
 */
export function reason(i: DisasterItem, origin: DisasterRanking['origin'], originName = origin.name): string {
  const f = i.factors;
  switch (f.limitedBy) {
    case 'capacity': {
      const share = pct((100 * i.population) / Math.max(origin.population, 1));
      return t(`応援力：人口${fmtInt(i.population)}人は${origin.name}の${share}`, `capacity: ${fmtInt(i.population)} people, ${share} of ${originName}`);
    }
    case 'ownHazard':
      return t(`自身の被災確率：30年で震度6弱以上 ${pct(f.hazard.quakeProb30)}`, `own hazard: ${pct(f.hazard.quakeProb30)} chance of JMA 6− in 30 years`);
    case 'sameQuake': {
      const zones = [...f.sharedZones, ...f.possibleZones].map((z) => label('hazardZone', z)).join('・');
      return t(`同じ地震の範囲：${fmtInt(i.distanceKm)} km${zones ? `、${zones}` : ''}`, `same earthquake: ${fmtInt(i.distanceKm)} km${zones ? `, ${zones}` : ''}`);
    }
    case 'sameStorm':
      return t(`同じ豪雨で浸水：浸水想定区域の人口 ${pct(f.hazard.floodShare)}`, `same storm: ${pct(f.hazard.floodShare)} of residents in flood areas`);
    case 'reachability':
      return t(`到達性：${fmtInt(f.routeKm)} km${i.seaCrossing ? '、海を渡る' : ''}`, `reach: ${fmtInt(f.routeKm)} km${i.seaCrossing ? ', across the sea' : ''}`);
  }
}

/** A reason label on the map: the partner, where it is, and its two lines of text. */
type TieLabel = { item: DisasterItem; lon: number; lat: number; text: string };

/**
 * Documented disaster-aid partners (listed agreements) whose score lies in the lowest classes, labelled with their reason
 * on the map where the story shows them; the lowest scores first, and a label that would overlap one already placed, or
 * the origin's marker and the name the map writes beside it, is left out at this zoom (every partner keeps its reason
 * in the list and the tooltip).
 */
function tieLabels(s: DisasterState): TieLabel[] {
  const { ctx, ranking } = s;
  if (!ranking) return [];
  const origin = ranking.origin;
  const at = new Map(
    s.ties
      .filter((x) => x.kind === 'disaster_aid')
      .map((x) => (x.a.code === origin.code ? x.b : x.a))
      .map((e) => [e.code, e]),
  );
  const width = (line: string) => [...line].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 13 : 7.5), 0);
  // The origin's marker, with room for its name on any side the map may write it (see selectOrigin).
  const o = ctx.atlas.map.project([origin.lon, origin.lat]);
  const named = width(nameOfCode(ctx, origin.code, origin.name)) + 10;
  const boxes: { x0: number; y0: number; x1: number; y1: number }[] = [{ x0: o.x - named, y0: o.y - 30, x1: o.x + named, y1: o.y + 30 }];
  const out: TieLabel[] = [];
  for (const item of ranking.existing.filter((e) => isLow(s, e.score) && at.has(e.code)).sort((a, b) => a.score - b.score)) {
    const { lon, lat } = at.get(item.code)!;
    const text = `${nameOfCode(ctx, item.code, item.name)} ${t('適性', 'score')} ${item.score.toFixed(3)}\n${reason(item, origin, nameOfCode(s.ctx, origin.code, origin.name))}`;
    const p = ctx.atlas.map.project([lon, lat]);
    const box = { x0: p.x + 7, y0: p.y - 20, x1: p.x + 22 + Math.max(...text.split('\n').map(width)), y1: p.y + 20 };
    if (boxes.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) continue;
    boxes.push(box);
    out.push({ item, lon, lat, text });
  }
  return out;
}

/** Rings, their labels (recomputed on zoom), existing partners and the origin. */
function drawLayers(s: DisasterState): void {
  const { ctx, ranking } = s;
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
      fontFamily: cssFontFamily,
      fontWeight: 600,
      outlineWidth: 3,
      outlineColor: [255, 255, 255, 240],
      fontSettings: { sdf: true },
      getPixelOffset: [0, -8],
    }),
    ringedPoints(
      'disaster-ties',
      s.ties.map((x) => (x.a.code === origin.code ? x.b : x.a)),
      { radius: 5, fill: [255, 255, 255, 255], ring: [213, 94, 0, 255], ringWidth: 2.5 },
    ),
    new TextLayer<TieLabel>({
      id: 'disaster-tie-labels',
      data: tieLabels(s),
      getPosition: (x) => [x.lon, x.lat],
      getText: (x) => x.text,
      getSize: 13,
      getColor: [122, 46, 0, 255],
      fontFamily: cssFontFamily,
      fontWeight: 600,
      fontSettings: { sdf: true },
      characterSet: 'auto',
      background: true,
      getBackgroundColor: [255, 255, 255, 235],
      getBorderColor: [213, 94, 0, 255],
      getBorderWidth: 1,
      backgroundPadding: [5, 3],
      getTextAnchor: 'start',
      getAlignmentBaseline: 'center',
      getPixelOffset: [12, 0],
    }),
    originMarker('disaster-origin', origin),
  ];
  ctx.atlas.setLayers('disaster', layers);
}

function drawMap(s: DisasterState): void {
  const { ctx, ranking } = s;
  if (!ranking) {
    clearRanking(ctx, 'disaster');
    return;
  }
  const breaks = classBreaks(ranking);
  const colourOf = (score: number) => scoreColours[breaks.findIndex((b) => score <= b)] ?? scoreColours[scoreColours.length - 1];
  ctx.atlas.setFillColours(new Map(Object.entries(ranking.scores).map(([code, score]) => [code, colourOf(score)])));
  selectOrigin(ctx, 'disaster', ranking.origin);
  drawLayers(s);
  const lower = [0, ...breaks.slice(0, -1)];
  const legend = document.createElement('div');
  setHtml(
    legend,
    html`<h4>${t('応援相手としての適性', 'Suitability as aid partner')} <small>(0–1)</small></h4>
    ${breaks.map((b, i) => html`<div class="row"><span class="sw" data-colour="${scoreColours[i]}"></span>${lower[i].toFixed(2)} – ${b.toFixed(2)}</div>`)}
    <div class="note">${t(`区分は最高値（${breaks[4].toFixed(2)}）の5等分`, `Classes: fifths of the best score (${breaks[4].toFixed(2)})`)}</div>
    <div class="row"><span class="sw pt-tie-sw"></span>${t('既存の協定先（災害協定の相手は低い理由を表示）', 'Existing partner (for aid partners scoring low: why)')}</div>
    <div class="note">${t('円：50・100・300・500・1,000 km', 'Rings: 50, 100, 300, 500, 1,000 km')}</div>`,
  );
  for (const sw of legend.querySelectorAll<HTMLElement>('[data-colour]')) sw.style.background = sw.dataset.colour!;
  ctx.setLegend(legend);
}

/** The hazard figures of the chosen municipality, its zones and, for an island, its port. */
function originLines(o: DisasterRanking['origin']): Html {
  const h = o.hazard;
  const zones = joinHtml(
    [
      ...o.zones.map((z) => html`<span class="badge est">${label('hazardZone', z)}</span>`),
      ...o.possibleZones.map(
        (z) =>
          html`<span class="badge" title="${t('県の一部のみ指定（対象市町村は未収録）', 'prefecture partly designated (members not listed)')}">${t('区域の可能性', 'maybe in')}: ${label('hazardZone', z)}</span>`,
      ),
    ],
    ' ',
  );
  const anyZone = o.zones.length + o.possibleZones.length > 0;
  return html`<p class="sub ds-hazard" data-testid="origin-hazard">${t('30年以内に震度6弱以上', 'JMA 6− or stronger within 30 years')}: <b>${h.quakeProb30 === null ? t('値なし（県の中央値で計算）', 'no value (prefecture median used)') : pct(h.quakeProb30)}</b>
      · ${t('浸水想定', 'flood')} ${pct(h.floodShare)} · ${t('津波', 'tsunami')} ${pct(h.tsunamiShare)}
      <span class="badge est" title="${t('J-SHIS 2024・ハザードマップポータルを加工した派生値（公式統計ではない）。0 %は地図が未公表の場合もある。', 'Derived from J-SHIS 2024 and the Hazard Map Portal (not official statistics); 0 % can mean no map was published.')}">${t('派生値', 'derived')}</span>
      ${anyZone ? html`<br>${t('想定地震の区域', 'Designated zones')}: ${zones}` : ''}</p>
    ${
      o.island && o.port
        ? html`<p class="sub ds-island" data-testid="origin-island"><span class="badge ds-sea">${t('離島', 'island')}</span> ${t(
            `応援は海を渡り、最寄りの本土・${o.port.name}（海上約${fmtInt(o.port.seaKm)} km）から。到達性は港経由の距離と船の乗り継ぎで計算しています。`,
            `Help crosses the sea from the nearest mainland, ${o.port.name} (about ${fmtInt(o.port.seaKm)} km by sea); reachability counts the way through the port and the ferry.`,
          )}</p>`
        : ''
    }`;
}

/** One candidate: name, score, factor bars, the hazard figures used, ties and crossings. */
function itemHtml(s: DisasterState, i: DisasterItem, origin: DisasterRanking['origin'], rank?: number): Html {
  const f = i.factors;
  return html`
      <li data-code="${i.code}" tabindex="0"${rank ? html` data-rank="${rank}"` : ''}>
        <div class="pt-head">${rank ? html`<span class="ds-rank">${t(`${fmtInt(rank)}位`, `#${fmtInt(rank)}`)}</span>` : ''}<b>${nameOfCode(s.ctx, i.code, i.name)}</b> <small>${prefNameOfCode(s.ctx, i.code, i.prefName)}</small> <span class="pt-km">${fmtInt(i.distanceKm)} km</span>
          <span class="pt-score" data-testid="score">${i.score.toFixed(3)}</span></div>
        <span class="bar pt-scorebar"><span data-w="${i.score}"></span></span>
        ${factorBar(t('同じ地震を避ける', 'Not the same quake'), 1 - f.sameQuake, t('1 − 同じ地震で被災する見込み（距離・両者のJ-SHIS確率・区域）', '1 − chance of the same earthquake (distance, both J-SHIS probabilities, zones)'))}
        ${factorBar(t('自身の安全', 'Own safety'), 1 - f.ownHazard, t('1 − 相手自身の30年震度6弱以上確率', '1 − the partner’s own 30-year probability'))}
        ${f.sameStorm >= 0.01 ? factorBar(t('同じ豪雨を避ける', 'Not the same storm'), 1 - f.sameStorm, t('1 − 同じ豪雨・台風で浸水する見込み', '1 − chance of the same flood')) : ''}
        ${factorBar(t('到達性', 'Reachability'), f.reachability, i.seaCrossing ? t(`港経由 ${fmtInt(f.routeKm)} km・船${f.crossings}回`, `${fmtInt(f.routeKm)} km via ports, ${f.crossings} ferry`) : '')}
        ${factorBar(t('応援力', 'Capacity'), f.capacity, t('人口比から', 'from the population ratio'))}
        <div class="chips"><span class="badge" title="${t('J-SHIS 2024（派生値）', 'J-SHIS 2024 (derived)')}">${t('震度6弱+ 30年', 'JMA 6− 30 yr')} ${pct(f.hazard.quakeProb30)}</span>
          ${i.seaCrossing ? html`<span class="badge ds-sea">${t('海を渡る（船）', 'sea crossing (ferry)')}</span>` : ''}
          ${i.existingTies.map((k) => html`<span class="badge pt-tie">✓ ${label('exchangeKind', k)}</span>`)}
          ${i.tieNetworks.map((n) => html`<span class="badge pt-tie">✓ ${n}</span>`)}
          ${f.sharedZones.map((z) => html`<span class="badge est">${t('同じ区域', 'same zone')}: ${label('hazardZone', z)}</span>`)}
          ${f.possibleZones.map((z) => html`<span class="badge" title="${t('県の一部のみ指定（対象市町村は未収録）', 'prefecture partly designated (members not known)')}">${t('区域の可能性', 'maybe zone')}: ${label('hazardZone', z)}</span>`)}</div>
        ${isLow(s, i.score) ? html`<p class="ds-reason" data-testid="reason">${t('低い理由', 'Held down by')}: ${reason(i, origin, nameOfCode(s.ctx, origin.code, origin.name))}</p>` : ''}
      </li>`;
}

/** Partners A already has: where they rank and, for a low score, why (a documented tie is not silently "unsuitable"). */
function existingHtml(s: DisasterState, r: DisasterRanking): Html {
  const listed = new Set(s.ties.map((x) => (x.a.code === r.origin.code ? x.b.code : x.a.code)));
  const mine = r.existing.filter((e) => listed.has(e.code));
  if (!mine.length) return html``;
  const low = mine.filter((e) => isLow(s, e.score)).length;
  return html`<details class="pt-explain ds-existing" data-testid="existing"><summary>${t(`既存の協定先 ${mine.length}団体`, `Existing partners: ${mine.length}`)}${low ? t(`（うち${low}団体は適性が低い：理由を表示）`, ` (${low} score low: see why)`) : ''}</summary>
      <p class="sub">${t('協定は交流・縁組・疎開先など災害時応援の適性とは別の理由でも結ばれます。低い適性はその相手が同時被災・規模・距離の点で弱いことを示すだけで、協定の価値を否定するものではありません。', 'Agreements are also made for exchange, family ties or evacuation: a low score only says where the partner is weak for mutual aid (same disaster, size, distance), not that the tie has no value.')}</p>
      <ol class="pt-rank ds-existing-list">${mine.map((e) => itemHtml(s, e, r.origin, e.rank))}</ol></details>`;
}

function drawList(s: DisasterState): void {
  const { ctx, panel, ranking } = s;
  const box = panel.querySelector<HTMLElement>('#ds-list')!;
  if (!ranking) {
    setHtml(box, html`<p class="empty">${t('地図をクリックするか、上の欄で市区町村を選んでください。', 'Click the map or choose a municipality above.')}</p>`);
    return;
  }
  const o = ranking.origin;
  setHtml(
    box,
    html`
    <h3>${nameOfCode(ctx, o.code, o.name)}${t('の応援相手候補', ': best aid partners')} <small class="sub">${t(`全${fmtInt(ranking.total)}団体から`, `of ${fmtInt(ranking.total)}`)}</small></h3>
    ${originLines(o)}
    ${existingHtml(s, ranking)}
    <ol class="pt-rank" data-testid="disaster-ranking">${ranking.items.map((i) => itemHtml(s, i, o))}</ol>`,
  );
  applyWidths(box);
  for (const li of box.querySelectorAll<HTMLElement>('li[data-code]')) {
    const go = () => ctx.select(li.dataset.code!, { fly: false });
    li.addEventListener('click', go);
    li.addEventListener('keydown', (e) => e.key === 'Enter' && go());
  }
}

async function refresh(s: DisasterState): Promise<void> {
  const { ctx, panel } = s;
  const origin = ctx.state.get('origin');
  if (!origin || !ctx.munis.has(origin)) {
    s.ranking = null;
    drawList(s);
    drawMap(s);
    return;
  }
  await s.load(
    panel.querySelector('#ds-status')!,
    () => Promise.all([api('/api/partners/:code', { code: origin }, { query: query(ctx, 30) }), api('/api/exchanges', { query: { code: origin } })]),
    ([r, x]) => {
      if (!s.alive) return;
      s.ranking = r;
      s.ties = x.items;
      drawList(s);
      drawMap(s);
    },
  );
}

async function exportRanking(ctx: AppContext, format: TableFormat): Promise<void> {
  const origin = ctx.state.get('origin');
  if (!origin) return;
  const all = await api('/api/partners/:code', { code: origin }, { query: query(ctx, 1740) });
  await downloadTable(
    `disaster-aid-partners-${origin}`,
    format,
    [
      'rank',
      'code',
      'name',
      'prefecture',
      'distance_km',
      'route_km',
      'sea_crossing',
      'score',
      'risk',
      'same_quake',
      'same_storm',
      'own_hazard',
      'reachability',
      'capacity',
      'limited_by',
      'quake_prob30_pct',
      'flood_share_pct',
      'tsunami_share_pct',
      'shared_zones',
      'possible_zones',
      'existing_ties',
      `params: ${Object.entries(all.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    ],
    all.items.map((i, n) => [
      n + 1,
      i.code,
      i.name,
      i.prefName,
      i.distanceKm,
      i.factors.routeKm,
      i.seaCrossing ? 1 : 0,
      i.score,
      i.factors.risk,
      i.factors.sameQuake,
      i.factors.sameStorm,
      i.factors.ownHazard,
      i.factors.reachability,
      i.factors.capacity,
      i.factors.limitedBy,
      i.factors.hazard.quakeProb30 ?? '',
      i.factors.hazard.floodShare,
      i.factors.hazard.tsunamiShare,
      i.factors.sharedZones.join(' '),
      i.factors.possibleZones.join(' '),
      [...i.existingTies, ...i.tieNetworks].join(' '),
      '',
    ]),
  );
}

class DisasterView implements ViewBody {
  private s: DisasterState | null = null;

  mount(ctx: AppContext, panel: HTMLElement): Promise<void> {
    const s: DisasterState = { ctx, panel, alive: true, ranking: null, ties: [], load: latestOnly(), detach: [] };
    this.s = s;
    const params = paramsFromUrl(ctx, disasterParamSpecs);
    setHtml(
      panel,
      html`
      <h2>${t('災害時相互応援の相手を探す', 'Find disaster mutual-aid partners')}</h2>
      ${originPicker(ctx, 'ds-origin', t('市区町村', 'Municipality'), ctx.state.get('origin'), (code) => ctx.state.set({ origin: code }))}
      <p class="sub">${t('地図のクリックでも選べます。', 'Or click the map.')}</p>
      <p class="ds-example">${t('例：中越地震（2004）では約210 km離れた狛江市の消防が協定先の川口町に一番乗り。', 'E.g. in the 2004 Chūetsu (中越) earthquake, the fire brigade of Komae (狛江市), ~210 km away, was first to reach its partner Kawaguchi (川口町).')}
        <button type="button" class="linkish" id="ds-example">${t('狛江市で試す', 'Try Komae (狛江市)')}</button></p>
      <details class="pt-explain" data-testid="how-it-works"><summary>${t('考え方', 'How the score works')}</summary>
        <p>${t('良い応援相手は「同じ災害で同時に被災しにくく、自らも被災しにくく、駆けつけられるほど近く、支えられるだけの規模がある」相手です。2004年の中越地震では、約210 km離れた狛江市の消防が協定先の川口町（現・長岡市）に最初に到着しました。', 'A good partner is not struck by the same disaster, is unlikely to be struck itself, is near enough to come and large enough to help. After the 2004 Chūetsu (中越) earthquake, the fire brigade of Komae (狛江市) was first to reach its partner Kawaguchi (川口町, now Nagaoka 長岡市), about 210 km away.')}</p>
        <p>${t('適性 ＝ (1 − 同じ地震) × (1 − 同じ豪雨) × (1 − 相手自身の被災) × 到達性 × 応援力。', 'Score = (1 − same earthquake) × (1 − same storm) × (1 − partner struck itself) × reachability × capacity.')}</p>
        <ul class="ds-terms">
          <li>${t('同じ地震：距離とともに減り（相関距離）、相手の30年震度6弱以上確率が自分より低ければその比だけ小さくなります（J-SHIS 2024）。同じ想定地震の区域（南海トラフ・首都直下・日本海溝）なら加算、県の一部だけ指定で対象が未収録なら半分を加算。', 'Same earthquake: falls with distance (correlation distance) and, where the partner’s 30-year probability of JMA 6− is below yours, by that ratio (J-SHIS 2024); raised inside the zone of the same expected earthquake (Nankai, Tokyo inland, Japan Trench), by half where the prefecture is only partly designated and members are not listed.')}</li>
          <li>${t('相手自身の被災：相手の30年確率そのもの。協定の寿命はほぼ30年で、その間に自ら被災した相手は応援に来られません。', 'Partner struck itself: its own 30-year probability — about the life of an agreement; a partner struck itself cannot come.')}</li>
          <li>${t('同じ豪雨：両者とも浸水想定区域（洪水・高潮）に住む人が多く、近いほど高くなります（令和元年東日本台風は長野から宮城まで同時に浸水）。', 'Same storm: both with many residents in flood or storm-surge areas, and near each other (the 2019 typhoon Hagibis flooded Nagano to Miyagi at once).')}</li>
          <li>${t('到達性：道路で約700 kmを境に下がります。離島は最寄りの本土の港を経由し、船での渡海1回を約200 kmの道路に換算（隠岐–七類のフェリー約2.5時間）。「海を渡る」は船が必要な相手。橋でつながる島（淡路島・天草など）は陸続きとして扱います。', 'Reachability: falls beyond about 700 km by road. Islands go through the nearest mainland port, each ferry crossing counting as about 200 km of road (the Oki–Shichirui ferry, 隠岐–七類, ~2.5 h). “Sea crossing” marks partners reached by ferry; islands joined by road bridges (Awaji 淡路島, Amakusa 天草 …) count as mainland.')}</li>
          <li>${t('応援力：相手の人口が自分と同じなら63 %、3倍なら95 %。村は市を支えきれません（総務省の応急対策職員派遣制度は被災市町村に都道府県・指定都市を割り当てます）。', 'Capacity: 63 % for a partner as large as you, 95 % for three times larger; a village cannot carry a city (MIC’s counterpart scheme pairs an affected municipality with a prefecture or designated city).')}</li>
        </ul>
        <p class="sub">${t('根拠：66自治体の応援協定の調査（目黒公郎, 東京大学 CIDIR, 2014）では平均12.4団体と協定、約29 %が30 km以内、約53 %が100 km超。500–800 kmの相手は協定の8 %未満でしたが、東日本大震災後の応援の約32 %を担いました。山川町（現・指宿市）–倶知安町は約1,580 km。ハザードの値はJ-SHIS 2024・ハザードマップポータルを加工した派生値です。', 'Evidence: a 2014 study of 66 municipalities’ agreements (Kimiro Meguro 目黒公郎, University of Tokyo CIDIR) found 12.4 partners on average, ~29 % within 30 km and ~53 % beyond 100 km; pairs 500–800 km apart were < 8 % of agreements but gave ~32 % of the aid after 2011. Yamakawa (山川町, now Ibusuki 指宿市) and Kutchan (倶知安町) are ~1,580 km apart. Hazard figures are derived from J-SHIS 2024 and the Hazard Map Portal.')}</p>
      </details>
      <details class="pt-explain" id="ds-params" ${paramKeys.some((k) => ctx.state.get(k) !== null) ? 'open' : ''}><summary>${t('前提（パラメータ）', 'Assumptions (parameters)')}</summary>
        ${sliders(ctx, disasterParamSpecs, params)}
        <div class="btn-row"><button type="button" class="btn secondary" id="ds-reset">${t('既定値に戻す', 'Reset')}</button></div>
      </details>
      <div class="btn-row">${exportButtons('ds', t('順位をCSVで書き出す', 'Export ranking (CSV)'))}</div>
      <div class="btn-row">${exportButtons('ds-table', t('全国の相手表（CSV）', 'National partner table (CSV)'), t('全市区町村それぞれの上位3つの相手（互いに最適な組を表示）', 'Every municipality’s three best partners, pairs that choose each other marked'))}</div>
      <p id="ds-status" class="sub" aria-live="polite"></p>
      <div id="ds-list"></div>`,
    );
    wireSliders(ctx, panel, disasterParamSpecs);
    panel.querySelector('#ds-example')!.addEventListener('click', () => ctx.state.set({ origin: '13219' }));
    panel.querySelector('#ds-reset')!.addEventListener('click', () => ctx.state.set(Object.fromEntries(paramKeys.map((k) => [k, null]))));
    onExport(
      panel,
      'ds',
      (format) => exportRanking(ctx, format),
      (err) => ctx.toast(err.message),
    );
    onExport(
      panel,
      'ds-table',
      (format) => downloadPartnerTable(ctx, 'disaster', disasterParamSpecs, format),
      (err) => ctx.toast(err.message),
    );
    const unsubscribe = ctx.state.subscribe((changed) => {
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
      if (changed.has('origin')) frameOrigin(ctx, ctx.state.get('origin'), 6.5);
      void refresh(s);
    });
    const onZoom = () => drawLayers(s);
    ctx.atlas.map.on('zoomend', onZoom);
    s.detach.push(unsubscribe, () => ctx.atlas.map.off('zoomend', onZoom));
    return refresh(s);
  }

  unmount(ctx: AppContext): void {
    if (this.s) {
      for (const undo of this.s.detach) undo();
      this.s.alive = false;
    }
    this.s = null;
    clearRanking(ctx, 'disaster');
    ctx.atlas.setSelected([]);
  }

  onMapClick(code: string): boolean {
    this.s?.ctx.state.set({ origin: code });
    return true;
  }

  tooltip(m: Municipality): Html | null {
    const ranking = this.s?.ranking;
    if (!ranking) return null;
    if (m.code === ranking.origin.code) return html`${t('選択中の市区町村', 'Chosen municipality')}`;
    const score = ranking.scores[m.code];
    const tied = ranking.existing.find((e) => e.code === m.code);
    if (tied)
      return html`${t('既存の協定先', 'Existing partner')} · ${t('適性', 'Score')}: <b>${tied.score.toFixed(3)}</b> (${t(`${fmtInt(tied.rank)}位`, `#${fmtInt(tied.rank)}`)})<br>${reason(tied, ranking.origin, nameOfCode(this.s!.ctx, ranking.origin.code, ranking.origin.name))}`;
    return score === undefined ? null : html`${t('適性', 'Score')}: <b>${score.toFixed(3)}</b>`;
  }
}

export const disasterView: ViewBody = new DisasterView();
