import { describe, expect, it } from 'vitest';
import { municipalityKind } from './municipalities.ts';

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
