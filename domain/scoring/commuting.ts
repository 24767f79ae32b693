/**
 * Functional regions: the 2020 都市雇用圏 (urban employment areas, 金本・徳岡 2002) as commuting links, and how a formal
 * region (連携中枢都市圏, 定住自立圏, a what-if grouping) compares with the 10 % commuting area of its centre(s).
 *
 * An employment area is one or more centres plus suburbs: a 1st-order suburb sends 10 % or more of its employed residents
 * to the centres (all of them together), a suburb of order k ≥ 2 sends 10 % or more to a suburb of order k − 1. Each
 * municipality is listed once, under the place it commutes to most (so a suburb of one area may still send 10 % to
 * another area's centre: the data cannot say). Commuting to work only (通勤), not to school.
 *
 * 連携中枢都市圏構想推進要綱 (総務省) names as members "in principle" the municipalities with a commuting share of 10 % or
 * more to the centre (the 宣言 lists them, e.g. 熊本市's 宣言書: 「本市への通勤通学率10%以上の市町村名」); the
 * 定住自立圏 要綱 uses the same 10 % area as one factor. `compareWithCommuting` reads the data that way.
 */
import type { CommutingComparison, CommutingMember, EmploymentAreaKind } from '../records/regions.ts';

/** One municipality's place in a 2020 employment area. */
export interface CommuteLink {
  areaId: string;
  /** The area's primary centre as published (`13100` = 特別区部 for the 23 wards together). */
  areaCode: string;
  areaKind: EmploymentAreaKind;
  /** The area's name, e.g. 福山市 or 特別区部. */
  areaName: string;
  code: string;
  /** The unit as published: equal to `code`, except `13100` for each of the 23 wards. */
  unitCode: string;
  /** 0 for a centre, 1–4 for a suburb of that order. */
  order: number;
  /** What a suburb of order ≥ 2 commutes to; null for a centre or a 1st-order suburb (it commutes to the centres together). */
  toCode: string | null;
  /** 通勤率 (0.10–1) to `toCode` or to the centres; null for a centre. */
  rate: number | null;
  /** 従業常住比 (jobs located there ÷ employed residents) of a centre unit; null for suburbs. */
  employmentResidenceRatio: number | null;
}

/** Links by municipality, and each area's centres. */
export interface CommuteIndex {
  byCode: ReadonlyMap<string, CommuteLink>;
  centresOf: ReadonlyMap<string, readonly string[]>;
}

/**
 * Indexes links by municipality (each is in at most one area) and lists each area's centres.
 * @example commuteIndex(links).centresOf.get('uea-34207') // ['34207']
 */
export function commuteIndex(links: readonly CommuteLink[]): CommuteIndex {
  const byCode = new Map<string, CommuteLink>();
  const centresOf = new Map<string, string[]>();
  for (const l of links) {
    byCode.set(l.code, l);
    if (l.order === 0) centresOf.set(l.areaId, [...(centresOf.get(l.areaId) ?? []), l.code]);
  }
  return { byCode, centresOf };
}

/**
 * The 通勤率 of `code` to `target` where the data has one: a 1st-order suburb of an area whose centres include `target`
 * (the rate is to the centres together), or a suburb whose next step is `target` itself.
 * @example directRate(index, '34208', '34207') // { rate: 0.2349, toGroup: ['34207'] }
 */
export function directRate(index: CommuteIndex, code: string, target: string): { rate: number; toGroup: readonly string[] } | null {
  const l = index.byCode.get(code);
  if (!l || l.rate === null) return null;
  if (l.order === 1) {
    const centres = index.centresOf.get(l.areaId) ?? [];
    return centres.includes(target) ? { rate: l.rate, toGroup: centres } : null;
  }
  return l.toCode === target ? { rate: l.rate, toGroup: [target] } : null;
}

/**
 * A formal region beside the 10 % commuting areas of its centre(s): each member's commuting rate to a centre where the
 * data has one, the members outside those areas, and the municipalities inside them that are not members (candidates).
 * `names` gives names and populations for the codes involved; unknown codes are skipped. Without centres, the most
 * populous member stands in (`centreAssumed`).
 * @example compareWithCommuting(index, ['34207', '34208'], ['34207'], names).members[1].rate // 0.2349
 */
