/**
 * Colour scales that read in greyscale and for colour-blind viewers: viridis for amounts,
 * a blue–orange diverging scale (centred) for changes, Okabe–Ito for categories. No rainbow.
 */
const viridis = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];
const diverging = ['#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fddbc7', '#f4a582', '#d6604d', '#b2182b'];
/** Okabe–Ito, safe for the common forms of colour blindness. */
export const categorical = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

function sample(ramp: string[], n: number): string[] {
  if (n <= 1) return [ramp[Math.floor(ramp.length / 2)]];
  return Array.from({ length: n }, (_, i) => ramp[Math.round((i * (ramp.length - 1)) / (n - 1))]);
}

/** n sequential colours, light to dark reversed so that more reads darker. */
export function sequential(n: number): string[] {
  return sample([...viridis].reverse(), n);
}

/**
 * n diverging colours for classes whose upper bounds are `breaks`, with the neutral colour on the
 * class containing `center` (blue below, red above).
 */
export function divergingFor(breaks: number[], center: number): string[] {
  const centerIdx = breaks.findIndex((b) => b >= center);
  const below = centerIdx < 0 ? breaks.length : centerIdx;
  const above = breaks.length - below - 1;
  const mid = 4;
  return breaks.map((_, i) => {
    if (i === below) return diverging[mid];
    if (i < below) return diverging[Math.max(0, mid - Math.ceil(((below - i) * mid) / Math.max(below, 1)))];
    return diverging[Math.min(8, mid + Math.ceil(((i - below) * mid) / Math.max(above, 1)))];
  });
}

/** The class index of a value given ascending upper bounds. */
export function classOf(value: number, breaks: number[]): number {
  for (let i = 0; i < breaks.length; i++) if (value <= breaks[i]) return i;
  return breaks.length - 1;
}

/** '#rrggbb' → [r, g, b] for deck.gl. */
export function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
