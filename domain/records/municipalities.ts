/**
 * API response types of the spine routes, shared by server and client (`import type`).
 * A renamed field breaks the build on both sides rather than the page.
 */
import type { MunicipalityExchange, MunicipalityNetwork } from './exchanges.ts';
import type { MunicipalityKind } from './municipality-kinds.ts';
import type { Outlook } from './outlook.ts';
import type { MunicipalityRegion } from './regions.ts';

export { type MunicipalityKind, municipalityKinds } from './municipality-kinds.ts';

/** One municipality in lists: identity, location and every census metric. */
export interface Municipality {
  code: string;
  name: string;
  nameKana: string | null;
  /** Hepburn from the reading with the kind as a romanised suffix, e.g. "Setagaya-ku" (domain/names/romaji.ts). */
  nameRomaji: string | null;
  prefCode: string;
  prefName: string;
  /** The prefecture in romaji without 都府県, e.g. "Tokyo". */
  prefNameRomaji: string | null;
  kind: MunicipalityKind;
  population: number;
  population2015: number;
  /** Population change 2015→2020, %. Null where 2015 was 0 (Fukushima evacuation zone). */
  popChangePct: number | null;
  households: number;
  areaKm2: number;
  density: number;
  share65plus: number | null;
  sharePrimary: number | null;
  shareSecondary: number | null;
  shareTertiary: number | null;
  jobsPerResident: number | null;
  daytimePopulation: number;
  /** 昼夜間人口比率, % (100 = as many people by day as by night). Null where nobody lives there (双葉町 2020). */
  dayNightRatio: number | null;
  /** True where the ratio is estimated from jobs per employed resident (everywhere but Tokyo). */
  dayNightEstimated: boolean;
  lon: number;
  lat: number;
}

/** GET /api/municipalities */
export interface MunicipalityList {
  items: Municipality[];
  total: number;
}

/** GET /api/municipalities/{code}: every metric, plus the regions and exchanges it takes part in. */
export interface MunicipalityDetail extends Municipality {
  designationSince: string | null;
  employed: number;
  privateEmployees: number;
  boundaryAreaKm2: number;
  regions: MunicipalityRegion[];
  exchanges: MunicipalityExchange[];
  /** Multilateral pacts it is a party to (21大都市, 中核市, 義士親善友好都市 …). */
  networks: MunicipalityNetwork[];
  /** IPSS 2023 projection 2020→2050 (its own, or its group's where only the group is published). */
  outlook: Outlook | null;
}

/** GET /api/prefectures: two-digit code, name, reading and a representative point. */
export interface Prefecture {
  code: string;
  name: string;
  nameKana: string | null;
  nameRomaji: string | null;
  lon: number;
  lat: number;
}
export interface PrefectureList {
  items: Prefecture[];
}

/** GET /api/health */
export interface Health {
  status: 'ok';
  municipalities: number;
  dataVintage: string;
}

/** One dataset with the attribution line the UI must show. GET /api/sources */
export interface DataSource {
  id: string;
  name: string;
  vintage: string;
  licence: string;
  attribution: string;
  url: string;
}
export interface SourceList {
  items: DataSource[];
  /** Mean error of the day/night estimate on Tokyo's measured cities, percentage points. */
  dayNightEstimateErrorPoints: number;
}

/** Every error response: `{error:{code,message}}`. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}
