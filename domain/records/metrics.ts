/**
 * The choropleth metrics: API id, database column, unit and labels. Shared by server and client.
 */
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
] as const;
export type MetricId = (typeof metricIds)[number];
export type ClassMethod = 'quantile' | 'equal' | 'jenks';
export const classMethods: readonly ClassMethod[] = ['quantile', 'equal', 'jenks'];

export interface MetricInfo {
  id: MetricId;
  column: string;
  unit: string;
  ja: string;
  en: string;
  /** Diverging metrics are centred on `center` (0 % change, 100 % day/night balance). */
  scale: 'sequential' | 'diverging';
  center?: number;
  /** Estimated outside Tokyo (shown as such). */
  estimated?: boolean;
}

export const metrics: Record<MetricId, MetricInfo> = {
  population: { id: 'population', column: 'population', unit: '人', ja: '人口（2020年）', en: 'Population (2020)', scale: 'sequential' },
  density: { id: 'density', column: 'density', unit: '人/km²', ja: '人口密度', en: 'Population density', scale: 'sequential' },
  popChangePct: { id: 'popChangePct', column: 'pop_change_pct', unit: '%', ja: '人口増減率（2015→2020）', en: 'Population change 2015→2020', scale: 'diverging', center: 0 },
  share65plus: { id: 'share65plus', column: 'share_65plus', unit: '%', ja: '高齢化率（65歳以上）', en: 'Share aged 65+', scale: 'sequential' },
  sharePrimary: { id: 'sharePrimary', column: 'share_primary', unit: '%', ja: '第1次産業就業者割合', en: 'Primary industry share', scale: 'sequential' },
  shareSecondary: { id: 'shareSecondary', column: 'share_secondary', unit: '%', ja: '第2次産業就業者割合', en: 'Secondary industry share', scale: 'sequential' },
  shareTertiary: { id: 'shareTertiary', column: 'share_tertiary', unit: '%', ja: '第3次産業就業者割合', en: 'Tertiary industry share', scale: 'sequential' },
  dayNightRatio: {
    id: 'dayNightRatio',
    column: 'day_night_ratio',
    unit: '%',
    ja: '昼夜間人口比率',
    en: 'Day/night population ratio',
    scale: 'diverging',
    center: 100,
    estimated: true,
  },
  households: { id: 'households', column: 'households', unit: '世帯', ja: '世帯数', en: 'Households', scale: 'sequential' },
  areaKm2: { id: 'areaKm2', column: 'area_km2', unit: 'km²', ja: '面積', en: 'Area', scale: 'sequential' },
  jobsPerResident: {
    id: 'jobsPerResident',
    column: 'jobs_per_resident',
    unit: '倍',
    ja: '従業者数／就業者数（民営）',
    en: 'Jobs per employed resident',
    scale: 'diverging',
    center: 1,
  },
};

/** GET /api/metrics/{metric} */
export interface MetricValues {
  metric: MetricId;
  unit: string;
  method: ClassMethod;
  /** Value per municipality code; null where undefined (e.g. change from a 2015 population of 0). */
  values: Record<string, number | null>;
  /** Upper bounds of the classes, ascending; the last equals the maximum. */
  breaks: number[];
  min: number;
  max: number;
}
