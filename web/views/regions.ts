/**
 * Regions view: every region of a type drawn at once from its dissolved outline, centre cities marked, a region's
 * panel on click; an eligibility layer (who leads, who could lead, who narrowly misses); and what-if groupings built
 * by clicking or lassoing municipalities, summed live in the browser and saved as custom regions.
 * URL keys: rtype, region, elig, group, gname (plus sel).
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { bbox, booleanPointInPolygon, point, polygon } from '@turf/turf';
import type { Feature, MultiPolygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { MapMouseEvent } from 'maplibre-gl';
import type { Municipality, MunicipalityDetail, MunicipalityKind } from '../../domain/records/municipalities.ts';
import { type EligibilityCity, neighbourMap, groupTotals } from '../../domain/scoring/eligibility.ts';
import type {
  EligibilityCandidate,
  EligibilityList,
  EligibilityScheme,
  EligibilityStatus,
  GroupSummary,
  RegionDetail,
  RegionList,
  RegionSummary,
  RegionType,
} from '../../domain/records/regions.ts';
import { regionTypes } from '../../domain/records/regions.ts';
import { ApiClientError, api, canWrite } from '../api.ts';
import type { AppContext, ViewBody } from '../context.ts';
import { esc, fmtInt, fmtValue } from '../format.ts';
import { label, t } from '../i18n.ts';
import { categorical, rgb } from '../palette.ts';
import { downloadCsv, downloadGeoJson } from '../ui/export.ts';
import './regions.css';

/** Okabe–Ito: blue leads, orange could lead, reddish purple narrowly misses. */
const statusColour: Record<EligibilityStatus, string> = { lead: '#0072B2', eligible: '#E69F00', needs_check: '#56B4E9', near_miss: '#CC79A7' };
/** Statuses drawn faintly: the region is not (or no longer) in force. */
const faintStatuses = new Set(['unconfirmed', 'converted', 'abolished', 'dissolved', 'superseded']);
/** Centre declared or formation planned: drawn like formed regions, but counted apart. */
const pendingStatuses = new Set(['declared', 'planned']);
/** 0: in force, 1: declared or planned, 2: unconfirmed or ended — the order of the list and of the counts. */
const tierOf = (status: string) => (faintStatuses.has(status) ? 2 : pendingStatuses.has(status) ? 1 : 0);

/**
 * The regions of a list in tiers (in force, declared/planned, unconfirmed/ended), each with a label and count,
 * so the list, the legend and the coverage note say the same numbers.
 * @example statusTiers(items).map((g) => g.items.length) // [37, 1]
 */
export function statusTiers(items: readonly RegionSummary[]): { tier: number; label: string; items: RegionSummary[] }[] {
  const tiers = [0, 1, 2].map((tier) => ({ tier, items: items.filter((r) => tierOf(r.status) === tier) })).filter((g) => g.items.length);
  return tiers.map((g) => {
    const statuses = [...new Set(g.items.map((r) => r.status))];
    const tierLabel =
      g.tier === 0
        ? statuses.every((x) => x === 'active')
          ? t('形成済み', 'formed')
          : statuses.map((x) => label('regionStatus', x)).join('・')
        : g.tier === 1
          ? t('宣言・予定', 'declared or planned')
          : statuses.every((x) => x === 'unconfirmed')
            ? t('未確認', 'unconfirmed')
            : statuses.includes('unconfirmed')
              ? t('未確認・終了', 'unconfirmed or ended')
              : t('移行・廃止など', 'converted or ended');
    return { ...g, label: tierLabel };
  });
}

/** "37 formed + 1 unconfirmed" (just the number when every region is in force). */
function tierCounts(tiers: ReturnType<typeof statusTiers>): string {
  if (tiers.length === 1 && tiers[0].tier === 0) return fmtInt(tiers[0].items.length);
  return tiers.map((g) => t(`${g.label}${fmtInt(g.items.length)}`, `${fmtInt(g.items.length)} ${g.label}`)).join(' ＋ ');
}
const typeFromId: [string, RegionType][] = [
  ['ccr-', 'central_city_region'],
  ['sz-', 'settlement_zone'],
  ['pref-', 'prefecture'],
  ['seed-', 'seed_grouping'],
  ['custom-', 'custom'],
];

interface Local {
  ctx: AppContext;
  panel: HTMLElement;
  list: RegionList | null;
  byMember: Map<string, RegionSummary[]>;
  colours: Map<string, string>;
  elig: EligibilityList | null;
  eligByCode: Map<string, EligibilityCandidate>;
  whatIf: boolean;
  lasso: { on: boolean; points: [number, number][]; drawing: boolean; shift: boolean };
  group: GroupSummary | null;
  selected: string | null;
  /** The boundary topology, fetched when the view opens (neighbours, what-if outlines). */
  topology: Topology;
  /** Ignores answers that arrive after a newer request. */
  seq: number;
}
let L: Local | null = null;

let neighboursCache: Map<string, string[]> | null = null;
const neighboursOf = (topology: Topology) => (neighboursCache ??= neighbourMap(topology));
/** The server's what-if answer (schemes need the employment areas and mergers, which only the server holds), by member list. */
let previewCache: { key: string; summary: GroupSummary } | null = null;
const citiesOf = (ctx: AppContext) => ctx.munis as unknown as ReadonlyMap<string, EligibilityCity>;

function currentType(ctx: AppContext): RegionType {
  const v = ctx.state.get('rtype');
  return (regionTypes as readonly string[]).includes(v ?? '') ? (v as RegionType) : 'central_city_region';
}
function currentScheme(ctx: AppContext): EligibilityScheme | null {
  const v = ctx.state.get('elig');
  return v === 'central_city_region' || v === 'settlement_zone' ? v : null;
}
function groupCodes(ctx: AppContext): string[] {
  return [...new Set((ctx.state.get('group') ?? '').split(',').filter((c) => ctx.munis.has(c)))];
}

