/**
 * Pipeline step "employment areas": the 2020 都市雇用圏 (金本・徳岡 2002 criteria, CSIS, University of Tokyo) → tables
 * `employment_areas` (one row per area) and `commute_links` (each municipality's place: centre, or suburb with order,
 * what it commutes to and the rate), plus one `employment_area` region per area in `regions` / `region_members`, so the
 * functional regions are listed, drawn and summed like the formal ones.
 *
 * Checks (each failure names the file, the row and the fix): every code resolves to one of the 1,741 municipalities
 * (`13100` 特別区部 = the 23 wards 13101–13123, as SOURCES.md says); the file's name agrees with ours; each rate lies in
 * [0.10, 1]; each 従業常住比 is a positive ratio; each centre's 2020 population equals the census figure (the wards'
 * sum for 特別区部); the DID population agrees between the suburb and centre files; a suburb of order k ≥ 2 follows a
 * suburb of order k − 1 of the same area; no municipality is placed twice; every area has a centre; row counts as published.
 */
import { readFileSync } from 'node:fs';
import { normaliseSearch } from '../domain/names/search.ts';
import type { CommuteLink } from '../domain/scoring/commuting.ts';
import type { EligibilityCity } from '../domain/scoring/eligibility.ts';
import type { EmploymentAreaKind } from '../domain/records/regions.ts';
import { decodeShiftJis } from './census.ts';
import { DataFileError, csvRecords } from './csv.ts';
import { appendRows, writeTable } from './database.ts';
import { type EmploymentAreaRow, type RegionMemberRow, builtTables } from '../domain/tables.ts';
import type { MunicipalityRow } from './municipalities.ts';
import { regionRow } from './regions.ts';
import type { BuildContext, BuildStep } from './steps.ts';

/** The published files' row counts (SOURCES.md): a different count means a different or damaged copy. */
export const expectedRows = { MEA: { suburbs: 691, centres: 126 }, MCEA: { suburbs: 212, centres: 111 } } as const;
/** The smallest commuting rate that makes a suburb (金本・徳岡: 10 %). */
export const suburbThreshold = 0.1;
/** 特別区部 as published, and the wards it stands for. */
export const specialWardsUnit = '13100';
const wardCodes = Array.from({ length: 23 }, (_, i) => `131${String(i + 1).padStart(2, '0')}`);

/** Readable citation of the dataset, shown with every figure drawn from it. */
export const employmentAreaCitation = '都市雇用圏 2020（金本・徳岡 2002 の基準、2020年国勢調査）東京大学空間情報科学研究センター';

export type { EmploymentAreaRow } from '../domain/tables.ts';

/** The raw text of the four published files. */
export interface EmploymentAreaFiles {
  MEA: { suburbs: { file: string; text: string }; centres: { file: string; text: string } };
  MCEA: { suburbs: { file: string; text: string }; centres: { file: string; text: string } };
}

/** What the files hold, checked and joined to today's municipalities. */
export interface EmploymentAreas {
  areas: EmploymentAreaRow[];
  links: CommuteLink[];
}

const pad = (v: string) => v.trim().padStart(5, '0');

/**
 * Parses and checks the four files against the municipalities (code, name, population).
 * @example parseEmploymentAreas(files, municipalities).areas.find((a) => a.code === '34207')?.kind // 'MEA'
 */
