/**
 * API records of the spine routes: zod schemas (the OpenAPI document and the API tests read them) and their types,
 * shared by server and client (`import type`). A renamed field breaks the build on both sides rather than the page.
 */
import { z } from 'zod';
import { MunicipalityExchange, MunicipalityNetwork } from './exchanges.ts';
import { municipalityKinds } from './municipality-kinds.ts';
import { Outlook } from './outlook.ts';
import { pure } from './pure.ts';
import { MunicipalityRegion } from './regions.ts';

export { type MunicipalityKind, municipalityKinds } from './municipality-kinds.ts';

/** One municipality in lists: identity, location and every census metric. */
export const Municipality = pure(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    nameKana: z.string().nullable(),
    nameRomaji: z.string().nullable().describe('Hepburn from the reading with the kind as a romanised suffix, e.g. "Setagaya-ku" (domain/names/romaji.ts).'),
    prefCode: z.string(),
    prefName: z.string(),
    prefNameRomaji: z.string().nullable().describe('The prefecture in romaji without 都府県, e.g. "Tokyo".'),
    kind: z.enum(municipalityKinds),
    population: z.number(),
    population2015: z.number(),
    popChangePct: z.number().nullable().describe('Population change 2015→2020, %. Null where 2015 was 0 (Fukushima evacuation zone).'),
    households: z.number(),
    areaKm2: z.number(),
    density: z.number(),
    share65plus: z.number().nullable(),
    sharePrimary: z.number().nullable(),
    shareSecondary: z.number().nullable(),
    shareTertiary: z.number().nullable(),
    jobsPerResident: z.number().nullable(),
    daytimePopulation: z.number(),
    dayNightRatio: z.number().nullable().describe('昼夜間人口比率, % (100 = as many people by day as by night). Null where nobody lives there (双葉町 2020).'),
    dayNightEstimated: z.boolean().describe('True where the ratio is estimated from jobs per employed resident (everywhere but Tokyo).'),
    lon: z.number(),
    lat: z.number(),
  }),
);
export type Municipality = z.infer<typeof Municipality>;

/** GET /api/municipalities */
export const MunicipalityList = pure(() => z.object({ items: z.array(Municipality), total: z.number() }));
export type MunicipalityList = z.infer<typeof MunicipalityList>;

/** GET /api/municipalities/{code}: every metric, plus the regions and exchanges it takes part in. */
export const MunicipalityDetail = pure(() =>
  Municipality.extend({
    designationSince: z.string().nullable(),
    employed: z.number(),
    privateEmployees: z.number(),
    boundaryAreaKm2: z.number(),
    regions: z.array(MunicipalityRegion),
    exchanges: z.array(MunicipalityExchange),
    networks: z.array(MunicipalityNetwork).describe('Multilateral pacts it is a party to (21大都市, 中核市, 義士親善友好都市 …).'),
    outlook: Outlook.nullable().describe("IPSS 2023 projection 2020→2050 (its own, or its group's where only the group is published)."),
  }),
);
export type MunicipalityDetail = z.infer<typeof MunicipalityDetail>;

/** GET /api/prefectures: two-digit code, name, reading and a representative point. */
export const Prefecture = pure(() =>
  z.object({ code: z.string(), name: z.string(), nameKana: z.string().nullable(), nameRomaji: z.string().nullable(), lon: z.number(), lat: z.number() }),
);
export type Prefecture = z.infer<typeof Prefecture>;
export const PrefectureList = pure(() => z.object({ items: z.array(Prefecture) }));
export type PrefectureList = z.infer<typeof PrefectureList>;

/** GET /api/health */
export const Health = pure(() => z.object({ status: z.literal('ok'), municipalities: z.number(), dataVintage: z.string() }));
export type Health = z.infer<typeof Health>;

/** One dataset with the attribution line the UI must show. GET /api/sources */
export const DataSource = pure(() => z.object({ id: z.string(), name: z.string(), vintage: z.string(), licence: z.string(), attribution: z.string(), url: z.string() }));
export type DataSource = z.infer<typeof DataSource>;
export const SourceList = pure(() =>
  z.object({
    items: z.array(DataSource),
    dayNightEstimateErrorPoints: z.number().describe("Mean error of the day/night estimate on Tokyo's measured cities, percentage points."),
  }),
);
export type SourceList = z.infer<typeof SourceList>;

/** Every error response: `{error:{code,message}}`. */
export const ApiErrorBody = pure(() => z.object({ error: z.object({ code: z.string(), message: z.string() }) }));
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** What a DELETE answers: the id of what is gone. */
export const Deleted = pure(() => z.object({ deleted: z.string() }));
export type Deleted = z.infer<typeof Deleted>;