/**
 * Colours regions so that touching regions differ (greedy over the Okabe–Ito colours, black left out).
 * @example regionColours(items, neighbours).get('ccr-34207') // '#0072B2'
 */
export function regionColours(items: readonly RegionSummary[], neighbours: ReadonlyMap<string, readonly string[]>): Map<string, string> {
  const palette = categorical.filter((c) => c !== '#000000');
  const owner = new Map<string, string[]>();
  for (const r of items) for (const c of r.memberCodes) owner.set(c, [...(owner.get(c) ?? []), r.id]);
  const out = new Map<string, string>();
  for (const r of items) {
    const taken = new Set<string>();
    for (const c of r.memberCodes) {
      for (const n of [c, ...(neighbours.get(c) ?? [])]) for (const other of owner.get(n) ?? []) if (other !== r.id && out.has(other)) taken.add(out.get(other)!);
    }
    out.set(r.id, palette.find((p) => !taken.has(p)) ?? palette[out.size % palette.length]);
  }
  return out;
}

const withAlpha = (hex: string, a: number): [number, number, number, number] => [...rgb(hex), a];
/**
 * Regions overlap (a town can be in two 圏域) and all lie at height 0: with deck's default depth test, a pitched
 * camera lets one region's triangles hide parts of the next one's (wedges). Flat layers are drawn in order instead.
 */
const flat = { depthWriteEnabled: false, depthCompare: 'always' } as const;

/** Applies colours and bar widths from data attributes: the page's CSP refuses inline style attributes. */
function paint<T extends HTMLElement>(root: T): T {
  for (const el of root.querySelectorAll<HTMLElement>('[data-bg]')) el.style.background = el.dataset.bg!;
  for (const el of root.querySelectorAll<HTMLElement>('[data-w]')) el.style.width = el.dataset.w!;
  return root;
}

