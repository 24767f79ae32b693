/**
 * Disaster mutual-aid suitability (災害時相互応援) of partner B for municipality A.
 *
 * Idea (seed document 001_0c90d4750b6046d5.txt): a good partner is far enough away not to be hit by the
 * same disaster (同時被災の可能性が低い) and near enough to help — 狛江市's fire brigade was first to reach
 * its partner 川口町 (now 長岡市) after the 2004 中越 earthquake, about 210 km away; 山川町 (now 指宿市) and
 * 倶知安町 are about 1,580 km apart, a tie of friendship more than of first response.
 *
 * Evidence for the defaults: a 2014 study of 66 municipalities' aid agreements (目黒公郎, 東京大学 CIDIR)
 * found 12.4 partners each on average, about 29 % within 30 km and about 53 % beyond 100 km; pairs
 * 500–800 km apart were under 8 % of agreements but gave about 32 % of the aid after the 2011 earthquake.
 * Hence: risk decays over ~100 km (neighbours share the disaster), and help still arrives up to ~700 km
 * (about a day by road) before reachability falls.
 *
 * Model, for great-circle distance d (km) between representative points:
 *   risk         = exp(−d / decayKm), raised to risk + zonePenalty × (1 − risk) when both lie in the
 *                  designated zone of the same expected earthquake (南海トラフ, 首都直下, 日本海溝・千島海溝);
 *   reachability = 1 / (1 + exp((d − reachMidKm) / reachWidthKm));
 *   capacity     = 1 − exp(−(popB / popA) / capacityRatio)   (a village cannot host a city);
 *   score        = (1 − risk) × reachability × capacity, in 0..1.
 * log(1 − risk) and log(reachability) are both concave in d, so for fixed zones and populations the score
 * has a single peak and falls monotonically beyond it.
 */
import { z } from 'zod';
import { type DisasterParams, type ParamSpec, disasterParamSpecs } from '../records/partners.ts';

export type { DisasterParams };

/** The defaults (decayKm 100 km, zonePenalty 0.5, reachMidKm 700 km, reachWidthKm 150 km, capacityRatio 0.5). */
export const defaultDisasterParams: DisasterParams = Object.fromEntries(Object.entries(disasterParamSpecs).map(([k, s]) => [k, s.default])) as DisasterParams;

/** A zod number for one parameter: coerced from query strings, range checked with a message naming the range and unit. */
export function paramField(spec: ParamSpec) {
  const range = `must be between ${spec.min} and ${spec.max}${spec.unit ? ` ${spec.unit}` : ''}`;
  return z.coerce
    .number({ error: `${range} (a number)` })
    .refine(Number.isFinite, range)
    .refine((v) => v >= spec.min && v <= spec.max, range);
}

/**
 * A strict zod schema for a set of parameter specs: every key optional (default from its spec), unknown keys refused.
 * @example paramsSchema(disasterParamSpecs).parse({ decayKm: '50' }).decayKm // 50
 */
export function paramsSchema<K extends string>(specs: Record<K, ParamSpec>): z.ZodType<Record<K, number>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, s] of Object.entries(specs) as [K, ParamSpec][]) shape[k] = paramField(s).default(s.default);
  return z.object(shape).strict() as unknown as z.ZodType<Record<K, number>>;
}

/** Validates disaster parameters (missing ones take their defaults). */
export const disasterParamsSchema = paramsSchema(disasterParamSpecs);

/** What the scorer needs about one candidate. */
export interface DisasterInput {
  distanceKm: number;
  originPopulation: number;
  candidatePopulation: number;
  /** True when both lie in a designated zone of the same expected earthquake. */
  sharedZone: boolean;
}

/** Chance of simultaneous damage, 0..1. @example simultaneousRisk(0, false, defaultDisasterParams) // 1 */
export function simultaneousRisk(distanceKm: number, sharedZone: boolean, p: DisasterParams): number {
  const base = Math.exp(-Math.max(0, distanceKm) / p.decayKm);
  return sharedZone ? base + p.zonePenalty * (1 - base) : base;
}

/** How readily help arrives, 0..1 (a falling logistic). @example reachability(700, defaultDisasterParams) // 0.5 */
export function reachability(distanceKm: number, p: DisasterParams): number {
  return 1 / (1 + Math.exp((distanceKm - p.reachMidKm) / p.reachWidthKm));
}

/** How much B can give relative to A's needs, 0..1, saturating. @example capacity(1e5, 1e5, defaultDisasterParams) // ≈ 0.86 */
export function capacity(originPopulation: number, candidatePopulation: number, p: DisasterParams): number {
  if (originPopulation <= 0) return 1;
  return 1 - Math.exp(-(Math.max(0, candidatePopulation) / originPopulation) / p.capacityRatio);
}

/**
 * The score of one candidate with its factors.
 * @example
 * // 狛江市 (83,000) → 長岡市 (266,000), 210 km, no shared zone
 * disasterScore({ distanceKm: 210, originPopulation: 83_000, candidatePopulation: 266_000, sharedZone: false }, defaultDisasterParams).score // ≈ 0.87
 */
export function disasterScore(input: DisasterInput, p: DisasterParams): { score: number; risk: number; reachability: number; capacity: number } {
  const risk = simultaneousRisk(input.distanceKm, input.sharedZone, p);
  const reach = reachability(input.distanceKm, p);
  const cap = capacity(input.originPopulation, input.candidatePopulation, p);
  return { score: (1 - risk) * reach * cap, risk, reachability: reach, capacity: cap };
}
