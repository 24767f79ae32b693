import { describe, expect, it } from 'vitest';
import type { Outlook } from '../../domain/records/outlook.ts';
import { outlookChart, outlookSection } from './outlook.ts';

// i18n touches document.documentElement; a minimal stand-in is enough outside the browser.
(globalThis as { document?: unknown }).document ??= { documentElement: { lang: 'ja' } };

const years = [2020, 2025, 2030, 2035, 2040, 2045, 2050];
const kawaba = [3480, 3174, 2921, 2728, 2554, 2346, 2164].map((population, i) => {
  const under15 = Math.round(population * 0.1);
  const elderly = Math.round(population * 0.45);
  return { year: years[i]!, population, under15, workingAge: population - under15 - elderly, elderly };
});
const own: Outlook = { scope: 'municipality', series: kawaba, group: null, includedGroups: [], excluded: [], sourceId: 'ipss_projections' };

describe('outlookChart', () => {
  it('draws one stacked bar of three age groups per year, labelled for screen readers', () => {
    const svg = outlookChart(kawaba, '川場村').markup;
    expect(svg.match(/<rect /g)).toHaveLength(21);
    expect(svg).toContain('aria-label="川場村の将来推計人口：2020年 3,480人 → 2050年 2,164人"');
    expect(svg).toContain('>3,480<');
    expect(svg).toContain('>2,164<');
  });
});

describe('outlookSection', () => {
  it('gives a municipality’s own 2020 → 2050 line', () => {
    expect(outlookSection(own, { name: '川場村' }).markup).toMatch(/川場村: <b>3,480人<\/b> → <b>2,164人<\/b>/);
  });
  it('says a 浜通り member has no projection of its own and shows the group’s as the group’s', () => {
    const group: Outlook = { ...own, scope: 'group', group: { code: '07999', name: '浜通り地域', memberCodes: Array.from({ length: 13 }, (_, i) => String(i)) } };
    const markup = outlookSection(group, { name: '双葉町' }).markup;
    expect(markup).toContain('双葉町単独の推計は公表されていません');
    expect(markup).toContain('浜通り地域の13市町村を一括してのみ推計');
    expect(markup).toMatch(/浜通り地域: <b>/);
    expect(markup).not.toMatch(/双葉町: <b>/);
  });
  it('names region members left out, and says when members are not all known', () => {
    const none: Outlook = { ...own, scope: 'region', series: [], excluded: [{ code: '07212', name: '南相馬市', groupCode: '07999', groupName: '浜通り地域' }] };
    expect(outlookSection(none, { name: 'x' }).markup).toContain('南相馬市');
    expect(outlookSection({ ...own, scope: 'region' }, { name: '弘前圏域', membersKnown: 'partial' }).markup).toContain('判明している団体だけの合計');
    const centreOnly = outlookSection({ ...own, scope: 'region' }, { name: '甘楽富岡地域定住自立圏', membersKnown: 'centre_only' }).markup;
    expect(centreOnly).toContain('圏域の推計は示しません');
    expect(centreOnly).not.toContain('<svg');
  });
});