function redraw(): void {
  if (!L) return;
  const { ctx } = L;
  const layers: Layer[] = [];
  const items = L.list?.items ?? [];
  const highlighted = new Set((L.selected ? (L.byMember.get(L.selected) ?? []) : []).map((r) => r.id));
  const open = ctx.state.get('region');
  if (open) highlighted.add(open);
  const features: Feature<MultiPolygon, { id: string; colour: string; faint: boolean; hi: boolean }>[] = items
    .filter((r) => r.outline)
    .map((r) => ({
      type: 'Feature',
      geometry: r.outline!,
      properties: { id: r.id, colour: L!.colours.get(r.id) ?? '#0072B2', faint: faintStatuses.has(r.status), hi: highlighted.has(r.id) },
    }));
  const key = `${currentType(ctx)}:${[...highlighted].join(',')}:${L.whatIf}`;
  layers.push(
    new GeoJsonLayer({
      id: 'regions-fill',
      data: features as never,
      filled: true,
      stroked: true,
      getFillColor: (f: { properties: { colour: string; faint: boolean; hi: boolean } }) =>
        withAlpha(f.properties.colour, f.properties.faint || L?.whatIf ? 30 : f.properties.hi ? 150 : 100),
      getLineColor: (f: { properties: { colour: string; hi: boolean } }) => (f.properties.hi ? [17, 24, 39, 255] : withAlpha(f.properties.colour, 255)),
      getLineWidth: (f: { properties: { hi: boolean } }) => (f.properties.hi ? 3.5 : 1.6),
      lineWidthUnits: 'pixels',
      parameters: flat,
      updateTriggers: { getFillColor: key, getLineColor: key, getLineWidth: key },
    }),
  );
  const centres = items
    .filter((r) => !faintStatuses.has(r.status))
    .flatMap((r) => r.centerCodes)
    .map((c) => ctx.munis.get(c))
    .filter((m): m is Municipality => Boolean(m));
  if (centres.length) {
    layers.push(
      new ScatterplotLayer<Municipality>({
        id: 'regions-centres',
        data: centres,
        getPosition: (m) => [m.lon, m.lat],
        getRadius: 5,
        radiusUnits: 'pixels',
        getFillColor: [255, 255, 255, 255],
        getLineColor: [21, 36, 58, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        stroked: true,
      }),
    );
  }
  if (L.elig) {
    layers.push(
      new ScatterplotLayer<EligibilityCandidate>({
        id: 'regions-eligibility',
        data: L.elig.items,
        getPosition: (c) => [c.lon, c.lat],
        getRadius: (c) => (c.status === 'eligible' ? 8 : 6),
        radiusUnits: 'pixels',
        getFillColor: (c) => withAlpha(statusColour[c.status], 235),
        getLineColor: [255, 255, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
        stroked: true,
      }),
    );
  }
  if (L.group?.memberCount) {
    layers.push(
      new GeoJsonLayer({
        id: 'regions-whatif',
        data: { type: 'Feature', geometry: L.group.outline, properties: {} } as never,
        getFillColor: [213, 94, 0, 70],
        getLineColor: [120, 40, 0, 255],
        getLineWidth: 3,
        lineWidthUnits: 'pixels',
        parameters: flat,
      }),
    );
  }
  if (L.lasso.points.length > 1) {
    layers.push(
      new PathLayer({
        id: 'regions-lasso',
        data: [{ path: [...L.lasso.points, L.lasso.points[0]] }],
        getPath: (d: { path: [number, number][] }) => d.path,
        getColor: [17, 24, 39, 255],
        getWidth: 2,
        widthUnits: 'pixels',
      }),
    );
  }
  ctx.atlas.setLayers('regions', layers);
}

function legend(): void {
  if (!L) return;
  const { ctx } = L;
  const type = currentType(ctx);
  const cov = L.list?.coverage;
  const tiers = statusTiers(L.list?.items ?? []);
  const drawn = tiers.filter((g) => g.tier < 2);
  const faint = tiers.find((g) => g.tier === 2);
  const notes: string[] = [];
  const o = cov?.officialCounts;
  if (cov && o && (type === 'central_city_region' || type === 'settlement_zone')) {
    const cityWord = type === 'central_city_region' ? t('宣言連携中枢都市', 'declared central cities') : t('宣言中心市', 'declared centre cities');
    notes.push(
      t(
        `総務省${cov.asOf ? `（${cov.asOf}時点）` : ''}: ${fmtInt(o.regions)}圏域` +
          (o.declaredCities !== null ? `・${cityWord}${fmtInt(o.declaredCities)}市` : '') +
          (o.municipalities !== null ? `・構成市町村 延べ${fmtInt(o.municipalities)}` : ''),
        `MIC${cov.asOf ? ` (${cov.asOf})` : ''}: ${fmtInt(o.regions)} regions` +
          (o.declaredCities !== null ? `, ${fmtInt(o.declaredCities)} ${cityWord}` : '') +
          (o.municipalities !== null ? `, ${fmtInt(o.municipalities)} member municipalities (counted per region)` : ''),
      ),
      t(`収録: ${fmtInt(o.regions)}のうち${fmtInt(cov.known)}圏域（形成済み）`, `Here: ${fmtInt(cov.known)} of the ${fmtInt(o.regions)} formed regions`) +
        (tiers.some((g) => g.tier > 0)
          ? t(
              `、ほかに${tiers
                .filter((g) => g.tier > 0)
                .map((g) => `${g.label}${g.items.length}`)
                .join('・')}`,
              `, plus ${tiers
                .filter((g) => g.tier > 0)
                .map((g) => `${g.items.length} ${g.label}`)
                .join(', ')}`,
            )
          : ''),
    );
  } else if (cov) notes.push(t(`${fmtInt(cov.known)}件`, `${fmtInt(cov.known)} shown`));
  const scheme = currentScheme(ctx);
  const el = document.createElement('div');
  el.dataset.testid = 'regions-legend';
  el.className = 'regions-legend';
  el.innerHTML =
    `<h4>${esc(label('regionType', type))}</h4>` +
    `<div class="row" data-testid="regions-legend-count"><span class="sw" data-bg="linear-gradient(90deg,${categorical.slice(0, 4).join(',')})"></span>${t('圏域（隣接は別色）', 'Regions (neighbours differ)')} · ${esc(tierCounts(drawn))}</div>` +
    (type === 'central_city_region' || type === 'settlement_zone' ? `<div class="row"><span class="rdot centre"></span>${t('中心市', 'Centre city')}</div>` : '') +
    (faint ? `<div class="row"><span class="sw faint"></span>${esc(faint.label)}${t('（薄色）', ' (faint)')} · ${fmtInt(faint.items.length)}</div>` : '') +
    notes.map((n, i) => `<div class="note"${i === notes.length - 1 ? ' data-testid="regions-coverage"' : ''}>${esc(n)}</div>`).join('') +
    (scheme && L.elig
      ? `<h4 class="gap">${esc(label('eligibilityScheme', scheme))}</h4>` +
        (['lead', 'eligible', 'near_miss'] as const)
          .map((s) => `<div class="row"><span class="rdot" data-bg="${statusColour[s]}"></span>${esc(label('eligibilityStatus', s))} · ${L!.elig!.counts[s]}</div>`)
          .join('') +
        `<div class="note">${t('昼夜間人口比率は東京都以外は推計値', 'Day/night ratios are estimates outside Tokyo')}</div>`
      : '') +
    (L.group?.memberCount ? `<div class="row gap"><span class="sw whatif"></span>${t('仮想グループ', 'What-if group')}</div>` : '');
  ctx.setLegend(paint(el));
}

async function loadRegions(): Promise<void> {
  if (!L) return;
  const { ctx, panel } = L;
  const seq = ++L.seq;
  const type = currentType(ctx);
  const list = await api<RegionList>(`/api/regions?type=${type}&geometry=true`);
  if (!L || seq !== L.seq) return;
  L.list = list;
  L.byMember = new Map();
  for (const r of list.items) for (const c of r.memberCodes) L.byMember.set(c, [...(L.byMember.get(c) ?? []), r]);
  L.colours = regionColours(list.items, neighboursOf(L.topology));
  const open = ctx.state.get('region');
  const ul = panel.querySelector<HTMLUListElement>('#rlist')!;
  const tiers = statusTiers(list.items);
  const item = (r: RegionSummary) =>
    `<li class="${faintStatuses.has(r.status) ? 'off' : ''}"><button type="button" data-region="${esc(r.id)}" aria-current="${r.id === open}"><span class="rsw" data-bg="${L!.colours.get(r.id)}"></span><span class="nm">${esc(r.name)}</span>${tierOf(r.status) > 0 ? `<span class="rstatus">${esc(label('regionStatus', r.status))}</span>` : ''}<small>${esc(fmtValue(r.population, '人'))}</small></button></li>`;
  // Regions in force first; declared, unconfirmed and ended ones after them under their own heading.
  ul.innerHTML = list.items.length
    ? tiers.map((g) => (tiers.length > 1 ? `<li class="rgroup" data-tier="${g.tier}">${esc(g.label)} · ${fmtInt(g.items.length)}</li>` : '') + g.items.map(item).join('')).join('')
    : `<li class="empty">${type === 'custom' ? t('保存された仮想グループはまだありません。', 'No saved what-if groupings yet.') : t('該当なし', 'None')}</li>`;
  paint(ul);
  panel.querySelector('#rcount')!.textContent = `(${tierCounts(tiers)})`;
  redraw();
  legend();
  renderSelection();
}

async function loadEligibility(): Promise<void> {
  if (!L) return;
  const { ctx, panel } = L;
  const scheme = currentScheme(ctx);
  const box = panel.querySelector<HTMLElement>('#elig-summary')!;
  if (!scheme) {
    L.elig = null;
    L.eligByCode = new Map();
    box.innerHTML = '';
    redraw();
    legend();
    return;
  }
  const data = await api<EligibilityList>(`/api/eligibility?scheme=${scheme}`);
  if (!L || currentScheme(ctx) !== scheme) return;
  L.elig = data;
  L.eligByCode = new Map(data.items.map((c) => [c.code, c]));
  const eligible = data.items.filter((c) => c.status === 'eligible');
  box.innerHTML =
    `<p class="sub">${t(`中心市 ${data.counts.lead} ・ 要件を満たすが圏域なし ${data.counts.eligible} ・ あと一歩 ${data.counts.near_miss}`, `${data.counts.lead} lead · ${data.counts.eligible} could lead but do not · ${data.counts.near_miss} near misses`)}</p>` +
    `<h4 class="sub-h">${t('要件を満たすが圏域のない市', 'Could lead a region, but do not')}</h4>` +
    (eligible.length
      ? `<ul class="region-list" data-testid="elig-list">${eligible.map((c) => `<li><button type="button" data-cand="${c.code}"><span class="rdot" data-bg="${statusColour.eligible}"></span><span class="nm">${esc(c.name)} <small>${esc(c.prefName)}</small></span><small>${esc(fmtValue(c.population, '人'))}</small></button></li>`).join('')}</ul>`
      : `<p class="empty">${t('なし', 'None')}</p>`);
  paint(box);
  redraw();
  legend();
}

function criteriaTable(c: EligibilityCandidate): string {
  const mark = (x: { met: boolean; near: boolean }) =>
    x.met
      ? `<span class="crit-ok">✓</span>`
      : x.near
        ? `<span class="crit-near" title="${esc(t('おおむね・程度の範囲', 'within the "about" margin'))}">≈</span>`
        : `<span class="crit-no">✗</span>`;
  const value = (v: number | string | boolean, id: string) => {
    if (typeof v === 'number') return id.includes('ratio') ? `${v.toFixed(1)}%` : fmtInt(v);
    // A town with no residents has no day/night ratio (the scoring marks it 'no data').
    if (v === 'no data') return t('データなし', 'no data');
    if (id === 'kind' || id === 'partner_is_city') return label('municipalityKind', v as MunicipalityKind);
    const metro = /^(inside|outside) \((\d+) km from (.+)\)$/.exec(String(v));
    if (metro)
      return metro[1] === 'inside'
        ? t(`圏内（${metro[3]}から${metro[2]}km）`, `inside (${metro[2]} km from ${metro[3]})`)
        : t(`圏外（${metro[3]}から${metro[2]}km）`, `outside (${metro[2]} km from ${metro[3]})`);
    return String(v);
  };
  const threshold = (x: { id: string; threshold: string }) =>
    x.id === 'kind'
      ? t('指定都市・中核市', 'designated or core city')
      : x.id.startsWith('outside_big_metro')
        ? t('三大都市圏の中心から50km超', 'over 50 km from a big-three core')
        : x.id === 'partner_is_city'
          ? t('隣接する市', 'a neighbouring city')
          : x.threshold;
  return `<table class="data" data-testid="criteria"><thead><tr><th></th><th>${t('要件', 'Criterion')}</th><th class="num">${t('値', 'Value')}</th><th>${t('基準', 'Threshold')}</th></tr></thead><tbody>${c.criteria
    .map(
      (x) =>
        `<tr><td>${mark(x)}</td><td>${esc(label('eligibilityCriterion', x.id))}${x.note === 'estimated' ? ' <span class="badge est">' + t('推計', 'estimate') + '</span>' : x.note === 'measured' ? ' <span class="badge">' + t('実測', 'measured') + '</span>' : ''}</td><td class="num">${esc(value(x.value, x.id))}</td><td><small>${esc(threshold(x))}</small></td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function showCandidate(c: EligibilityCandidate): void {
  if (!L) return;
  const { ctx } = L;
  const scheme = currentScheme(ctx)!;
  const partner = c.partnerCode ? ctx.munis.get(c.partnerCode) : undefined;
  const body = ctx.showPanel(
    `<div data-testid="candidate-panel"><h2>${esc(c.name)}</h2><p class="sub">${esc(c.prefName)} · ${esc(label('municipalityKind', c.kind))} · ${esc(label('eligibilityScheme', scheme))}</p>` +
      `<p><span class="rdot inline" data-bg="${statusColour[c.status]}"></span> <b>${esc(label('eligibilityStatus', c.status))}</b>` +
      (c.leadsRegion ? ` — <button type="button" class="rlink" data-open="${esc(c.leadsRegion.id)}">${esc(c.leadsRegion.name)}</button>` : '') +
      `</p>` +
      (c.path === 'two_city' && partner ? `<p class="sub">${t(`隣接する2市の特例（${partner.name}と）で判定`, `Judged as the two-city case, with ${partner.name}`)}</p>` : '') +
      criteriaTable(c) +
      `<p class="sub gap">${t('基準: 総務省資料（シード 002）。「おおむね」は昼夜間人口比率95%以上・人口は基準の90%以上を「あと一歩」として表示。三大都市圏は11都府県のうち特別区部・名古屋市・大阪市から50km以内。', 'Criteria from the MIC document (seed 002). "About" is shown as a near miss: ratio ≥ 95 %, population ≥ 90 % of the threshold. Big-three metro areas: within 50 km of 特別区部, 名古屋市 or 大阪市 in the 11 metropolitan prefectures.')}</p></div>`,
  );
  paint(body);
  body.querySelector<HTMLButtonElement>('[data-open]')?.addEventListener('click', (e) => {
    const id = (e.currentTarget as HTMLElement).dataset.open!;
    ctx.state.set({ rtype: 'central_city_region' === scheme ? 'central_city_region' : 'settlement_zone', region: id });
  });
}

async function showRegion(id: string, fly = false): Promise<void> {
  if (!L) return;
  const { ctx } = L;
  const body = ctx.showPanel(`<p class="empty">${t('読み込み中…', 'Loading…')}</p>`);
  let r: RegionDetail;
  try {
    r = await api<RegionDetail>(`/api/regions/${encodeURIComponent(id)}`);
  } catch (err) {
    body.innerHTML = `<p class="empty">${esc((err as Error).message)}</p>`;
    return;
  }
  if (!L) return;
  const max = Math.max(...r.members.map((m) => m.population), 1);
  const source = /^https?:\/\//.test(r.source) ? `<a href="${esc(r.source.split(/\s/)[0])}" target="_blank" rel="noopener">${esc(r.source)}</a>` : esc(r.source);
  const row = (label: string, value: string) => `<tr><th>${esc(label)}</th><td>${value}</td></tr>`;
  const current = r.members.filter((m) => m.status === r.status);
  body.innerHTML = `
    <div data-testid="region-panel">
    <h2 data-testid="region-name">${esc(r.name)}</h2>
    <p class="sub"><span class="badge">${esc(label('regionType', r.type))}</span> <span class="badge">${esc(label('regionStatus', r.status))}</span> ${esc(r.id)}</p>
    <table class="kv" data-testid="region-totals">
      ${row(t('人口（2020年）', 'Population (2020)'), esc(fmtValue(r.population, '人')))}
      ${row(t('面積', 'Area'), esc(fmtValue(r.areaKm2, 'km²')))}
      ${row(t('構成市町村数', 'Members'), esc(fmtInt(r.memberCount)))}
      ${r.centerShare !== null ? row(t('中心市の人口割合', "Centre's share of population"), esc(fmtValue(r.centerShare, '%'))) : ''}
      ${r.asOf ? row(t('時点', 'As of'), esc(r.asOf)) : ''}
    </table>
    ${r.note ? `<p class="sub gap">${esc(r.note)}</p>` : ''}
    <h3>${t('構成市町村', 'Members')} (${current.length}${r.members.length > current.length ? ` + ${r.members.length - current.length}` : ''})</h3>
    <table class="data member-bars" data-testid="region-members"><thead><tr><th>${t('名称', 'Name')}</th><th>${t('参加', 'Joined')}</th><th class="num">${t('人口', 'Population')}</th><th></th></tr></thead><tbody>
    ${r.members
      .map(
        (m) =>
          `<tr><td class="mname"><span class="nm">${esc(m.name)}</span>${m.role === 'center' ? `<span class="role" title="${esc(t('中心市', 'Centre city'))}">${t('中心', 'centre')}</span>` : ''}${m.status !== r.status ? `<span class="badge est">${esc(label('regionStatus', m.status))}</span>` : ''}<small class="pref">${esc(m.prefecture)}</small></td>` +
          `<td class="joined"${m.joined ? ` title="${esc(m.joined)}"` : ''}>${esc(m.joined ? m.joined.slice(0, 7) : '—')}</td><td class="num">${esc(fmtInt(m.population))}</td><td class="barcell"><div class="bar"><span data-w="${((m.population / max) * 100).toFixed(1)}%"></span></div></td></tr>`,
      )
      .join('')}
    </tbody></table>
    <h3>${t('出典', 'Source')}</h3><p class="sub source">${source}</p>
    <div class="btn-row">
      <button type="button" class="btn secondary" data-act="csv">${t('構成市町村 CSV', 'Members CSV')}</button>
      <button type="button" class="btn secondary" data-act="geojson">${t('範囲 GeoJSON', 'Outline GeoJSON')}</button>
      <button type="button" class="btn secondary" data-act="whatif">${t('仮想グループにコピー', 'Copy to what-if')}</button>
      ${r.type === 'custom' ? `<button type="button" class="btn secondary" data-act="delete">${t('削除', 'Delete')}</button>` : ''}
    </div><p class="msg" data-role="msg" hidden></p></div>`;
  paint(body);
  body.querySelector('[data-act="csv"]')!.addEventListener('click', () =>
    downloadCsv(
      `${r.id}-members.csv`,
      ['region_id', 'region_name', 'code', 'name', 'prefecture', 'role', 'joined', 'status', 'population', 'area_km2'],
      r.members.map((m) => [r.id, r.name, m.code, m.name, m.prefecture, m.role, m.joined, m.status, m.population, m.areaKm2]),
    ),
  );
  body.querySelector('[data-act="geojson"]')!.addEventListener('click', () =>
    downloadGeoJson(`${r.id}.geojson`, {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: r.outline,
          properties: {
            id: r.id,
            name: r.name,
            type: r.type,
            population: r.population,
            areaKm2: r.areaKm2,
            memberCount: r.memberCount,
            memberCodes: r.memberCodes,
            source: r.source,
          },
        },
      ],
    }),
  );
  body.querySelector('[data-act="whatif"]')!.addEventListener('click', () => {
    if (!L) return;
    L.whatIf = true;
    ctx.state.set({ group: r.memberCodes.join(','), gname: `${r.name} ${t('（変更案）', '(variant)')}` });
  });
  body.querySelector('[data-act="delete"]')?.addEventListener('click', async () => {
    const msg = body.querySelector<HTMLElement>('[data-role="msg"]')!;
    msg.hidden = false;
    if (!canWrite()) {
      msg.className = 'msg warn';
      msg.textContent = tokenMessage();
      return;
    }
    try {
      await api(`/api/regions/${encodeURIComponent(r.id)}`, { method: 'DELETE' });
      ctx.toast(t(`「${r.name}」を削除しました`, `Deleted “${r.name}”`));
      ctx.closePanel();
      ctx.state.set({ region: null });
      await loadRegions();
    } catch (err) {
      msg.className = 'msg warn';
      msg.textContent = (err as Error).message;
    }
  });
  if (fly) {
    const [w, s, e, n] = bbox(r.outline);
    ctx.atlas.map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: { top: 40, bottom: 40, left: 40, right: 380 }, maxZoom: 10, duration: matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 1200 },
    );
  }
}

