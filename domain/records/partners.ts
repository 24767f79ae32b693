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
 * Parameters of the disaster mutual-aid score (domain/scoring/disaster.ts gives the model and the evidence for each default).
 * The URL of the disaster view uses the same keys.
 */
export const disasterParamSpecs = {
  decayKm: { unit: 'km', min: 10, max: 1000, default: 100, step: 10, ja: '同じ地震で揺れる範囲（相関距離）', en: 'Reach of one earthquake (correlation distance)' },
  zonePenalty: { unit: '', min: 0, max: 1, default: 0.5, step: 0.05, ja: '同じ想定地震の区域にある場合のリスク加算', en: 'Extra risk when both lie in the same designated zone' },
  possibleZoneWeight: {
    unit: '',
    min: 0,
    max: 1,
    default: 0.5,
    step: 0.05,
    ja: '県の一部だけ指定（対象未収録）の区域の重み',
    en: 'Weight of a zone known only by prefecture (members not listed)',
  },
  ownHazardWeight: {
    unit: '',
    min: 0,
    max: 1,
    default: 1,
    step: 0.05,
    ja: '相手自身の被災確率（J-SHIS 30年）の重み',
    en: 'Weight of the partner’s own probability (J-SHIS, 30 years)',
  },
  stormDecayKm: { unit: 'km', min: 10, max: 2000, default: 300, step: 10, ja: '同じ豪雨・台風で浸水する範囲', en: 'Reach of one storm or rain event (floods)' },
  reachMidKm: { unit: 'km', min: 100, max: 2000, default: 700, step: 50, ja: '応援到達性が半分になる距離', en: 'Distance at which reachability halves' },
  reachWidthKm: { unit: 'km', min: 20, max: 1000, default: 150, step: 10, ja: '到達性の低下の幅', en: 'Width of the reachability fall-off' },
  ferryPenaltyKm: { unit: 'km', min: 0, max: 1000, default: 200, step: 10, ja: '船で海を渡る1回を道路距離に換算', en: 'One sea crossing by ferry, as road distance' },
  capacityRatio: { unit: '', min: 0.01, max: 10, default: 1, step: 0.01, ja: '応援力の目安となる人口比（B÷A）', en: 'Population ratio B÷A giving 63 % capacity' },
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

/** The hazard figures of one place used by the score (J-SHIS 2024 and the hazard-map exposure shares, in %). */
export interface HazardFigures {
  /** Probability of 震度6弱 or more within 30 years, %; null where J-SHIS gives none (双葉町). */
  quakeProb30: number | null;
  /** Residents inside the 想定最大規模 river-flood area (≥ 0.5 m), %. */
  floodShare: number;
  /** Residents inside the storm-surge area (≥ 0.5 m), %. */
  surgeShare: number;
  /** Residents inside the tsunami area, %. */
  tsunamiShare: number;
}

/** What limits a disaster-aid score most: the smallest of its parts (1 − each risk, reachability, capacity). */
export const limitingFactors = ['sameQuake', 'sameStorm', 'ownHazard', 'reachability', 'capacity'] as const;
export type LimitingFactor = (typeof limitingFactors)[number];

/**
 * Factors of a disaster-aid score, each in 0..1:
 * score = (1 − risk) × reachability × capacity, with 1 − risk = (1 − sameQuake) × (1 − sameStorm) × (1 − ownHazard).
 */
export interface DisasterFactors {
  /** Chance of being hit by the same disaster: the three parts below combined. */
  risk: number;
  /** The same earthquake: distance correlation × both J-SHIS probabilities, raised by a shared zone. */
  sameQuake: number;
  /** The same storm or rain event: distance correlation × both places' flood/surge exposure. */
  sameStorm: number;
  /** The partner struck by an earthquake of its own (its J-SHIS probability × ownHazardWeight). */
  ownHazard: number;
  reachability: number;
  capacity: number;
  /** Travel distance used for reachability, km: great-circle on one road network, else through the ferry ports. */
  routeKm: number;
  /** Sea crossings by ferry on the way (0–2). */
  crossings: number;
  limitedBy: LimitingFactor;
  /** The partner's hazard figures used. */
  hazard: HazardFigures;
  /** The expected earthquakes whose designated zones hold both (e.g. nankai_trough). */
  sharedZones: HazardZone[];
  /** Zones where a side's prefecture is only partly designated (membership unknown). */
  possibleZones: HazardZone[];
}

/** A disaster-aid candidate: the common item plus whether the way crosses the sea. */
export interface DisasterItem extends PartnerItem<DisasterFactors> {
  /** True when help has to cross the sea by ferry (no road bridge or tunnel). */
  seaCrossing: boolean;
}

/** The chosen municipality of a disaster-aid ranking, with its own hazard and, for an island, its ferry port. */
export interface DisasterOrigin {
  code: string;
  name: string;
  prefName: string;
  population: number;
  lon: number;
  lat: number;
  /** Designated zones holding it. */
  zones: HazardZone[];
  /** Zones of which its prefecture is only partly designated (members not listed): it may lie in them. */
  possibleZones: HazardZone[];
  hazard: HazardFigures;
  /** True when it can be reached only across the sea (no road bridge or tunnel). */
  island: boolean;
  /** For an island: the mainland municipality nearest across the sea, where help is staged; null on the mainland. */
  port: { code: string; name: string; seaKm: number } | null;
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
  origin: DisasterOrigin;
  params: DisasterParams;
  total: number;
  items: DisasterItem[];
  /** Every municipality A already has an agreement with, wherever it ranks, with its rank (1 = best). */
  existing: (DisasterItem & { rank: number })[];
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

/** A best partner in the national partner table. */
export interface MatrixPartner {
  code: string;
  name: string;
  prefName: string;
  score: number;
  distanceKm: number;
  /** True when each is among the other's best: a pair both sides would choose. */
  mutual: boolean;
  /** True when the two already have an agreement or share a pact. */
  tied: boolean;
}

/** GET /api/partners/matrix: every municipality's best partners, in code order. */
export interface PartnerMatrix {
  purpose: PartnerPurpose;
  params: DisasterParams | ComplementParams;
  /** Partners listed per municipality. */
  top: number;
  total: number;
  /** Pairs that are each other's choice (each counted once). */
  mutualPairs: number;
  items: { code: string; name: string; prefName: string; partners: MatrixPartner[] }[];
}
