/** Colours of the regions view: touching regions differ, and colours and widths reach the page through the CSSOM. */
import type { RegionSummary } from '../../../domain/records/regions.ts';
import { categorical, rgb } from '../../palette.ts';

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

export const withAlpha = (hex: string, a: number): [number, number, number, number] => [...rgb(hex), a];

/** Applies colours and bar widths from data attributes: the page's CSP refuses inline style attributes. */
export function paint<T extends HTMLElement>(root: T): T {
  for (const el of root.querySelectorAll<HTMLElement>('[data-bg]')) el.style.background = el.dataset.bg!;
  for (const el of root.querySelectorAll<HTMLElement>('[data-w]')) el.style.width = el.dataset.w!;
  return root;
}