const tokenMessage = () =>
  t(
    '保存・削除には書き込みトークンが必要です。サーバー起動時に表示されたURL（…?token=…）でこのページを開き直してください。',
    'Saving and deleting need the write token: reopen the atlas with the URL the server printed at start (…?token=…).',
  );

/** The selected municipality's regions of every type, with links. */
async function renderSelection(): Promise<void> {
  if (!L) return;
  const { ctx, panel } = L;
  const box = panel.querySelector<HTMLElement>('#rsel')!;
  const code = L.selected;
  const m = code ? ctx.munis.get(code) : undefined;
  if (!m) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const head = `<b>${esc(m.name)}</b> <small>${esc(m.prefName)}</small> — ${t('所属する圏域を強調表示', 'its regions are highlighted')}`;
  box.innerHTML = head;
  try {
    const d = await api<MunicipalityDetail>(`/api/municipalities/${m.code}`);
    if (!L || L.selected !== m.code) return;
    const regions = d.regions;
    box.innerHTML =
      head +
      (regions.length
        ? `<ul data-testid="selected-regions">${regions.map((r) => `<li><button type="button" data-goto="${esc(r.id)}" data-type="${r.type}">${esc(r.name)}</button> <small>${esc(label('regionType', r.type))}${r.role === 'center' ? ` · ${t('中心市', 'centre')}` : ''}</small></li>`).join('')}</ul>`
        : `<div class="sub">${t('圏域に属していません。', 'Not in any known region.')}</div>`);
  } catch {
    // The detail panel shows the error; the highlight still works.
  }
}

