/**
 * Partner ranking (GET /api/partners/{code}) types and the scoring parameters' specifications, shared by
 * the server (which validates and scores with them) and the client (which builds its sliders from them).
 */
import { z } from 'zod';
import { ExchangeKind } from './exchanges.ts';
import { hazardZones } from './hazards.ts';
import { pure } from './pure.ts';

/** What a ranking is for. */
export const partnerPurposes = ['disaster', 'complement'] as const;
export type PartnerPurpose = (typeof partnerPurposes)[number];

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

const HazardZone = pure(() => z.enum(hazardZones));
/** Numbers named by each parameter's key, as the ranking used them. */
const paramValues = <K extends string>(keys: Record<K, unknown>) => z.object(Object.fromEntries(Object.keys(keys).map((k) => [k, z.number()])) as Record<K, z.ZodNumber>);
export const DisasterParams = pure(() => paramValues(disasterParamSpecs));
export const ComplementParams = pure(() => paramValues(complementParamSpecs));

/** The hazard figures of one place used by the score (J-SHIS 2024 and the hazard-map exposure shares, in %). */
export const HazardFigures = pure(() =>
  z.object({
    quakeProb30: z.number().nullable().describe('Probability of 震度6弱 or more within 30 years, %; null where J-SHIS gives none (双葉町).'),
    floodShare: z.number().describe('Residents inside the 想定最大規模 river-flood area (≥ 0.5 m), %.'),
    surgeShare: z.number().describe('Residents inside the storm-surge area (≥ 0.5 m), %.'),
    tsunamiShare: z.number().describe('Residents inside the tsunami area, %.'),
  }),
);
export type HazardFigures = z.infer<typeof HazardFigures>;

/** What limits a disaster-aid score most: the smallest of its parts (1 − each risk, reachability, capacity). */
export const limitingFactors = ['sameQuake', 'sameStorm', 'ownHazard', 'reachability', 'capacity'] as const;
export type LimitingFactor = (typeof limitingFactors)[number];

/**
 * Factors of a disaster-aid score, each in 0..1:
 * score = (1 − risk) × reachability × capacity, with 1 − risk = (1 − sameQuake) × (1 − sameStorm) × (1 − ownHazard).
 */
export const DisasterFactors = pure(() =>
  z.object({
    risk: z.number().describe('Chance of being hit by the same disaster: the three parts below combined.'),
    sameQuake: z.number().describe('The same earthquake: distance correlation × both J-SHIS probabilities, raised by a shared zone.'),
    sameStorm: z.number().describe("The same storm or rain event: distance correlation × both places' flood/surge exposure."),
    ownHazard: z.number().describe('The partner struck by an earthquake of its own (its J-SHIS probability × ownHazardWeight).'),
    reachability: z.number(),
    capacity: z.number(),
    routeKm: z.number().describe('Travel distance used for reachability, km: great-circle on one road network, else through the ferry ports.'),
    crossings: z.number().describe('Sea crossings by ferry on the way (0–2).'),
    limitedBy: z.enum(limitingFactors),
    hazard: HazardFigures.describe("The partner's hazard figures used."),
    sharedZones: z.array(HazardZone).describe('The expected earthquakes whose designated zones hold both (e.g. nankai_trough).'),
    possibleZones: z.array(HazardZone).describe("Zones where a side's prefecture is only partly designated (membership unknown)."),
  }),
);
export type DisasterFactors = z.infer<typeof DisasterFactors>;

/** One ranked candidate; `factors` depend on the purpose. */
const PartnerItemBase = pure(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    prefName: z.string(),
    population: z.number(),
    distanceKm: z.number(),
    score: z.number(),
    existingTies: z.array(ExchangeKind).describe("Kinds of the agreements A and this candidate already have (a company's or organisation's link is not one)."),
    tieNetworks: z.array(z.string()).describe('Names of the multilateral pacts both are parties to (e.g. 中核市災害相互応援協定); their kinds are in existingTies.'),
  }),
);
export type PartnerItem<F> = z.infer<typeof PartnerItemBase> & { factors: F };

/** A disaster-aid candidate: the common item plus whether the way crosses the sea. */
export const DisasterItem = pure(() =>
  PartnerItemBase.extend({
    factors: DisasterFactors,
    seaCrossing: z.boolean().describe('True when help has to cross the sea by ferry (no road bridge or tunnel).'),
  }),
);
export type DisasterItem = z.infer<typeof DisasterItem>;