export function parseEmploymentAreas(
  files: EmploymentAreaFiles,
  municipalities: readonly Pick<MunicipalityRow, 'code' | 'name' | 'population'>[],
  expected: { [K in EmploymentAreaKind]: { suburbs: number; centres: number } } = expectedRows,
): EmploymentAreas {
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  /** The municipalities a published unit stands for; throws naming the row when it resolves to none. */
  const resolve = (unit: string, name: string, file: string, line: number): string[] => {
    if (unit === specialWardsUnit) {
      const missing = wardCodes.filter((w) => !byCode.has(w));
      if (missing.length)
        throw new DataFileError(file, line, `特別区部 stands for 13101–13123 but ${missing.join(', ')} are not municipalities`, 'rebuild with the N03 2021 boundaries');
      return wardCodes;
    }
    const m = byCode.get(unit);
    if (!m)
      throw new DataFileError(
        file,
        line,
        `code ${unit} (${name}) is not one of the ${byCode.size.toLocaleString('en')} municipalities`,
        'use the 2020 delineation unchanged (codes of 2020 boundaries)',
      );
    // The files write towns and villages with their 郡 (伊都郡かつらぎ町); compare the names without it.
    if (normaliseSearch(name.replace(/^.+?郡(?=.+[町村]$)/, '')) !== normaliseSearch(m.name))
      throw new DataFileError(file, line, `code ${unit} is ${m.name} here but "${name}" in the file`, 'check the code column was not shifted');
    return [unit];
  };
  const population = (codes: readonly string[]) => codes.reduce((s, c) => s + byCode.get(c)!.population, 0);

  const areas = new Map<string, EmploymentAreaRow>();
  const links: CommuteLink[] = [];
  const placed = new Map<string, string>();
  const place = (link: CommuteLink, file: string, line: number) => {
    const before = placed.get(link.code);
    if (before) throw new DataFileError(file, line, `${link.code} is placed twice (${before} and ${link.areaId})`, 'use the published files unchanged');
    placed.set(link.code, link.areaId);
    links.push(link);
  };

  for (const kind of ['MEA', 'MCEA'] as const) {
    const { centres, suburbs } = files[kind];
    const centreRows = csvRecords(centres.text, centres.file);
    if (centreRows.length !== expected[kind].centres)
      throw new DataFileError(centres.file, null, `${centreRows.length} centre rows, expected ${expected[kind].centres}`, 'use the pinned copy named in SOURCES.md');
    for (const { line, values } of centreRows) {
      const areaCode = pad(values.MEA ?? values.UEA ?? '');
      const unit = pad(values.center ?? '');
      const name = values['中心都市'] ?? '';
      const did = Number(values['DID Population']);
      const pop = Number(values['Center Population']);
      const err = Number(values['Employment Residence Ratio']);
      const codes = resolve(unit, name, centres.file, line);
      if (!Number.isInteger(pop) || pop !== population(codes))
        throw new DataFileError(
          centres.file,
          line,
          `centre ${unit} ${name} has population ${values['Center Population']}, the 2020 census ${population(codes).toLocaleString('en')}`,
          'use the 2020 files with SSDSE-A-2026',
        );
      if (!Number.isFinite(err) || err <= 0 || err > 10)
        throw new DataFileError(centres.file, line, `従業常住比 of ${name} is "${values['Employment Residence Ratio']}"`, 'restore the published value (a positive ratio near 1)');
      if (!Number.isInteger(did) || did <= 0 || did > pop)
        throw new DataFileError(centres.file, line, `DID population of ${name} is "${values['DID Population']}"`, 'restore the published value');
      const id = `uea-${areaCode}`;
      let area = areas.get(id);
      if (!area) {
        area = { id, code: areaCode, kind, name: '', didPopulation: 0, centreUnits: '', memberCount: 0, population: 0 };
        areas.set(id, area);
      } else if (area.kind !== kind) throw new DataFileError(centres.file, line, `area ${areaCode} is both MEA and MCEA`, 'use the published files unchanged');
      if (unit === areaCode) area.didPopulation = did;
      area.centreUnits = area.centreUnits ? `${area.centreUnits};${unit}` : unit;
      for (const code of codes)
        place({ areaId: id, areaCode, areaKind: kind, areaName: '', code, unitCode: unit, order: 0, toCode: null, rate: null, employmentResidenceRatio: err }, centres.file, line);
    }

    for (const area of areas.values())
      if (area.kind === kind && area.didPopulation === 0)
        throw new DataFileError(centres.file, null, `area ${area.code} has no centre row for its own code`, 'use the published files unchanged');

    const suburbRows = csvRecords(suburbs.text, suburbs.file);
    if (suburbRows.length !== expected[kind].suburbs)
      throw new DataFileError(suburbs.file, null, `${suburbRows.length} suburb rows, expected ${expected[kind].suburbs}`, 'use the pinned copy named in SOURCES.md');
    const seen = new Map<string, string>();
    for (const { line, values } of suburbRows) {
      const areaCode = pad(values.MEA ?? values.UEA ?? '');
      const id = `uea-${areaCode}`;
      const area = areas.get(id);
      if (!area || area.kind !== kind) throw new DataFileError(suburbs.file, line, `area ${areaCode} has no centre in the ${kind} centre file`, 'use the matching pair of files');
      if (Number(values['DID人口']) !== area.didPopulation)
        throw new DataFileError(suburbs.file, line, `DID人口 ${values['DID人口']} differs from the centre file's ${area.didPopulation}`, 'use the matching pair of files');
      let previous: string | null = null;
      for (const [k, suffix] of [
        [1, ''],
        [2, '2'],
        [3, '3'],
        [4, '4'],
      ] as const) {
        const raw = values[`suburb${suffix}`] ?? '';
        if (!raw) break;
        const unit = pad(raw);
        const rate = Number(values[`通勤率${suffix}`]);
        if (!Number.isFinite(rate) || rate < suburbThreshold || rate > 1)
          throw new DataFileError(suburbs.file, line, `通勤率${suffix} of ${unit} is "${values[`通勤率${suffix}`]}", outside [0.10, 1]`, 'restore the published value');
        const [code] = resolve(unit, values[`郊外${suffix}`] ?? '', suburbs.file, line);
        const key = `${k}|${previous ?? ''}|${rate}`;
        // A suburb that leads to several higher-order ones repeats on several rows: the same placement, once.
        if (seen.get(code) === key) {
          previous = code;
          continue;
        }
        if (seen.has(code)) throw new DataFileError(suburbs.file, line, `${code} appears with two different placements`, 'use the published files unchanged');
        seen.set(code, key);
        place(
          { areaId: id, areaCode, areaKind: kind, areaName: '', code: code!, unitCode: unit, order: k, toCode: previous, rate, employmentResidenceRatio: null },
          suburbs.file,
          line,
        );
        previous = code!;
      }
    }
  }

  for (const area of areas.values()) {
    const own = links.filter((l) => l.areaId === area.id);
    const primary = own.find((l) => l.unitCode === area.code);
    area.name = primary?.unitCode === specialWardsUnit ? '東京都特別区部' : (byCode.get(primary?.code ?? '')?.name ?? area.name);
    area.memberCount = own.length;
    area.population = population(own.map((l) => l.code));
    for (const l of own) l.areaName = area.name;
  }
  return { areas: [...areas.values()], links };
}

