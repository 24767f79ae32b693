/**
 * Municipality kinds (exact API values). 施行時特例市 = special_case_city. Its own file so that region records can
 * name it without an import cycle through the municipality detail (which lists regions).
 */
export const municipalityKinds = ['designated_city', 'core_city', 'special_case_city', 'city', 'special_ward', 'town', 'village'] as const;
export type MunicipalityKind = (typeof municipalityKinds)[number];