/** The chosen municipality of a disaster-aid ranking, with its own hazard and, for an island, its ferry port. */
export const DisasterOrigin = pure(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    prefName: z.string(),
    population: z.number(),
    lon: z.number(),
    lat: z.number(),
    zones: z.array(HazardZone).describe('Designated zones holding it.'),
    possibleZones: z.array(HazardZone).describe('Zones of which its prefecture is only partly designated (members not listed): it may lie in them.'),
    hazard: HazardFigures,
    island: z.boolean().describe('True when it can be reached only across the sea (no road bridge or tunnel).'),
    port: z
      .object({ code: z.string(), name: z.string(), seaKm: z.number() })
      .nullable()
      .describe('For an island: the mainland municipality nearest across the sea, where help is staged; null on the mainland.'),
  }),
);
export type DisasterOrigin = z.infer<typeof DisasterOrigin>;

/** The urban↔rural axes of complementarity. */
export const complementAxes = ['density', 'primary', 'aged', 'dayNight', 'size'] as const;
export type ComplementAxis = (typeof complementAxes)[number];

/** Per axis: the two values, the difference in national standard deviations and its factor 0..1. */
export const AxisFactor = pure(() => z.object({ origin: z.number().nullable(), candidate: z.number().nullable(), diffSd: z.number().nullable(), factor: z.number() }));
export type AxisFactor = z.infer<typeof AxisFactor>;
export const ComplementFactors = pure(() => z.record(z.enum(complementAxes), AxisFactor));
export type ComplementFactors = z.infer<typeof ComplementFactors>;
const ComplementItem = pure(() => PartnerItemBase.extend({ factors: ComplementFactors }));

/** A municipality linked to A through one or more of A's partners (partners of partners). */
export const ViaPartner = pure(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    prefName: z.string(),
    distanceKm: z.number(),
    direct: z.boolean().describe('True when A already has an agreement with it too.'),
    via: z.array(z.object({ code: z.string(), name: z.string(), kinds: z.array(ExchangeKind) })),
  }),
);
export type ViaPartner = z.infer<typeof ViaPartner>;

const scores = () => z.record(z.string(), z.number()).describe('Score of every candidate (for colouring the map), by code.');

/** GET /api/partners/{code}?purpose=disaster */
export const DisasterRanking = pure(() =>
  z.object({
    purpose: z.literal('disaster'),
    origin: DisasterOrigin,
    params: DisasterParams,
    total: z.number(),
    items: z.array(DisasterItem),
    existing: z.array(DisasterItem.extend({ rank: z.number() })).describe('Every municipality A already has an agreement with, wherever it ranks, with its rank (1 = best).'),
    scores: scores(),
  }),
);
export type DisasterRanking = z.infer<typeof DisasterRanking>;

/** GET /api/partners/{code}?purpose=complement */
export const ComplementRanking = pure(() =>
  z.object({
    purpose: z.literal('complement'),
    origin: z.object({ code: z.string(), name: z.string(), prefName: z.string(), population: z.number(), lon: z.number(), lat: z.number() }),
    params: ComplementParams,
    total: z.number(),
    items: z.array(ComplementItem),
    scores: scores(),
    viaPartners: z.array(ViaPartner),
  }),
);
export type ComplementRanking = z.infer<typeof ComplementRanking>;

/** GET /api/partners/{code}: the ranking of the purpose asked for. */
export const PartnerRanking = pure(() => z.discriminatedUnion('purpose', [DisasterRanking, ComplementRanking]));
export type PartnerRanking = z.infer<typeof PartnerRanking>;

/** A best partner in the national partner table. */
export const MatrixPartner = pure(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    prefName: z.string(),
    score: z.number(),
    distanceKm: z.number(),
    mutual: z.boolean().describe("True when each is among the other's best: a pair both sides would choose."),
    tied: z.boolean().describe('True when the two already have an agreement or share a pact.'),
  }),
);
export type MatrixPartner = z.infer<typeof MatrixPartner>;

/** GET /api/partners/matrix: every municipality's best partners, in code order. */
export const PartnerMatrix = pure(() =>
  z.object({
    purpose: z.enum(partnerPurposes),
    params: z.union([DisasterParams, ComplementParams]),
    top: z.number().describe('Partners listed per municipality.'),
    total: z.number(),
    mutualPairs: z.number().describe("Pairs that are each other's choice (each counted once)."),
    items: z.array(z.object({ code: z.string(), name: z.string(), prefName: z.string(), partners: z.array(MatrixPartner) })),
  }),
);
export type PartnerMatrix = z.infer<typeof PartnerMatrix>;
