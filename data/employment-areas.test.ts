import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeShiftJis, parseSsdse } from './census.ts';
import { type EmploymentAreaFiles, parseEmploymentAreas } from './employment-areas.ts';
import { sourceFiles } from './sources.ts';
import { localSource } from '../tests/helpers/sources.ts';

const centreHeader = 'MEA,都市圏名,MEA Name,center,中心都市,Center Name,DID Population,Center Population,Employment Residence Ratio';
const suburbHeader =
  'MEA,都市圏名,MEA Name,suburb,郊外,Suburb Name,通勤率,suburb2,郊外2,Suburb2 Name,通勤率2,suburb3,郊外3,Suburb3 Name,通勤率3,suburb4,郊外4,Suburb4 Name,通勤率4,DID人口';
const munis = [
  { code: '34207', name: '福山市', population: 460_930 },
  { code: '33205', name: '笠岡市', population: 46_088 },
  { code: '33445', name: '里庄町', population: 10_950 },
  { code: '34208', name: '府中市', population: 37_655 },
  { code: '01210', name: '岩見沢市', population: 79_306 },
  { code: '01222', name: '三笠市', population: 8_040 },
];
const files = (over: { meaC?: string[]; mea?: string[]; mceaC?: string[]; mcea?: string[] } = {}): EmploymentAreaFiles => {
  const f = (header: string, rows: string[], file: string) => ({ file, text: [header, ...rows].join('\n') });
  return {
    MEA: {
      centres: f(centreHeader, over.meaC ?? ['34207,福山市,,34207,福山市,,264631,460930,0.9987932497407372'], 'MEA2020C.csv'),
      suburbs: f(
        suburbHeader,
        over.mea ?? ['34207,福山市,,33205,笠岡市,,0.2028,33445,浅口郡里庄町,,0.2098,,,,,,,,,264631', '34207,福山市,,34208,府中市,,0.2349,,,,,,,,,,,,,264631'],
        'MEA2020.csv',
      ),
    },
    MCEA: {
      centres: f(centreHeader.replace('MEA', 'UEA'), over.mceaC ?? ['1210,岩見沢市,,1210,岩見沢市,,47022,79306,0.9446'], 'MCEA2020C.csv'),
      suburbs: f(suburbHeader, over.mcea ?? ['1210,岩見沢市,,1222,三笠市,,0.2553,,,,,,,,,,,,,47022'], 'MCEA2020.csv'),
    },
  };
};
const counts = { MEA: { suburbs: 2, centres: 1 }, MCEA: { suburbs: 1, centres: 1 } };

describe('parseEmploymentAreas', () => {
  it('reads centres with 従業常住比 and suburbs with order, destination and rate; codes zero-padded', () => {
    const { areas, links } = parseEmploymentAreas(files(), munis, counts);
    expect(areas.map((a) => [a.id, a.kind, a.name, a.memberCount])).toEqual([
      ['uea-34207', 'MEA', '福山市', 4],
      ['uea-01210', 'MCEA', '岩見沢市', 2],
    ]);
    expect(links.find((l) => l.code === '34207')).toMatchObject({ order: 0, employmentResidenceRatio: 0.9987932497407372, rate: null });
    expect(links.find((l) => l.code === '33445')).toMatchObject({ order: 2, toCode: '33205', rate: 0.2098, areaName: '福山市' });
    expect(links.find((l) => l.code === '01222')).toMatchObject({ areaId: 'uea-01210', order: 1, toCode: null, rate: 0.2553 });
  });
  it('counts a suburb that repeats on several rows (several higher-order chains) once', () => {
    const repeated = files({
      mea: ['34207,福山市,,33205,笠岡市,,0.2028,33445,浅口郡里庄町,,0.2098,,,,,,,,,264631', '34207,福山市,,33205,笠岡市,,0.2028,,,,,,,,,,,,,264631'],
    });
    expect(parseEmploymentAreas(repeated, munis, counts).links.filter((l) => l.code === '33205')).toHaveLength(1);
  });
  it('names the file, row and fix for an unknown code, a wrong name, a rate out of range, a population that differs', () => {
    const bad = (over: Parameters<typeof files>[0]) => () => parseEmploymentAreas(files(over), munis, counts);
    expect(bad({ mea: ['34207,福山市,,99999,架空市,,0.2,,,,,,,,,,,,,264631', '34207,福山市,,34208,府中市,,0.2349,,,,,,,,,,,,,264631'] })).toThrow(
      /MEA2020\.csv row 2: code 99999 \(架空市\) is not one of the 6 municipalities/,
    );
    expect(bad({ mea: ['34207,福山市,,34208,府中町,,0.2349,,,,,,,,,,,,,264631', '34207,福山市,,33205,笠岡市,,0.2,,,,,,,,,,,,,264631'] })).toThrow(
      /34208 is 府中市 here but "府中町"/,
    );
    expect(bad({ mea: ['34207,福山市,,34208,府中市,,0.09,,,,,,,,,,,,,264631', '34207,福山市,,33205,笠岡市,,0.2,,,,,,,,,,,,,264631'] })).toThrow(/outside \[0\.10, 1\]/);
    expect(bad({ meaC: ['34207,福山市,,34207,福山市,,264631,460931,0.99'] })).toThrow(/MEA2020C\.csv row 2: centre 34207 福山市 has population 460931/);
    expect(bad({ mea: ['34207,福山市,,34208,府中市,,0.2349,,,,,,,,,,,,,1', '34207,福山市,,33205,笠岡市,,0.2,,,,,,,,,,,,,264631'] })).toThrow(/DID人口 1 differs/);
    expect(bad({ mcea: ['1210,岩見沢市,,34208,府中市,,0.2,,,,,,,,,,,,,47022'] })).toThrow(/34208 is placed twice/);
    expect(() => parseEmploymentAreas(files(), munis)).toThrow(/1 centre rows, expected 126/);
  });
});

describe('the published 2020 files', () => {
  it('join every code to the 1,741 municipalities: 211 areas, 特別区部 as the 23 wards, 福山市 with its suburbs', () => {
    const census = localSource(sourceFiles.census2020);
    const all = [localSource(sourceFiles.ueaMea), localSource(sourceFiles.ueaMeaCentres), localSource(sourceFiles.ueaMcea), localSource(sourceFiles.ueaMceaCentres)];
    const munisAll = [...parseSsdse(decodeShiftJis(readFileSync(census)), census, ['population']).values()].map((r) => ({
      code: r.code,
      name: r.name,
      population: r.items.population,
    }));
    const read = (p: string) => ({ file: p, text: decodeShiftJis(readFileSync(p)) });
    const { areas, links } = parseEmploymentAreas({ MEA: { suburbs: read(all[0]), centres: read(all[1]) }, MCEA: { suburbs: read(all[2]), centres: read(all[3]) } }, munisAll);
    expect(areas).toHaveLength(211);
    expect(areas.filter((a) => a.kind === 'MEA')).toHaveLength(103);
    expect(links.filter((l) => l.unitCode === '13100').map((l) => l.code)).toHaveLength(23);
    expect(new Set(links.map((l) => l.code)).size).toBe(links.length);
    const fukuyama = links.filter((l) => l.areaId === 'uea-34207' && l.order === 1).map((l) => [l.code, Math.round(l.rate! * 1000) / 10]);
    expect(fukuyama).toEqual([
      ['33205', 20.3],
      ['33207', 16.2],
      ['34205', 11.4],
      ['34208', 23.5],
    ]);
  });
});
