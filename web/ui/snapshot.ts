/**
 * "Save image": a PNG of the map as shown (MapLibre canvas with the deck.gl canvas on top, once loaded) with a title,
 * the legend, a scale bar, a north arrow and the data attribution, at screen size or 2× for slides.
 * Both canvases keep their drawing buffer (preserveDrawingBuffer), so they can be read after a frame.
 */
import { LngLat } from 'maplibre-gl';
import type { AppContext } from '../context.ts';
import { fmtInt } from '../format.ts';
import { t } from '../i18n.ts';
import { cssFontFamily } from '../map/labels.ts';
import { download } from './export.ts';

export interface SnapshotOptions {
  /** 1 = the map's size in CSS pixels, 2 = twice that (for slides). */
  scale: 1 | 2;
  title: string;
  /** Extra lines under the title (a caption and its source, the view's setting). */
  lines?: string[];
}

let override: (() => { title: string; lines: string[] }) | null = null;

/**
 * Lets a mode that owns the screen (the presentation) title every PNG; null gives the title back to the view.
 * @example setSnapshotText(() => ({ title: '備後圏域（2/4）', lines: [] }))
 */
export function setSnapshotText(text: (() => { title: string; lines: string[] }) | null): void {
  override = text;
}

/** The title and lines set by `setSnapshotText`, or null. */
export const snapshotTextOverride = () => override?.() ?? null;

const font = cssFontFamily;
const ink = '#1c2430';
const muted = '#4a5568';

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Waits until `check` holds or `ms` passed (the canvases resize on their next frame). */
async function until(check: () => boolean, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!check() && performance.now() < end) await frame();
}

/** Splits `text` into lines no wider than `width` (character by character: Japanese has no spaces). */
function wrap(g: CanvasRenderingContext2D, text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (g.measureText(line + ch).width > width && line) {
      lines.push(line);
      line = ch.trimStart();
      if (lines.length === maxLines) break;
    } else line += ch;
  }
  if (lines.length < maxLines && line) lines.push(line);
  else if (lines.length === maxLines && line) lines[maxLines - 1] = `${lines[maxLines - 1].slice(0, -1)}…`;
  return lines;
}

function box(g: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): void {
  g.fillStyle = 'rgba(255,255,255,0.94)';
  g.strokeStyle = 'rgba(28,36,48,0.35)';
  g.lineWidth = 1;
  g.beginPath();
  g.roundRect(x, y, w, h, 6);
  g.fill();
  g.stroke();
}

/**
 * A legend swatch's colours: one, or several for a gradient swatch (e.g. "regions, neighbours differ"); read from
 * its style attribute too, which a strict CSP may keep from applying.
 */
function swatchColours(sw: HTMLElement): string[] {
  const style = getComputedStyle(sw);
  const gradient = style.backgroundImage.startsWith('linear-gradient')
    ? style.backgroundImage
    : (sw.getAttribute('style') ?? '').includes('gradient')
      ? (sw.getAttribute('style') ?? '')
      : sw.dataset.bg?.includes('gradient')
        ? sw.dataset.bg
        : '';
  if (gradient) {
    const stops = gradient.match(/rgba?\([^)]*\)|#[0-9a-f]{3,8}\b/gi);
    if (stops?.length) return stops;
  }
  const computed = style.backgroundColor;
  if (computed && computed !== 'rgba(0, 0, 0, 0)' && computed !== 'transparent') return [computed];
  return [/background(?:-color)?\s*:\s*([^;]+)/.exec(sw.getAttribute('style') ?? '')?.[1]?.trim() ?? '#eceae4'];
}

/** The legend as drawn in #legend: heading, rows of swatch + text, notes. */
function readLegend(): { heading: string; rows: { colour: string[] | null; text: string }[] } | null {
  const el = document.getElementById('legend');
  if (!el?.textContent?.trim()) return null;
  const heading = el.querySelector('h4')?.textContent?.trim() ?? '';
  const rows: { colour: string[] | null; text: string }[] = [];
  for (const node of el.querySelectorAll<HTMLElement>('.row, .note')) {
    const sw = node.querySelector<HTMLElement>('.sw');
    rows.push({ colour: sw ? swatchColours(sw) : null, text: node.textContent?.trim() ?? '' });
  }
  if (!rows.length && !heading) rows.push({ colour: null, text: el.textContent.trim() });
  return { heading, rows };
}