function renderWhatIf(): void {
  if (!L) return;
  const { ctx, panel } = L;
  const box = panel.querySelector<HTMLElement>('#whatif')!;
  const codes = groupCodes(ctx);
  const toggle = panel.querySelector<HTMLButtonElement>('#whatif-toggle')!;
  toggle.textContent = L.whatIf ? t('グループ作成を終了', 'Stop building') : t('グループを作る', 'Build a grouping');
  toggle.setAttribute('aria-pressed', String(L.whatIf));
  // While building a grouping the region list steps aside, so the live totals stay in view.
  for (const el of panel.querySelectorAll<HTMLElement>('.rlist-part')) el.hidden = L.whatIf;
  panel.querySelector<HTMLButtonElement>('#lasso')!.disabled = !L.whatIf;
  const key = codes.join(',');
  if (!codes.length) L.group = null;
  else if (previewCache?.key === key) L.group = previewCache.summary;
  else {
    // Totals at once from the local boundaries; who could lead comes with the server's answer.
    L.group = { ...groupTotals(codes, citiesOf(ctx), L.topology), schemes: [] };
    void api<GroupSummary>('/api/regions/preview', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ memberCodes: codes }) })
      .then((summary) => {
        previewCache = { key, summary };
        if (L && groupCodes(L.ctx).join(',') === key) renderWhatIf();
      })
      .catch(() => undefined);
  }
  redraw();
  legend();
  if (!L.whatIf && !codes.length) {
    box.innerHTML = `<p class="sub">${t('市区町村をクリック（Shift+クリックで除外）または投げ縄で囲んで、独自の圏域を試算・保存できます。', 'Click municipalities (Shift+click removes) or draw a lasso to try a grouping of your own, then save it.')}</p>`;
    return;
  }
  const g = L.group;
  const name = ctx.state.get('gname') ?? '';
  const schemes = g
    ? g.schemes
        .map((s) => {
          const names = (s.met ? s.centres : s.nearMisses)
            .map((c) =>
              c
                .split('+')
                .map((x) => ctx.munis.get(x)?.name ?? x)
                .join('＋'),
            )
            .join('、');
          return `<tr><td>${s.met ? '<span class="crit-ok">✓</span>' : s.nearMisses.length ? '<span class="crit-near">≈</span>' : '<span class="crit-no">✗</span>'}</td><td>${esc(label('eligibilityScheme', s.scheme))}</td><td><small>${esc(names || '—')}</small></td></tr>`;
        })
        .join('')
    : '';
  box.innerHTML = `<div class="whatif-box" data-testid="whatif">
    ${L.whatIf ? `<p class="sub">${t('地図をクリックで追加・削除、Shift+クリックで除外。「投げ縄」で範囲をドラッグして一括選択。', 'Click the map to add or remove, Shift+click to remove; “Lasso” selects everything inside a shape you drag.')}</p>` : ''}
    <label class="field" for="gname">${t('グループ名', 'Name')}</label>
    <input id="gname" type="text" maxlength="80" value="${esc(name)}" placeholder="${esc(t('例: 〇〇広域連携案', 'e.g. Eastern valley partnership'))}">
    ${
      g
        ? `<table class="kv gap" data-testid="whatif-summary">
        <tr><th>${t('構成市町村数', 'Members')}</th><td>${fmtInt(g.memberCount)}</td></tr>
        <tr><th>${t('人口（2020年）', 'Population (2020)')}</th><td data-testid="whatif-population">${esc(fmtValue(g.population, '人'))}</td></tr>
        <tr><th>${t('面積', 'Area')}</th><td>${esc(fmtValue(g.areaKm2, 'km²'))}</td></tr>
        <tr><th>${t('範囲のまとまり', 'Outline pieces')}</th><td>${fmtInt(g.parts)}${g.parts > 1 ? ` <small>${t('（離れた部分・島を含む）', '(detached parts or islands)')}</small>` : ''}</td></tr>
      </table>
      <h4 class="sub-h">${t('中心市になれる構成市', 'Members that could lead')}</h4>
      <table class="data" data-testid="whatif-criteria"><tbody>${schemes}</tbody></table>
      <div class="whatif-members" data-testid="whatif-members">${codes.map((c) => `<button type="button" data-remove="${c}" title="${esc(t('除外', 'Remove'))}">${esc(ctx.munis.get(c)!.name)} ×</button>`).join('')}</div>`
        : `<p class="empty">${t('まだ市区町村が選ばれていません。', 'No municipality chosen yet.')}</p>`
    }
    <div class="btn-row">
      <button type="button" class="btn" id="whatif-save" ${codes.length ? '' : 'disabled'}>${t('保存', 'Save')}</button>
      <button type="button" class="btn secondary" id="whatif-share" ${codes.length ? '' : 'disabled'}>${t('リンクをコピー', 'Copy link')}</button>
      <button type="button" class="btn secondary" id="whatif-clear" ${codes.length ? '' : 'disabled'}>${t('クリア', 'Clear')}</button>
    </div>
    <p class="msg${canWrite() ? '' : ' warn'}" id="whatif-msg" ${canWrite() ? 'hidden' : ''}>${canWrite() ? '' : esc(tokenMessage())}</p>
  </div>`;
}

