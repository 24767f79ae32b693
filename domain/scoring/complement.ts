/**
 * Complementarity of an exchange partner B for municipality A: how far apart the two lie on the
 * urban↔rural axes that urban–rural exchange (都市と農山漁村の交流, seed 000_bf0aa67e4f4a965a.txt) builds on —
 * a dense, young, commuter-receiving city meets a sparse, farming, ageing village (世田谷区–川場村).
 *
 * Axes: population density (log10 people/km²), share of workers in primary industry (%), share aged 65+ (%),
 * day/night population ratio (%), population size (log10 people). Logarithms for density and size because
 * they span four orders of magnitude and "ten times denser" is what differs in kind.
 *
 * Per axis the difference is measured in national standard deviations (over all 1,741 municipalities) and
 * turned into a factor 1 − exp(−|Δ| / saturationSd) in 0..1; the score is the weighted mean of the factors
 * over the axes with data on both sides. Similarity is not rewarded; existing ties and partners of partners
 * (流山市 linking its partners 信濃町 and 相馬市) are shown beside the score as a separate signal.
 */
import type { ComplementAxis, ComplementFactors, ComplementParams } from '../records/partners.ts';
import { complementAxes, complementParamSpecs } from '../records/partners.ts';

export { complementAxes };
import { paramsSchema } from './disaster.ts';

export type { ComplementParams };

/** The defaults: every weight 1, saturation 1 SD. */
export const defaultComplementParams: ComplementParams = Object.fromEntries(Object.entries(complementParamSpecs).map(([k, s]) => [k, s.default])) as ComplementParams;

/** Validates complementarity parameters (missing ones take their defaults). */
export const complementParamsSchema = paramsSchema(complementParamSpecs);

/** The weight parameter of each axis. */
export const axisWeight: Readonly<Record<ComplementAxis, keyof ComplementParams>> = {
  density: 'wDensity',
  primary: 'wPrimary',
  aged: 'wAged',
  dayNight: 'wDayNight',
  size: 'wSize',
};

/** A municipality's position on each axis (null where the census has no figure). */
export type AxisValues = Record<ComplementAxis, number | null>;

/** The census figures the axes are made of. */
export interface AxisSource {
  density: number;
  sharePrimary: number | null;
  share65plus: number | null;
  dayNightRatio: number | null;
  population: number;
}

const log10OrNull = (v: number) => (v > 0 ? Math.log10(v) : null);

/**
 * The axis values of one municipality.
 * @example axisValues({ density: 1000, sharePrimary: 2, share65plus: 25, dayNightRatio: 95, population: 100_000 }).density // 3
 */
export function axisValues(m: AxisSource): AxisValues {
  return { density: log10OrNull(m.density), primary: m.sharePrimary, aged: m.share65plus, dayNight: m.dayNightRatio, size: log10OrNull(m.population) };
}

/** One axis's factor 0..1, or null where either side (or the spread) has no figure. */
function axisFactor(a: number | null, b: number | null, spread: number | null, saturationSd: number): number | null {
  if (a === null || b === null || spread === null || !(spread > 0)) return null;
  return 1 - Math.exp(-Math.abs((b - a) / spread) / saturationSd);
}

/** Places' positions on every axis in national standard deviations (NaN where there is no figure), as columns. */
export interface ComplementColumns {
  axes: Float64Array[];
}

/**
 * The columns of a list of places (in its order), for scoring many pairs.
 * @example complementColumns([a, b], sd).axes.length // 5
 */
export function complementColumns(values: readonly AxisValues[], sd: AxisValues): ComplementColumns {
  return {
    axes: complementAxes.map((axis) => {
      const spread = sd[axis];
      return Float64Array.from(values, (v) => (v[axis] === null || spread === null || !(spread > 0) ? Number.NaN : v[axis] / spread));
    }),
  };
}

/** The axis weights of a parameter set, in the order of complementAxes. */
export const axisWeights = (p: ComplementParams): number[] => complementAxes.map((axis) => p[axisWeight[axis]]);

/**
 * Complementarity of place j for place i: the weighted mean, over the axes with data on both sides, of
 * 1 − exp(−|Δ| / saturationSd) (0 when no axis has). The one definition of the score; nothing allocated, so a
 * matrix of every pair stays cheap.
 */
export function complementAt(c: ComplementColumns, i: number, j: number, weights: readonly number[], saturationSd: number): number {
  let weighted = 0;
  let total = 0;
  for (let k = 0; k < c.axes.length; k++) {
    const diff = c.axes[k][j] - c.axes[k][i];
    if (Number.isNaN(diff)) continue;
    weighted += weights[k] * (1 - Math.exp(-Math.abs(diff) / saturationSd));
    total += weights[k];
  }
  return total > 0 ? weighted / total : 0;
}

/**
 * Complementarity of `candidate` for `origin`, with every axis's factor.
 * @example
 * // identical places do not complement each other
 * complementScore(v, v, sd, defaultComplementParams).score // 0
 */
export function complementScore(origin: AxisValues, candidate: AxisValues, sd: AxisValues, p: ComplementParams): { score: number; factors: ComplementFactors } {
  const factors = {} as ComplementFactors;
  for (const axis of complementAxes) {
    const a = origin[axis];
    const b = candidate[axis];
    const factor = axisFactor(a, b, sd[axis], p.saturationSd);
    factors[axis] = factor === null ? { origin: a, candidate: b, diffSd: null, factor: 0 } : { origin: a, candidate: b, diffSd: (b! - a!) / sd[axis]!, factor };
  }
  return { score: complementAt(complementColumns([origin, candidate], sd), 0, 1, axisWeights(p), p.saturationSd), factors };
}