export function compareWithCommuting(
  index: CommuteIndex,
  memberCodes: readonly string[],
  centreCodes: readonly string[],
  names: ReadonlyMap<string, { name: string; population: number }>,
): Omit<CommutingComparison, 'source' | 'caveat'> {
  const memberSet = new Set(memberCodes);
  const given = centreCodes.filter((c) => names.has(c));
  // A grouping without a named centre: its most populous member stands in, and the answer says so.
  const largest = [...memberSet].filter((c) => names.has(c)).sort((a, b) => names.get(b)!.population - names.get(a)!.population)[0];
  const centreAssumed = given.length === 0 && largest !== undefined;
  const centres = centreAssumed ? [largest] : given;
  const nameOf = (code: string) => names.get(code)?.name ?? code;
  const strongest = (code: string) => {
    let best: { centre: string; rate: number; toGroup: readonly string[] } | null = null;
    for (const c of centres) {
      const r = directRate(index, code, c);
      if (r && (!best || r.rate > best.rate)) best = { centre: c, ...r };
    }
    return best;
  };

  const members: CommutingMember[] = [...memberSet]
    .filter((c) => names.has(c))
    .map((code) => {
      const link = index.byCode.get(code) ?? null;
      const base = {
        code,
        name: nameOf(code),
        areaId: link?.areaId ?? null,
        order: link?.order ?? null,
        via: link && link.order >= 2 && link.toCode ? { code: link.toCode, name: nameOf(link.toCode), rate: link.rate ?? 0 } : null,
      };
      if (centres.includes(code)) return { ...base, role: 'center', relation: 'centre', centre: null, rate: null, toGroup: [], within: true };
      const hit = strongest(code);
      if (hit) return { ...base, role: 'member', relation: 'commutes_to_centre', centre: hit.centre, rate: hit.rate, toGroup: [...hit.toGroup], within: true };
      const sameArea = link && centres.some((c) => index.byCode.get(c)?.areaId === link.areaId);
      return {
        ...base,
        role: 'member',
        relation: !link ? 'no_area' : sameArea ? 'same_area_indirect' : link.order === 0 ? 'centre_of_other_area' : 'other_area',
        centre: null,
        rate: null,
        toGroup: [],
        within: false,
        ...(link && !sameArea ? { otherArea: { id: link.areaId, name: link.areaName } } : {}),
      };
    });

  const centreAreas = [...new Set(centres.map((c) => index.byCode.get(c)?.areaId).filter((a): a is string => Boolean(a)))];
  const candidates: CommutingComparison['candidates'] = [];
  const furtherSuburbs: CommutingComparison['furtherSuburbs'] = [];
  for (const link of index.byCode.values()) {
    if (memberSet.has(link.code) || !names.has(link.code) || link.order === 0) continue;
    const hit = strongest(link.code);
    const entry = { code: link.code, name: nameOf(link.code), population: names.get(link.code)!.population };
    if (hit) candidates.push({ ...entry, centre: hit.centre, rate: hit.rate, toGroup: [...hit.toGroup] });
    else if (centreAreas.includes(link.areaId) && link.toCode && link.rate !== null)
      furtherSuburbs.push({ ...entry, order: link.order, via: { code: link.toCode, name: nameOf(link.toCode), rate: link.rate } });
  }
  candidates.sort((a, b) => b.rate - a.rate || a.code.localeCompare(b.code));
  furtherSuburbs.sort((a, b) => a.order - b.order || b.via.rate - a.via.rate);

  const centreInfo = centres.map((code) => {
    const l = index.byCode.get(code);
    const place: CommutingComparison['centres'][number]['place'] = !l ? 'none' : l.order === 0 ? (l.unitCode === l.areaCode ? 'primary' : 'secondary') : 'suburb';
    return { code, name: nameOf(code), areaId: l?.areaId ?? null, areaName: l ? l.areaName : null, place };
  });
  return {
    centreAssumed,
    centres: centreInfo,
    members,
    candidates,
    furtherSuburbs,
    counts: {
      members: members.length,
      withRate: members.filter((m) => m.rate !== null).length,
      outside: members.filter((m) => !m.within).length,
      candidates: candidates.length,
    },
  };
}