async function saveGroup(): Promise<void> {
  if (!L) return;
  const { ctx, panel } = L;
  const msg = panel.querySelector<HTMLElement>('#whatif-msg')!;
  msg.hidden = false;
  const name = (panel.querySelector<HTMLInputElement>('#gname')!.value || '').trim();
  if (!canWrite()) {
    msg.className = 'msg warn';
    msg.textContent = tokenMessage();
    return;
  }
  if (!name) {
    msg.className = 'msg warn';
    msg.textContent = t('グループ名を入力してください。', 'Give the grouping a name first.');
    panel.querySelector<HTMLInputElement>('#gname')!.focus();
    return;
  }
  try {
    const saved = await api<RegionDetail>('/api/regions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'custom', name, memberCodes: groupCodes(ctx) }),
    });
    ctx.toast(t(`「${saved.name}」を保存しました`, `Saved “${saved.name}”`));
    L.whatIf = false;
    ctx.state.set({ rtype: 'custom', region: saved.id, group: null, gname: null });
  } catch (err) {
    msg.className = 'msg warn';
    msg.textContent = err instanceof ApiClientError && err.status === 401 ? tokenMessage() : (err as Error).message;
  }
}

function setGroup(codes: string[]): void {
  if (!L) return;
  L.ctx.state.set({ group: codes.length ? codes.join(',') : null });
}