/** A round length (1, 2 or 5 × 10ⁿ km) that fits in `maxKm`. */
export function niceKm(maxKm: number): number {
  const p = 10 ** Math.floor(Math.log10(maxKm));
  return [5, 2, 1].map((m) => m * p).find((v) => v <= maxKm) ?? p;
}

/**
 * Draws the current map and its furniture into a new canvas of (map CSS size × scale) pixels.
 * @example const canvas = await renderSnapshot(ctx, { scale: 2, title: '狛江市と長岡市' })
 */
export async function renderSnapshot(ctx: AppContext, options: SnapshotOptions): Promise<HTMLCanvasElement> {
  const { map, loadedOverlay: overlay } = ctx.atlas;
  const s = options.scale;
  const container = map.getContainer();
  const cssW = container.clientWidth;
  const cssH = container.clientHeight;
  const W = Math.round(cssW * s);
  const H = Math.round(cssH * s);
  const mapCanvas = map.getCanvas();
  const deckCanvases = () => [...container.querySelectorAll('canvas')].filter((c) => c !== mapCanvas);
  const ratio = map.getPixelRatio();
  // The image has no caption band over it: centre the camera in the whole canvas while drawing.
  const padding = map.getPadding();

  // Re-render both canvases at the asked pixel ratio, wait for the frame, copy, then restore.
  map.setPadding({ top: 0, bottom: 0, left: 0, right: 0 });
  map.setPixelRatio(s);
  overlay?.setProps({ useDevicePixels: s });
  await until(() => mapCanvas.width === W && deckCanvases().every((c) => c.width === W), 3000);
  await new Promise<void>((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
  await frame();
  await frame();

  const out = document.createElement('canvas');
  out.width = W;
  out.height = H;
  const g = out.getContext('2d')!;
  g.fillStyle = '#d4e4ee';
  g.fillRect(0, 0, W, H);
  g.drawImage(mapCanvas, 0, 0, W, H);
  for (const c of deckCanvases()) g.drawImage(c, 0, 0, W, H);

  map.setPixelRatio(ratio);
  map.setPadding(padding);
  overlay?.setProps({ useDevicePixels: true });

  g.scale(s, s);
  g.textBaseline = 'top';
  const pad = 12;

  // Attribution band along the bottom (every dataset, as on the map).
  g.font = `11px ${font}`;
  const attribution = [...ctx.sources.items.map((x) => x.attribution), t('連携アトラス', 'Renkei Atlas')].join(' ｜ ');
  const attrLines = wrap(g, attribution, cssW - 2 * pad, 3);
  const bandH = attrLines.length * 15 + 8;
  g.fillStyle = 'rgba(255,255,255,0.92)';
  g.fillRect(0, cssH - bandH, cssW, bandH);
  g.fillStyle = '#333';
  attrLines.forEach((l, i) => g.fillText(l, pad, cssH - bandH + 4 + i * 15));

  // Title (and caption lines) top left.
  const titleW = Math.min(cssW * 0.62, 640);
  g.font = `bold 20px ${font}`;
  const titleLines = wrap(g, options.title, titleW - 2 * pad, 2);
  g.font = `14px ${font}`;
  const extra = (options.lines ?? []).flatMap((l) => wrap(g, l, titleW - 2 * pad, 4));
  const titleH = pad + titleLines.length * 26 + extra.length * 20 + pad - 4;
  box(g, pad, pad, titleW, titleH);
  g.fillStyle = ink;
  g.font = `bold 20px ${font}`;
  titleLines.forEach((l, i) => g.fillText(l, 2 * pad, 2 * pad + i * 26));
  g.font = `14px ${font}`;
  g.fillStyle = muted;
  extra.forEach((l, i) => g.fillText(l, 2 * pad, 2 * pad + titleLines.length * 26 + i * 20));

  // North arrow top right, turned with the map's bearing.
  const nx = cssW - pad - 22;
  const ny = pad + 26;
  box(g, nx - 20, pad, 40, 52);
  g.save();
  g.translate(nx, ny + 4);
  g.rotate((-map.getBearing() * Math.PI) / 180);
  g.fillStyle = ink;
  g.beginPath();
  g.moveTo(0, -14);
  g.lineTo(8, 10);
  g.lineTo(0, 5);
  g.lineTo(-8, 10);
  g.closePath();
  g.fill();
  g.restore();
  g.font = `bold 12px ${font}`;
  g.fillStyle = ink;
  g.textAlign = 'center';
  g.fillText('N', nx, pad + 2);
  g.textAlign = 'left';

  // Scale bar bottom right, measured at the bottom of the map (Mercator scale varies with latitude).
  const y = cssH - bandH - 30;
  const left = map.unproject([cssW / 2 - 50, y]);
  const right = map.unproject([cssW / 2 + 50, y]);
  const kmPer100px = new LngLat(left.lng, left.lat).distanceTo(new LngLat(right.lng, right.lat)) / 1000;
  if (kmPer100px > 0) {
    const km = niceKm(kmPer100px * 1.5);
    const px = (km / kmPer100px) * 100;
    const x0 = cssW - pad - 16 - px;
    box(g, x0 - 10, y - 6, px + 26, 34);
    g.fillStyle = ink;
    g.fillRect(x0, y + 16, px, 4);
    g.fillRect(x0, y + 10, 2, 10);
    g.fillRect(x0 + px - 2, y + 10, 2, 10);
    g.font = `12px ${font}`;
    g.fillText(`${fmtInt(km)} km`, x0, y - 2);
  }

  // Legend bottom left, redrawn from the on-screen legend.
  const legend = readLegend();
  if (legend) {
    g.font = `bold 13px ${font}`;
    const headingW = g.measureText(legend.heading).width + 16;
    g.font = `12px ${font}`;
    const width = Math.min(cssW * 0.45, 360, Math.max(170, headingW, ...legend.rows.map((r) => g.measureText(r.text).width + (r.colour ? 44 : 18))));
    // Notes (rows without a swatch, e.g. the official counts) wrap onto up to three lines; swatch rows keep one.
    const rowLines = legend.rows.map((r) => wrap(g, r.text, width - (r.colour ? 34 : 8) - 8, r.colour ? 1 : 3));
    const h = (legend.heading ? 22 : 6) + rowLines.reduce((n, l) => n + Math.max(1, l.length), 0) * 18 + 8;
    const x = pad;
    const top = cssH - bandH - pad - h;
    box(g, x, top, width, h);
    let yy = top + 8;
    if (legend.heading) {
      g.font = `bold 13px ${font}`;
      g.fillStyle = ink;
      g.fillText(wrap(g, legend.heading, width - 16, 1)[0], x + 8, yy);
      yy += 22;
    }
    g.font = `12px ${font}`;
    legend.rows.forEach((row, i) => {
      let tx = x + 8;
      if (row.colour) {
        // A gradient swatch is drawn as equal stripes of its colours.
        row.colour.forEach((c, k) => {
          g.fillStyle = c;
          g.fillRect(tx + (18 * k) / row.colour!.length, yy + 1, 18 / row.colour!.length, 12);
        });
        g.strokeStyle = 'rgba(0,0,0,0.25)';
        g.strokeRect(tx, yy + 1, 18, 12);
        tx += 26;
      }
      g.fillStyle = row.colour ? ink : muted;
      for (const line of rowLines[i].length ? rowLines[i] : ['']) {
        g.fillText(line, tx, yy);
        yy += 18;
      }
    });
  }
  return out;
}

/** The PNG of `renderSnapshot` as a Blob. */
export async function snapshotBlob(ctx: AppContext, options: SnapshotOptions): Promise<Blob> {
  const canvas = await renderSnapshot(ctx, options);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}

/**
 * Renders and downloads the PNG (`renkei-atlas-<view>-<date>@2x.png`).
 * @example await saveSnapshot(ctx, { scale: 2, title: '備後圏域' })
 */
export async function saveSnapshot(ctx: AppContext, options: SnapshotOptions): Promise<void> {
  try {
    const blob = await snapshotBlob(ctx, options);
    const parts = [ctx.state.get('view') ?? 'explore', ctx.state.get('story'), ctx.state.get('step')].filter(Boolean).join('-');
    download(`renkei-atlas-${parts}-${new Date().toISOString().slice(0, 10)}${options.scale === 2 ? '@2x' : ''}.png`, blob);
  } catch (err) {
    ctx.toast(t('画像を保存できませんでした: ', 'Could not save the image: ') + (err as Error).message);
  }
}
