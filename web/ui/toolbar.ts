/**
 * Top-bar tools: "Save image" (PNG at screen size or 2×), GeoJSON of the selection or region, and the
 * share link shown in a popover (the whole view state is in the URL, so the link reopens the same view).
 */
import type { MultiPolygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { api } from '../api.ts';
import type { AppContext } from '../context.ts';
import { t } from '../i18n.ts';
import { downloadGeoJson } from './export.ts';
import { html, setHtml } from './html.ts';
import { saveSnapshot, snapshotTextOverride } from './snapshot.ts';
import './toolbar.css';

/** What a region answer needs to carry for the export (GET /api/regions/{id}). */
interface RegionForExport {
  id: string;
  name: string;
  memberCodes: string[];
  outline?: MultiPolygon;
}

/** The municipalities to export: the shown region, else the what-if group, else the selection. */
async function exportSelection(ctx: AppContext): Promise<void> {
  const regionId = ctx.state.get('region');
  let region: RegionForExport | null = null;
  if (regionId) {
    try {
      region = await api('/api/regions/:id', { id: regionId });
    } catch (err) {
      ctx.toast((err as Error).message);
      return;
    }
  }
  const codes = region?.memberCodes ?? (ctx.state.get('group') ?? ctx.state.get('sel') ?? '').split(',').filter((c) => ctx.munis.has(c));
  if (!codes.length) {
    ctx.toast(t('市区町村を選ぶか圏域を表示してから書き出してください。', 'Select a municipality or show a region first, then export.'));
    return;
  }
  const wanted = new Set(codes);
  let topology: Topology;
  try {
    topology = await ctx.boundaries();
  } catch (err) {
    ctx.toast((err as Error).message);
    return;
  }
  const all = topology.objects.municipalities as GeometryCollection<{ code: string }>;
  const shapes = feature(topology, { ...all, geometries: all.geometries.filter((g) => wanted.has((g.properties as { code: string }).code)) }) as GeoJSON.FeatureCollection<
    GeoJSON.Geometry,
    { code: string }
  >;
  const features: GeoJSON.Feature[] = shapes.features.map((f) => {
    const m = ctx.munis.get(f.properties.code)!;
    return {
      ...f,
      properties: {
        code: m.code,
        name: m.name,
        prefecture: m.prefName,
        population: m.population,
        areaKm2: m.areaKm2,
        ...(region ? { regionId: region.id, region: region.name } : {}),
      },
    };
  });
  if (region?.outline) features.unshift({ type: 'Feature', geometry: region.outline, properties: { regionId: region.id, region: region.name, outline: true } });
  const name = region ? region.id : codes.length === 1 ? codes[0] : `${codes.length}-municipalities`;
  downloadGeoJson(`renkei-atlas-${name}.geojson`, { type: 'FeatureCollection', features });
}

/**
 * What the PNG shows, for its title: the open region, the origin municipality (disaster, partners), else the
 * legend's heading (the metric in Explore, the region type, the kind of exchange).
 */
function subjectOf(ctx: AppContext): string {
  const view = ctx.state.get('view') ?? 'explore';
  const heading = (document.querySelector('#legend h4')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const origin = ctx.munis.get(ctx.state.get('origin') ?? '');
  if ((view === 'disaster' || view === 'partners') && origin) {
    const compare = (ctx.state.get('compare') ?? '')
      .split(',')
      .map((c) => ctx.munis.get(c)?.name)
      .filter(Boolean);
    return `${origin.prefName}${origin.name}${compare.length === 2 ? t(`（${compare.join('・')}を比較）`, ` (comparing ${compare.join(' and ')})`) : ''}`;
  }
  const region = ctx.state.get('region') && document.querySelector('[data-testid="region-name"]')?.textContent?.trim();
  if (view === 'regions' && region) return region;
  return heading;
}

/**
 * The title and lines for a PNG: the story and step while presenting, else the view and what it shows
 * ("連携アトラス — 圏域: 備後圏域連携中枢都市圏"), the legend heading and the selection.
 * @example snapshotText(ctx).title // 'Renkei Atlas — Explore: Population density (people/km²)'
 */
function snapshotText(ctx: AppContext): { title: string; lines: string[] } {
  const presenting = snapshotTextOverride();
  if (presenting) return presenting;
  const view = document.querySelector('#tabs [aria-selected="true"]')?.textContent ?? '';
  const subject = subjectOf(ctx);
  const heading = (document.querySelector('#legend h4')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const sel = ctx.munis.get(ctx.state.get('sel') ?? '');
  const lines = [heading !== subject ? heading : '', sel ? `${sel.prefName} ${sel.name}` : ''].filter(Boolean);
  return { title: `${t('連携アトラス', 'Renkei Atlas')} — ${view}${subject ? `: ${subject}` : ''}`, lines };
}

const closers = new Set<() => void>();

/** A small menu or panel under a top-bar button; closes on Esc, a click outside, or the button again. */
function popover(button: HTMLElement, className: string): { el: HTMLElement; open(): void; close(): void } {
  const el = document.createElement('div');
  el.className = `top-popover ${className}`;
  el.hidden = true;
  document.body.append(el);
  const close = () => {
    el.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  };
  const open = () => {
    for (const c of closers) c();
    const r = button.getBoundingClientRect();
    el.style.top = `${r.bottom + 6}px`;
    el.style.right = `${Math.max(8, window.innerWidth - r.right)}px`;
    el.hidden = false;
    button.setAttribute('aria-expanded', 'true');
  };
  closers.add(close);
  button.addEventListener('click', (e) => {
    e.stopPropagation();
    if (el.hidden) open();
    else close();
  });
  document.addEventListener('click', (e) => {
    if (!el.hidden && !el.contains(e.target as Node)) close();
  });
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      close();
      button.focus();
    }
  });
  return { el, open, close };
}