function startLasso(): void {
  if (!L) return;
  const { ctx } = L;
  const map = ctx.atlas.map;
  L.lasso = { on: true, points: [], drawing: false, shift: false };
  map.dragPan.disable();
  map.getContainer().classList.add('lasso-on');
  ctx.toast(t('地図上をドラッグして範囲を囲んでください（Shiftで除外）', 'Drag on the map to draw a lasso (hold Shift to remove)'));
  const down = (e: MapMouseEvent) => {
    if (!L) return;
    L.lasso.drawing = true;
    L.lasso.shift = e.originalEvent.shiftKey;
    L.lasso.points = [[e.lngLat.lng, e.lngLat.lat]];
  };
  const move = (e: MapMouseEvent) => {
    if (!L?.lasso.drawing) return;
    L.lasso.points.push([e.lngLat.lng, e.lngLat.lat]);
    redraw();
  };
  const up = () => {
    if (!L?.lasso.drawing) return;
    const pts = L.lasso.points;
    const shift = L.lasso.shift;
    stopLasso();
    if (pts.length < 3) return;
    const shape = polygon([[...pts, pts[0]]]);
    const inside = [...ctx.munis.values()].filter((m) => booleanPointInPolygon(point([m.lon, m.lat]), shape)).map((m) => m.code);
    const current = groupCodes(ctx);
    setGroup(shift ? current.filter((c) => !inside.includes(c)) : [...new Set([...current, ...inside])]);
  };
  map.on('mousedown', down);
  map.on('mousemove', move);
  map.on('mouseup', up);
  lassoOff = () => {
    map.off('mousedown', down);
    map.off('mousemove', move);
    map.off('mouseup', up);
  };
}
let lassoOff: (() => void) | null = null;

function stopLasso(): void {
  if (!L) return;
  lassoOff?.();
  lassoOff = null;
  L.lasso = { on: false, points: [], drawing: false, shift: false };
  L.ctx.atlas.map.dragPan.enable();
  L.ctx.atlas.map.getContainer().classList.remove('lasso-on');
  redraw();
}