/** The four published files as located by the build (env var → ../shared/data → data/cache), decoded from CP932. */
function readFiles(paths: BuildContext['paths']): EmploymentAreaFiles {
  const read = (key: 'ueaMea' | 'ueaMeaCentres' | 'ueaMcea' | 'ueaMceaCentres') => ({ file: paths[key], text: decodeShiftJis(readFileSync(paths[key])) });
  return {
    MEA: { suburbs: read('ueaMea'), centres: read('ueaMeaCentres') },
    MCEA: { suburbs: read('ueaMcea'), centres: read('ueaMceaCentres') },
  };
}

const kindLabel: Record<EmploymentAreaKind, string> = { MEA: '大都市雇用圏', MCEA: '小都市雇用圏' };

/** The step, registered in data/build.ts after the regions step (it adds rows to `regions` and `region_members`). */
export const employmentAreasStep: BuildStep = {
  name: 'employment areas (都市雇用圏 2020)',
  async run(ctx) {
    const { areas, links } = parseEmploymentAreas(readFiles(ctx.paths), ctx.municipalities);
    await writeTable(ctx.conn, builtTables.employmentAreas, areas);
    await writeTable(ctx.conn, builtTables.commuteLinks, links);

    const cities = new Map<string, EligibilityCity>(ctx.municipalities.map((m) => [m.code, m]));
    const muni = new Map(ctx.municipalities.map((m) => [m.code, m]));
    const regionRows = [];
    const memberRows: RegionMemberRow[] = [];
    for (const area of areas) {
      const own = links.filter((l) => l.areaId === area.id);
      const centreNames = area.centreUnits.split(';').map((u) => (u === specialWardsUnit ? '特別区部' : muni.get(u)!.name));
      const region = {
        id: area.id,
        type: 'employment_area' as const,
        name: `${area.name}都市雇用圏`,
        centerCodes: own.filter((l) => l.order === 0).map((l) => l.code),
        status: 'active',
        asOf: '2020-10-01',
        source: employmentAreaCitation,
        note: `${area.kind} ${kindLabel[area.kind]}; 中心: ${centreNames.join('・')}`,
        membersKnown: 'all' as const,
      };
      regionRows.push(
        regionRow(
          region,
          own.map((l) => ({ code: l.code, status: 'active' })),
          cities,
          ctx.topology,
        ),
      );
      for (const l of own) {
        const m = muni.get(l.code)!;
        const to = l.toCode ? muni.get(l.toCode)!.name : centreNames.join('・');
        memberRows.push({
          regionId: area.id,
          code: l.code,
          name: m.name,
          prefecture: m.prefName,
          role: l.order === 0 ? 'center' : 'member',
          joined: '',
          asOf: '2020-10-01',
          source: employmentAreaCitation,
          note: l.rate === null ? '中心都市' : `${l.order}次郊外: ${to}へ通勤率 ${(l.rate * 100).toFixed(1)} %`,
          status: 'active',
        });
      }
    }
    await appendRows(ctx.conn, builtTables.regions, regionRows);
    await appendRows(ctx.conn, builtTables.regionMembers, memberRows);

    const inAreas = new Set(links.map((l) => l.code));
    const pop = ctx.municipalities.filter((m) => inAreas.has(m.code)).reduce((s, m) => s + m.population, 0);
    const total = ctx.municipalities.reduce((s, m) => s + m.population, 0);
    const count = (k: EmploymentAreaKind) => areas.filter((a) => a.kind === k).length;
    return `${areas.length} areas (${count('MEA')} MEA, ${count('MCEA')} MCEA), ${links.filter((l) => l.order === 0).length} centre municipalities, ${links.filter((l) => l.order > 0).length} suburbs; ${inAreas.size.toLocaleString()} municipalities with ${((pop / total) * 100).toFixed(1)} % of the population`;
  },
};