/**
 * Wires the top-bar buttons `#save-image`, `#export-geojson` and `#share`; relabels them when the
 * language changes (the `lang` attribute of <html>).
 * @example installToolbar(ctx)
 */
export function installToolbar(ctx: AppContext): void {
  const save = document.getElementById('save-image')!;
  const geo = document.getElementById('export-geojson')!;
  const share = document.getElementById('share')!;
  save.setAttribute('aria-haspopup', 'menu');
  share.setAttribute('aria-haspopup', 'dialog');

  const saveMenu = popover(save, 'save-menu');
  saveMenu.el.setAttribute('role', 'menu');
  const shareBox = popover(share, 'share-box');
  shareBox.el.setAttribute('role', 'dialog');

  const label = () => {
    save.textContent = t('画像を保存', 'Save image');
    geo.textContent = 'GeoJSON';
    geo.title = t('選択中の市区町村・圏域をGeoJSONで書き出す', 'Export the selected municipalities or region as GeoJSON');
    setHtml(
      saveMenu.el,
      html`
      <button type="button" role="menuitem" data-scale="1">${t('画面サイズ（1倍）', 'Screen size (1×)')}</button>
      <button type="button" role="menuitem" data-scale="2">${t('スライド用（2倍）', 'For slides (2×)')}</button>`,
    );
  };
  label();
  new MutationObserver(label).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });

  saveMenu.el.addEventListener('click', (e) => {
    const scale = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-scale]')?.dataset.scale;
    if (!scale) return;
    saveMenu.close();
    void saveSnapshot(ctx, { scale: scale === '2' ? 2 : 1, ...snapshotText(ctx) });
  });
  geo.addEventListener('click', () => void exportSelection(ctx));

  // The share link: shown, selectable and copied in one click (clipboard needs a secure context).
  share.addEventListener('click', () => {
    if (shareBox.el.hidden) return;
    // The camera is written on each move's end; write it now too, so an untouched map is in the link.
    ctx.state.setCamera(ctx.atlas.camera());
    const href = ctx.state.href();
    setHtml(
      shareBox.el,
      html`
      <label for="share-url">${t('このビューへのリンク（表示・選択・地図の位置・言語を含む）', 'Link to this view (view, selection, map position and language)')}</label>
      <div class="share-row"><input id="share-url" type="text" readonly value="${href}" /><button type="button" class="btn" data-copy>${t('コピー', 'Copy')}</button></div>
      <p class="share-status" role="status"></p>`,
    );
    const input = shareBox.el.querySelector<HTMLInputElement>('#share-url')!;
    input.focus();
    input.select();
    shareBox.el.querySelector('[data-copy]')!.addEventListener('click', async () => {
      const status = shareBox.el.querySelector('.share-status')!;
      input.select();
      try {
        await navigator.clipboard.writeText(href);
        status.textContent = t('コピーしました。', 'Copied.');
      } catch {
        status.textContent = t('選択済みです。Ctrl+C（⌘C）でコピーしてください。', 'Selected: press Ctrl+C (⌘C) to copy.');
      }
    });
  });
}