/** Regions: city-regions and groupings on the map, eligibility of cities, what-if groupings. */
export const regionsView: ViewBody = {
  async mount(ctx, panel) {
    const topology = await ctx.boundaries();
    const region = ctx.state.get('region');
    if (region && !ctx.state.get('rtype')) {
      const inferred = typeFromId.find(([p]) => region.startsWith(p))?.[1];
      if (inferred) ctx.state.set({ rtype: inferred }, { silent: true });
    }
    L = {
      ctx,
      panel,
      list: null,
      byMember: new Map(),
      colours: new Map(),
      elig: null,
      eligByCode: new Map(),
      whatIf: groupCodes(ctx).length > 0,
      lasso: { on: false, points: [], drawing: false, shift: false },
      group: null,
      selected: ctx.state.get('sel'),
      topology,
      seq: 0,
    };
    const type = currentType(ctx);
    const scheme = currentScheme(ctx);
    panel.innerHTML = `
      <h2>${t('圏域と広域連携', 'City-regions and partnerships')}</h2>
      <p class="sub">${t('連携中枢都市圏・定住自立圏などを構成市町村の範囲で表示します。クリックで詳細。', 'Regions drawn from their members’ dissolved boundaries. Click one for its members and totals.')}</p>
      <label class="field" for="rtype">${t('圏域の種類', 'Region type')}</label>
      <select id="rtype">${regionTypes.map((rt) => `<option value="${rt}" ${rt === type ? 'selected' : ''}>${esc(label('regionType', rt))}</option>`).join('')}</select>
      <div id="rsel" class="rsel" hidden></div>
      <h3 class="rlist-part">${t('一覧', 'List')} <span id="rcount"></span></h3>
      <ul id="rlist" class="region-list rlist-part" data-testid="region-list"><li class="empty">${t('読み込み中…', 'Loading…')}</li></ul>
      <h3>${t('仮想グループ（試算）', 'What-if grouping')}</h3>
      <div class="btn-row"><button type="button" class="btn secondary" id="whatif-toggle"></button><button type="button" class="btn secondary" id="lasso">${t('投げ縄', 'Lasso')}</button></div>
      <div id="whatif"></div>
      <h3>${t('中心市の要件', 'Who could lead a region')}</h3>
      <label class="field" for="elig">${t('要件レイヤー', 'Eligibility layer')}</label>
      <select id="elig">
        <option value="">${t('表示しない', 'Off')}</option>
        ${(['central_city_region', 'settlement_zone'] as const).map((s) => `<option value="${s}" ${s === scheme ? 'selected' : ''}>${esc(label('eligibilityScheme', s))}</option>`).join('')}
      </select>
      <div id="elig-summary"></div>
      `;
    panel.querySelector<HTMLSelectElement>('#rtype')!.addEventListener('change', (e) => ctx.state.set({ rtype: (e.target as HTMLSelectElement).value, region: null }));
    panel.querySelector<HTMLSelectElement>('#elig')!.addEventListener('change', (e) => ctx.state.set({ elig: (e.target as HTMLSelectElement).value || null }));
    panel.addEventListener('click', (e) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('button');
      if (!el || !L) return;
      if (el.dataset.region) ctx.state.set({ region: el.dataset.region }, { push: true });
      else if (el.dataset.goto) ctx.state.set({ rtype: el.dataset.type!, region: el.dataset.goto });
      else if (el.dataset.cand) {
        const c = L.eligByCode.get(el.dataset.cand);
        if (c) {
          showCandidate(c);
          ctx.atlas.flyTo({ lon: c.lon, lat: c.lat, zoom: Math.max(ctx.atlas.map.getZoom(), 8) });
        }
      } else if (el.dataset.remove) setGroup(groupCodes(ctx).filter((c) => c !== el.dataset.remove));
      else if (el.id === 'whatif-toggle') {
        L.whatIf = !L.whatIf;
        if (!L.whatIf) stopLasso();
        renderWhatIf();
        panel.querySelector('#whatif')!.scrollIntoView({ block: 'nearest' });
      } else if (el.id === 'lasso') {
        if (L.lasso.on) stopLasso();
        else startLasso();
      } else if (el.id === 'whatif-save') void saveGroup();
      else if (el.id === 'whatif-clear') ctx.state.set({ group: null, gname: null });
      else if (el.id === 'whatif-share') {
        const href = ctx.state.href();
        void navigator.clipboard.writeText(href).then(
          () => ctx.toast(t('リンクをコピーしました: ', 'Link copied: ') + href),
          () => ctx.toast(href),
        );
      }
    });
    panel.addEventListener('change', (e) => {
      const el = e.target as HTMLInputElement;
      if (el.id === 'gname') ctx.state.set({ gname: el.value.trim() || null }, { silent: true });
    });
    renderWhatIf();
    await Promise.all([loadRegions(), loadEligibility()]);
    const open = ctx.state.get('region');
    if (open) void showRegion(open, !ctx.state.get('c'));
  },
  unmount(ctx) {
    stopLasso();
    L = null;
    ctx.atlas.setLayers('regions', null);
    ctx.setLegend(null);
  },
  tooltip(m) {
    if (!L) return null;
    const lines: string[] = [];
    // Plain text marks: the tooltip is filled as HTML by the app, where the CSP forbids inline colours.
    for (const r of L.byMember.get(m.code) ?? []) lines.push(`▪ ${esc(r.name)}${r.centerCodes.includes(m.code) ? ` <small>(${t('中心市', 'centre')})</small>` : ''}`);
    const c = L.eligByCode.get(m.code);
    if (c) lines.push(`● ${esc(label('eligibilityStatus', c.status))}`);
    if (L.whatIf) lines.push(groupCodes(L.ctx).includes(m.code) ? t('グループに含む（クリックで除外）', 'In the grouping (click to remove)') : t('クリックで追加', 'Click to add'));
    return lines.length ? lines.join('<br>') : null;
  },
  onMapClick(code, { shiftKey }) {
    if (!L) return false;
    const { ctx } = L;
    if (L.lasso.on) return true;
    if (L.whatIf) {
      const codes = groupCodes(ctx);
      setGroup(shiftKey || codes.includes(code) ? codes.filter((c) => c !== code) : [...codes, code]);
      return true;
    }
    const cand = L.eligByCode.get(code);
    if (cand) {
      L.selected = code;
      ctx.atlas.setSelected([code]);
      ctx.state.set({ sel: code });
      showCandidate(cand);
      redraw();
      return true;
    }
    const regions = L.byMember.get(code);
    if (!regions?.length) return false;
    L.selected = code;
    ctx.atlas.setSelected([code]);
    ctx.state.set({ sel: code, region: regions[0].id });
    void renderSelection();
    return true;
  },
  onSelect(code) {
    if (!L) return;
    L.selected = code;
    if (!code) L.ctx.state.set({ region: null });
    redraw();
    void renderSelection();
  },
  onStateChange(changed) {
    if (!L) return;
    const { ctx } = L;
    if (changed.has('rtype')) {
      L.panel.querySelector<HTMLSelectElement>('#rtype')!.value = currentType(ctx);
      void loadRegions().catch((err: Error) => ctx.toast(err.message));
    }
    if (changed.has('elig')) {
      L.panel.querySelector<HTMLSelectElement>('#elig')!.value = currentScheme(ctx) ?? '';
      void loadEligibility().catch((err: Error) => ctx.toast(err.message));
    }
    if (changed.has('region')) {
      const id = ctx.state.get('region');
      for (const b of L.panel.querySelectorAll<HTMLButtonElement>('#rlist button')) b.setAttribute('aria-current', String(b.dataset.region === id));
      if (id) void showRegion(id, !changed.has('sel'));
      redraw();
    }
    if (changed.has('group')) {
      if (groupCodes(ctx).length) L.whatIf = true;
      renderWhatIf();
    } else if (changed.has('gname')) renderWhatIf();
    if (changed.has('sel') && !changed.has('region')) {
      L.selected = ctx.state.get('sel');
      redraw();
    }
  },
};
