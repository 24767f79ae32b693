import { describe, expect, it } from 'vitest';
import { type MunicipalityRow, census2020Total, municipalityKind, validateMunicipalities } from './municipalities.ts';

describe('municipalityKind', () => {
  it('prefers the designation, then 特別区, then the name suffix', () => {
    expect(municipalityKind('14100', '横浜市', 'designated_city')).toBe('designated_city');
    expect(municipalityKind('13112', '世田谷区', undefined)).toBe('special_ward');
    expect(municipalityKind('13208', '調布市', undefined)).toBe('city');
    expect(municipalityKind('01400', '倶知安町', undefined)).toBe('town');
    expect(municipalityKind('10448', '川場村', undefined)).toBe('village');
  });
  it('refuses a name it cannot classify', () => {
    expect(() => municipalityKind('99999', '不明', undefined)).toThrow(/cannot tell the kind/);
  });
});

describe('validateMunicipalities', () => {
  const row = (code: string, population: number) => ({ code, name: 'x市', population }) as unknown as MunicipalityRow;
  it('names a boundary code without a census row and the reverse', () => {
    expect(() => validateMunicipalities([], new Set(['01100', '99999']), new Set(['01100']))).toThrow(/99999 has no census row/);
    expect(() => validateMunicipalities([], new Set(['01100']), new Set(['01100', '88888']))).toThrow(/88888 has no boundary/);
  });
  it('checks the count and the census total', () => {
    const codes = new Set(['01100']);
    expect(() => validateMunicipalities([row('01100', 5)], codes, codes)).toThrow(/1 municipalities joined, expected 1741/);
    const many = Array.from({ length: 1741 }, (_, i) => row(String(i).padStart(5, '0'), 1));
    const all = new Set(many.map((r) => r.code));
    expect(() => validateMunicipalities(many, all, all)).toThrow(/totals 1741, expected 126146099/);
  });
  it('refuses NaN in any metric', () => {
    const many = Array.from({ length: 1741 }, (_, i) => row(String(i).padStart(5, '0'), i === 0 ? census2020Total : 0));
    (many[3] as unknown as Record<string, number>).density = NaN;
    const all = new Set(many.map((r) => r.code));
    expect(() => validateMunicipalities(many, all, all)).toThrow(/00003 x市: density is NaN/);
  });
});
