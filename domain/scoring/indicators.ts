/**
 * Own indicators next to the atlas's figures: how one goes with a built-in metric (Pearson's r over the municipalities
 * that have both), and its total and mean over a region's or grouping's members.
 */

/** The pairs of two value maps where both are finite numbers, in code order. */
export function pairedValues(x: Readonly<Record<string, number | null>>, y: Readonly<Record<string, number | null>>): { code: string; x: number; y: number }[] {
  return Object.keys(x)
    .sort()
    .flatMap((code) => {
      const a = x[code];
      const b = y[code];
      return typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b) ? [{ code, x: a, y: b }] : [];
    });
}

/**
 * Pearson's correlation coefficient; null for fewer than 3 pairs or when either side does not vary.
 * @example pearson([{ x: 1, y: 2 }, { x: 2, y: 4 }, { x: 3, y: 7 }]) // 0.993…
 */
export function pearson(pairs: readonly { x: number; y: number }[]): number | null {
  const n = pairs.length;
  if (n < 3) return null;
  const mx = pairs.reduce((s, p) => s + p.x, 0) / n;
  const my = pairs.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const p of pairs) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** An indicator over a set of municipalities: total and mean of those with a value, and which have none. */
export interface Aggregate {
  sum: number;
  mean: number | null;
  /** Members with a value. */
  count: number;
  /** Members without one (the total leaves them out). */
  missing: string[];
}

/**
 * Sums and averages an indicator over members (a region's, a what-if grouping's).
 * @example aggregate({ '13219': 3, '13112': 16 }, ['13219', '13112', '13208']) // { sum: 19, mean: 9.5, count: 2, missing: ['13208'] }
 */
export function aggregate(values: Readonly<Record<string, number>>, codes: readonly string[]): Aggregate {
  let sum = 0;
  let count = 0;
  const missing: string[] = [];
  for (const code of new Set(codes)) {
    const v = values[code];
    if (typeof v === 'number' && Number.isFinite(v)) {
      sum += v;
      count++;
    } else missing.push(code);
  }
  return { sum, mean: count ? sum / count : null, count, missing };
}
