/**
 * The choropleth metrics: API id, database column and unit (labels: domain/glossary.ts). Shared by server and client.
 */
import { z } from 'zod';
import { pure } from './pure.ts';

export const metricIds = [
  'population',
  'density',
  'popChangePct',
  'share65plus',
  'sharePrimary',
  'shareSecondary',
  'shareTertiary',
  'dayNightRatio',
  'households',
  'areaKm2',
  'jobsPerResident',
  'population2050',
  'popChange2050Pct',
  'share65plus2050',
  'quakeProb30',
  'tsunamiShare',
  'floodShare',
] as const;
export type MetricId = (typeof metricIds)[number];
export const classMethods = ['quantile', 'equal', 'jenks'] as const;
export type ClassMethod = (typeof classMethods)[number];

export interface MetricInfo {
  id: MetricId;
  /** Table holding `column`, one row per municipality code (default `municipalities`). */
  table?: 'municipalities' | 'projection_metrics' | 'hazard_figures';
  column: string;
  unit: string;
  /** Diverging metrics are centred on `center` (0 % change, 100 % day/night balance). */
  scale: 'sequential' | 'diverging';
  center?: number;
  /** Estimated outside Tokyo (shown as such). */
  estimated?: boolean;
  /** A projection (IPSS 2023), not an observed figure (shown as such). */
  projected?: boolean;
  /** A derived figure, not an official statistic: what it was derived from, shown beside the value. */
  derived?: { ja: string; en: string };
  /** Ids of its datasets in GET /api/sources. */
  sources?: readonly string[];
}

const hazardSources = ['jshis_2024', 'hazard_map_portal', 'mesh_population'] as const;
/** Exposure shares are population-weighted on the 1 km grid; a 0 can mean that no map of that kind was published. */
const exposure = (ja: string, en: string): MetricInfo['derived'] => ({
  ja: `派生値：ハザードマップポータルの${ja}と1kmメッシュ人口から（地図未公表の地域は0 %）`,
  en: `Derived: Hazard Map Portal ${en} × 1 km population grid (0 % also where no map was published)`,
});

export const metrics: Record<MetricId, MetricInfo> = {
  population: { id: 'population', column: 'population', unit: '人', scale: 'sequential' },
  density: { id: 'density', column: 'density', unit: '人/km²', scale: 'sequential' },
  popChangePct: { id: 'popChangePct', column: 'pop_change_pct', unit: '%', scale: 'diverging', center: 0 },
  share65plus: { id: 'share65plus', column: 'share_65plus', unit: '%', scale: 'sequential' },
  sharePrimary: { id: 'sharePrimary', column: 'share_primary', unit: '%', scale: 'sequential' },
  shareSecondary: { id: 'shareSecondary', column: 'share_secondary', unit: '%', scale: 'sequential' },
  shareTertiary: { id: 'shareTertiary', column: 'share_tertiary', unit: '%', scale: 'sequential' },
  dayNightRatio: {
    id: 'dayNightRatio',
    column: 'day_night_ratio',
    unit: '%',
    scale: 'diverging',
    center: 100,
    estimated: true,
  },
  households: { id: 'households', column: 'households', unit: '世帯', scale: 'sequential' },
  areaKm2: { id: 'areaKm2', column: 'area_km2', unit: 'km²', scale: 'sequential' },
  jobsPerResident: {
    id: 'jobsPerResident',
    column: 'jobs_per_resident',
    unit: '倍',
    scale: 'diverging',
    center: 1,
  },
  population2050: {
    id: 'population2050',
    table: 'projection_metrics',
    column: 'population_2050',
    unit: '人',
    scale: 'sequential',
    projected: true,
  },
  popChange2050Pct: {
    id: 'popChange2050Pct',
    table: 'projection_metrics',
    column: 'pop_change_2050_pct',
    unit: '%',
    scale: 'diverging',
    center: 0,
    projected: true,
  },
  share65plus2050: {
    id: 'share65plus2050',
    table: 'projection_metrics',
    column: 'share_65plus_2050',
    unit: '%',
    scale: 'sequential',
    projected: true,
  },
  quakeProb30: {
    id: 'quakeProb30',
    column: 'quake_prob30',
    table: 'hazard_figures',
    unit: '%',
    scale: 'sequential',
    derived: { ja: '派生値：J-SHIS 2024年版の人口重心の値（面の平均ではない）', en: 'Derived: J-SHIS 2024 at the population-weighted centre (a point, not an area average)' },
    sources: ['jshis_2024', 'mesh_population'],
  },
  tsunamiShare: {
    id: 'tsunamiShare',
    column: 'tsunami_share',
    table: 'hazard_figures',
    unit: '%',
    scale: 'sequential',
    derived: exposure('津波浸水想定', 'tsunami areas'),
    sources: hazardSources,
  },
  floodShare: {
    id: 'floodShare',
    column: 'flood_share',
    table: 'hazard_figures',
    unit: '%',
    scale: 'sequential',
    derived: exposure('洪水浸水想定（想定最大規模）', 'river-flood areas (largest assumed rain)'),
    sources: hazardSources,
  },
};

/** GET /api/metrics/{metric} */
export const MetricValues = pure(() =>
  z.object({
    metric: z.enum(metricIds),
    unit: z.string(),
    method: z.enum(classMethods),
    values: z.record(z.string(), z.number().nullable()).describe('Value per municipality code; null where undefined (e.g. change from a 2015 population of 0).'),
    breaks: z.array(z.number()).describe('Upper bounds of the classes, ascending; the last equals the maximum.'),
    min: z.number(),
    max: z.number(),
    derived: z.object({ ja: z.string(), en: z.string() }).optional().describe('For a derived figure: what it was derived from.'),
    sources: z.array(z.string()).readonly().optional().describe('For a derived figure: ids of its datasets in GET /api/sources.'),
  }),
);
export type MetricValues = z.infer<typeof MetricValues>;
