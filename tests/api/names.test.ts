import { describe, expect, it } from 'vitest';
import type { MunicipalityDetail, MunicipalityList, PrefectureList } from '../../domain/records/municipalities.ts';
import type { RegionDetail, RegionList } from '../../domain/records/regions.ts';
import { json, useTestApp } from '../helpers/app.ts';

const app = useTestApp();

const list = async (query: string) => (await json<MunicipalityList>(app.request(`/api/municipalities?${query}`))).body;
const firstFor = async (q: string) => (await list(`q=${encodeURIComponent(q)}`)).items[0]?.name;

describe('GET /api/municipalities?q= finds names however they are written', () => {
  it('finds the issue’s four examples first', async () => {
    expect(await firstFor('茅ヶ崎市')).toBe('茅ヶ崎市');
    expect(await firstFor('龍ヶ崎')).toBe('龍ケ崎市');
    expect(await firstFor('setagaya')).toBe('世田谷区');
    expect(await firstFor('檮原')).toBe('檮原町');
  });
  it('finds every name with ヶ or ケ written either way, and with が', async () => {
    const all = (await list('')).items.filter((m) => /[ヶケ]/.test(m.name));
    expect(all.length).toBeGreaterThanOrEqual(16);
    for (const m of all) {
      for (const spelling of [m.name.replace(/[ヶケ]/g, 'ヶ'), m.name.replace(/[ヶケ]/g, 'ケ'), m.name.replace(/[ヶケ]/g, 'が')]) {
        expect(await firstFor(spelling), spelling).toBe(m.name);
      }
    }
  });
  it('finds old and variant kanji, spaces, romaji in any case and codes', async () => {
    expect(await firstFor('梼原町')).toBe('檮原町');
    expect(await firstFor('塩釜')).toBe('塩竈市');
    expect(await firstFor('世田谷 区')).toBe('世田谷区');
    expect(await firstFor('Setagaya-ku')).toBe('世田谷区');
    expect(await firstFor('Kutchan')).toBe('倶知安町');
    expect(await firstFor('tigasaki')).toBe('茅ヶ崎市');
    expect(await firstFor('13112')).toBe('世田谷区');
  });
  it('counts every match and pages the ranked list', async () => {
    const all = await list(`q=${encodeURIComponent('長岡')}`);
    expect(all.items.map((m) => m.name)).toEqual(['長岡市', '長岡京市']);
    const second = await list(`q=${encodeURIComponent('長岡')}&limit=1&offset=1`);
    expect(second).toMatchObject({ total: 2, items: [{ name: '長岡京市' }] });
  });
});

describe('GET /api/municipalities?pref= matches prefectures partially', () => {
  it('finds Hokkaido’s 179 municipalities by part of its name, kana, romaji or code', async () => {
    for (const pref of ['北海', '北海道', 'ほっかいどう', 'ホッカイドウ', 'hokkaido', 'Hokkaido', '1', '01']) {
      const body = await list(`pref=${encodeURIComponent(pref)}`);
      expect(body.total, pref).toBe(179);
      expect(body.items.every((m) => m.prefCode === '01')).toBe(true);
    }
  });
  it('finds 長野県 with or without 県, and 東京都 without 都', async () => {
    expect((await list(`pref=${encodeURIComponent('長野')}`)).total).toBe(77);
    expect((await list(`pref=${encodeURIComponent('長野県')}`)).total).toBe(77);
    expect((await list(`pref=${encodeURIComponent('東京')}`)).total).toBe(62);
    expect((await list('pref=Tokyo-to')).total).toBe(62);
  });
  it('combines with the search', async () => {
    const body = await list(`pref=${encodeURIComponent('福島')}&q=${encodeURIComponent('伊達')}`);
    expect(body.items.map((m) => m.code)).toEqual(['07213']);
  });
  it('answers 400 naming the parameter for what is no prefecture', async () => {
    for (const pref of ['パリ', '48', '県']) {
      const { status, body } = await json(app.request(`/api/municipalities?pref=${encodeURIComponent(pref)}`));
      expect(status, pref).toBe(400);
      expect(body.error.message).toMatch(/pref/);
    }
  });
});

describe('romanised names in the records', () => {
  it('serve Hepburn names with the kind as suffix, and the prefecture without 都府県', async () => {
    const { body } = await json<MunicipalityDetail>(app.request('/api/municipalities/13112'));
    expect(body).toMatchObject({ name: '世田谷区', nameRomaji: 'Setagaya-ku', prefNameRomaji: 'Tokyo' });
    const all = await list('');
    expect(all.items.every((m) => m.nameRomaji && m.prefNameRomaji)).toBe(true);
    expect(all.items.find((m) => m.code === '01345')?.nameRomaji).toBe('Mori-machi');
    expect(all.items.find((m) => m.code === '01400')?.nameRomaji).toBe('Kutchan-cho');
  });
  it('serve prefectures in romaji', async () => {
    const { body } = await json<PrefectureList>(app.request('/api/prefectures'));
    expect(body.items.find((p) => p.code === '01')?.nameRomaji).toBe('Hokkaido');
    expect(body.items.find((p) => p.code === '27')?.nameRomaji).toBe('Osaka');
  });
});

describe('regions named in English', () => {
  it('by their centres and type, else their first members; prefectures by their romaji', async () => {
    const list = (await json<RegionList>(app.request('/api/regions'))).body.items;
    const en = (id: string) => list.find((r) => r.id === id)?.nameEn;
    expect(en('ccr-34207')).toBe('Fukuyama central city region');
    expect(en('ccr-01100')).toBe('Sapporo central city region');
    expect(en('pref-13')).toBe('Tokyo prefecture');
    expect(en('seed-002-chigasaki-samukawa')).toBe('Chigasaki, Samukawa seed grouping');
    expect(list.filter((r) => r.type !== 'custom').every((r) => r.nameEn && /^[\x20-\x7e–]+$/.test(r.nameEn))).toBe(true);
  });
  it('in a municipality’s regions and a region’s detail', async () => {
    const fukuyama = (await json<MunicipalityDetail>(app.request('/api/municipalities/34207'))).body;
    expect(fukuyama.regions.find((r) => r.id === 'ccr-34207')?.nameEn).toBe('Fukuyama central city region');
    const detail = (await json<RegionDetail>(app.request('/api/regions/ccr-34207'))).body;
    expect(detail.nameEn).toBe('Fukuyama central city region');
  });
});
