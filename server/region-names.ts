/**
 * Regions named in English for the API's records (`nameEn`): the centres' romanised names and the type, e.g.
 * "Fukuyama central city region" (domain/names/romaji.ts), from the romaji the pipeline gave every municipality and
 * prefecture. What-if groupings keep the name their author gave (`nameEn` null).
 */
import { labelIn } from '../domain/glossary.ts';
import { regionNameEn } from '../domain/names/romaji.ts';
import type { RegionType } from '../domain/records/regions.ts';
import { builtData } from './built.ts';
import type { AtlasDb } from './db.ts';

/** Romanised names by municipality code and by prefecture name. */
export interface RomajiNames {
  munis: ReadonlyMap<string, string>;
  prefectures: ReadonlyMap<string, string>;
}

const cache = new WeakMap<AtlasDb, Promise<RomajiNames>>();

/** The romanised names of this database's municipalities and prefectures, read once. */
export function romajiNames(db: AtlasDb): Promise<RomajiNames> {
  let names = cache.get(db);
  if (!names) {
    names = builtData(db).then((b) => ({
      munis: new Map(b.municipalities.flatMap((m) => (m.nameRomaji ? [[m.code, m.nameRomaji] as const] : []))),
      prefectures: new Map(b.prefectures.flatMap((p) => (p.nameRomaji ? [[p.name, p.nameRomaji] as const] : []))),
    }));
    names.catch(() => cache.delete(db));
    cache.set(db, names);
  }
  return names;
}

/**
 * A region's English name, or null for a what-if grouping.
 * @example englishRegionName(names, { type: 'central_city_region', name: '備後圏域連携中枢都市圏', centerCodes: ['34207'], memberCodes: [] }) // 'Fukuyama central city region'
 */
export function englishRegionName(names: RomajiNames, r: { type: RegionType; name: string; centerCodes: readonly string[]; memberCodes: readonly string[] }): string | null {
  if (r.type === 'custom') return null;
  const label = labelIn('en', 'regionType', r.type);
  if (r.type === 'prefecture') return regionNameEn(label, [names.prefectures.get(r.name) ?? r.name], []);
  const romaji = (codes: readonly string[]) => codes.flatMap((c) => names.munis.get(c) ?? []);
  return regionNameEn(label, romaji(r.centerCodes), romaji(r.memberCodes));
}
