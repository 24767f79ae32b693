/**
 * Partner ranking (GET /api/partners/{code}) types and the scoring parameters' specifications, shared by
 * the server (which validates and scores with them) and the client (which builds its sliders from them).
 */
import type { ExchangeKind } from './exchanges.ts';
import type { HazardZone } from './hazards.ts';

/** What a ranking is for. */
export type PartnerPurpose = 'disaster' | 'complement';

/** One named scoring parameter: unit, valid range, default and a line of explanation. */
export interface ParamSpec {
  unit: string;
  min: number;
  max: number;
  default: number;
  /** Slider step. */
  step: number;
  ja: string;
  en: string;
}

/**
 * Parameters of the disaster mutual-aid score (see server/scoring/disaster.ts for the model and evidence).
 * The URL of the disaster view uses the same keys.
 */
export const disasterParamSpecs = {
  decayKm: { unit: 'km', min: 10, max: 1000, default: 100, step: 10, ja: '同時被災リスクの減衰距離', en: 'Simultaneous-damage decay distance' },
  zonePenalty: { unit: '', min: 0, max: 1, default: 0.5, step: 0.05, ja: '同一想定地震の区域にある場合のリスク加算', en: 'Extra risk when both lie in the same designated zone' },
  reachMidKm: { unit: 'km', min: 100, max: 2000, default: 700, step: 50, ja: '応援到達性が半分になる距離', en: 'Distance at which reachability halves' },
  reachWidthKm: { unit: 'km', min: 20, max: 1000, default: 150, step: 10, ja: '到達性の低下の幅', en: 'Width of the reachability fall-off' },
  capacityRatio: { unit: '', min: 0.01, max: 10, default: 0.5, step: 0.01, ja: '応援力の目安となる人口比（B÷A）', en: 'Population ratio B÷A giving 63 % capacity' },
} as const satisfies Record<string, ParamSpec>;
export type DisasterParams = { [K in keyof typeof disasterParamSpecs]: number };

/** Parameters of the complementarity score (server/scoring/complement.ts): one weight per axis and a saturation. */
export const complementParamSpecs = {
  wDensity: { unit: '', min: 0, max: 5, default: 1, step: 0.1, ja: '重み：人口密度（対数）', en: 'Weight: population density (log)' },
  wPrimary: { unit: '', min: 0, max: 5, default: 1, step: 0.1, ja: '重み：第1次産業就業者比率', en: 'Weight: share in primary industry' },
  wAged: { unit: '', min: 0, max: 5, default: 1, step: 0.1, ja: '重み：65歳以上人口比率', en: 'Weight: share aged 65+' },
  wDayNight: { unit: '', min: 0, max: 5, default: 1, step: 0.1, ja: '重み：昼夜間人口比率', en: 'Weight: day/night population ratio' },
  wSize: { unit: '', min: 0, max: 5, default: 1, step: 0.1, ja: '重み：人口規模（対数）', en: 'Weight: population size (log)' },
  saturationSd: { unit: 'SD', min: 0.25, max: 5, default: 1, step: 0.05, ja: '差が十分とみなす大きさ（標準偏差）', en: 'Difference counted as large (standard deviations)' },
} as const satisfies Record<string, ParamSpec>;
export type ComplementParams = { [K in keyof typeof complementParamSpecs]: number };

/** Factors of a disaster-aid score, each in 0..1; score = (1 − risk) × reachability × capacity. */
export interface DisasterFactors {
  /** Chance of being hit by the same disaster (distance decay, raised by a shared zone). */
  risk: number;
  reachability: number;
  capacity: number;
  /** The expected earthquakes whose designated zones hold both (e.g. nankai_trough). */
  sharedZones: HazardZone[];
  /** Zones where one side is designated and the other's prefecture only partly (membership unknown). */
  possibleZones: HazardZone[];
}

/** The urban↔rural axes of complementarity. */
export type ComplementAxis = 'density' | 'primary' | 'aged' | 'dayNight' | 'size';
export const complementAxes: readonly ComplementAxis[] = ['density', 'primary', 'aged', 'dayNight', 'size'];

/** Per axis: the two values, the difference in national standard deviations and its factor 0..1. */
export interface AxisFactor {
  origin: number | null;
  candidate: number | null;
  diffSd: number | null;
  factor: number;
}
export type ComplementFactors = Record<ComplementAxis, AxisFactor>;

/** One ranked candidate. */
export interface PartnerItem<F> {
  code: string;
  name: string;
  prefName: string;
  population: number;
  distanceKm: number;
  score: number;
  factors: F;
  /** Kinds of the agreements A and this candidate already have (a company's or organisation's link is not one). */
  existingTies: ExchangeKind[];
  /** Names of the multilateral pacts both are parties to (e.g. 中核市災害相互応援協定); their kinds are in existingTies. */
  tieNetworks: string[];
}

/** A municipality linked to A through one or more of A's partners (partners of partners). */
export interface ViaPartner {
  code: string;
  name: string;
  prefName: string;
  distanceKm: number;
  /** True when A already has an agreement with it too. */
  direct: boolean;
  via: { code: string; name: string; kinds: ExchangeKind[] }[];
}

/** GET /api/partners/{code}?purpose=disaster */
export interface DisasterRanking {
  purpose: 'disaster';
  origin: { code: string; name: string; prefName: string; population: number; lon: number; lat: number; zones: HazardZone[] };
  params: DisasterParams;
  total: number;
  items: PartnerItem<DisasterFactors>[];
  /** Score of every candidate (for colouring the map), by code. */
  scores: Record<string, number>;
}

/** GET /api/partners/{code}?purpose=complement */
export interface ComplementRanking {
  purpose: 'complement';
  origin: { code: string; name: string; prefName: string; population: number; lon: number; lat: number };
  params: ComplementParams;
  total: number;
  items: PartnerItem<ComplementFactors>[];
  /** Score of every candidate (for colouring the map), by code. */
  scores: Record<string, number>;
  viaPartners: ViaPartner[];
}
