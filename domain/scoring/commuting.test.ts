import { describe, expect, it } from 'vitest';
import { type CommuteLink, commuteIndex, compareWithCommuting, directRate } from './commuting.ts';

const link = (code: string, order: number, rate: number | null, toCode: string | null = null, area = '34207', unit = code): CommuteLink => ({
  areaId: `uea-${area}`,
  areaCode: area,
  areaKind: 'MEA',
  areaName: area === '34207' ? '福山市' : '三原市',
  code,
  unitCode: unit,
  order,
  toCode,
  rate,
  employmentResidenceRatio: order === 0 ? 1 : null,
});
// 福山市's area as published for 2020, and 三原市 as the centre of its own.
const index = commuteIndex([
  link('34207', 0, null),
  link('33205', 1, 0.2028),
  link('33445', 2, 0.2098, '33205'),
  link('34205', 1, 0.1135),
  link('34208', 1, 0.2349),
  link('34204', 0, null, null, '34204'),
]);
const names = new Map(
  [
    ['34207', '福山市', 460_930],
    ['33205', '笠岡市', 46_088],
    ['33445', '里庄町', 10_950],
    ['34205', '尾道市', 131_170],
    ['34208', '府中市', 37_655],
    ['34204', '三原市', 90_573],
    ['34545', '神石高原町', 8_250],
  ].map(([code, name, population]) => [code as string, { name: name as string, population: population as number }]),
);

describe('directRate', () => {
  it('gives a 1st-order suburb’s rate to its centres, and a higher-order suburb’s rate only to the suburb it commutes to', () => {
    expect(directRate(index, '34208', '34207')).toEqual({ rate: 0.2349, toGroup: ['34207'] });
    expect(directRate(index, '33445', '34207')).toBeNull();
    expect(directRate(index, '33445', '33205')).toEqual({ rate: 0.2098, toGroup: ['33205'] });
    expect(directRate(index, '34204', '34207')).toBeNull();
  });
});

describe('compareWithCommuting', () => {
  const c = compareWithCommuting(index, ['34207', '33205', '34204', '34545'], ['34207'], names);
  it('gives each member’s rate to the centre, and says why a member is outside the 10 % area', () => {
    const by = Object.fromEntries(c.members.map((m) => [m.code, m]));
    expect(by['34207']).toMatchObject({ relation: 'centre', within: true });
    expect(by['33205']).toMatchObject({ relation: 'commutes_to_centre', centre: '34207', rate: 0.2028, within: true });
    expect(by['34204']).toMatchObject({ relation: 'centre_of_other_area', within: false, otherArea: { name: '三原市' } });
    expect(by['34545']).toMatchObject({ relation: 'no_area', within: false, rate: null });
    expect(c.counts).toEqual({ members: 4, withRate: 1, outside: 2, candidates: 2 });
  });
  it('lists non-members commuting ≥ 10 % to the centre as candidates, strongest first, and further suburbs apart', () => {
    expect(c.candidates.map((x) => [x.code, x.rate])).toEqual([
      ['34208', 0.2349],
      ['34205', 0.1135],
    ]);
    expect(c.furtherSuburbs.map((x) => [x.code, x.order, x.via.name])).toEqual([['33445', 2, '笠岡市']]);
  });
  it('takes the most populous member as the centre of a grouping without one, and says so', () => {
    const g = compareWithCommuting(index, ['34208', '34207'], [], names);
    expect(g.centreAssumed).toBe(true);
    expect(g.centres.map((x) => [x.code, x.place])).toEqual([['34207', 'primary']]);
  });
});
