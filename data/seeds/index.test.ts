import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSeeds, renderSeeds, SEEDS_DIR } from './import-facts.ts';
import { DEFAULT_SEEDS_DIR, isPrefecturePartnerCode, loadAllSeeds, loadExchanges, loadMaster, loadRegions, type Master, prefectureName, SeedError, type Seeds } from './index.ts';
import { SEED_DOCS } from './seed-documents.ts';

// The real seed files, checked against the real municipality master (../shared beside the checkout).
let master: Master;
let seeds: Seeds;
beforeAll(() => {
  master = loadMaster();
  seeds = loadAllSeeds(master.codes);
});

const membersOf = (regionId: string) => seeds.regionMembers.filter((m) => m.regionId === regionId);

describe('seed files', () => {
  it('all load and validate against the master', () => {
    expect(seeds.designations).toHaveLength(105);
    expect(seeds.regions.length).toBeGreaterThan(150);
    expect(seeds.regionMembers.length).toBeGreaterThan(900);
    expect(seeds.exchanges.length).toBeGreaterThan(500);
    // 37 listed members of three pacts, 21 + 62 parties of the two pacts among large cities.
    expect(seeds.exchangeNetworks).toHaveLength(120);
    expect(seeds.hazardZones).toHaveLength(392);
  });

  it('use codes and names of the master for every municipality', () => {
    const named: { code: string; name: string; prefecture: string }[] = [
      ...seeds.designations,
      ...seeds.regionMembers,
      ...seeds.exchangeNetworks,
      ...seeds.hazardZones.filter((h) => h.scope === 'municipality'),
      ...seeds.exchanges.flatMap((e) => [
        { code: e.aCode, name: e.aName, prefecture: e.aPrefecture },
        { code: e.bCode, name: e.bName, prefecture: e.bPrefecture },
      ]),
    ];
    for (const n of named) {
      if (isPrefecturePartnerCode(n.code)) continue;
      const m = master.byCode.get(n.code);
      expect(m, n.code).toBeDefined();
      expect({ code: n.code, name: m!.name, prefecture: m!.prefecture }).toEqual({ code: n.code, name: n.name, prefecture: n.prefecture });
    }
    for (const r of seeds.regions) for (const c of r.centerCodes) expect(master.codes.has(c), c).toBe(true);
  });

  it('are what import-facts.ts builds today (run it after changing facts or seed-documents.ts)', () => {
    const rendered = renderSeeds(buildSeeds(master).tables);
    for (const [name, text] of rendered) expect(readFileSync(join(SEEDS_DIR, name), 'utf8'), name).toBe(text);
  });
});

describe('regions', () => {
  it('have unique ids of the form ccr-/sz-/seed-', () => {
    const ids = seeds.regions.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(ccr-\d{5}|sz-\d{5}(-\d+)?|seed-\d{3}-[a-z0-9-]+)$/);
  });

  it('count 37 confirmed 連携中枢都市圏 of the official 38, the 和歌山 candidate kept apart', () => {
    const ccr = seeds.regions.filter((r) => r.type === 'central_city_region');
    expect(ccr.filter((r) => r.status === 'active')).toHaveLength(37);
    expect(ccr.find((r) => r.id === 'ccr-30201')?.status).toBe('unconfirmed');
    const cov = (metric: string) => seeds.regionCoverage.find((c) => c.type === 'central_city_region' && c.metric === metric && (c.asOf === '2024-04-01' || c.asOf === ''));
    expect(cov('regions_official')?.value).toBe(38);
    expect(cov('declared_center_cities_official')?.value).toBe(40);
    expect(cov('municipalities_total_official')?.value).toBe(376);
    expect(cov('regions_active_in_seed')?.value).toBe(37);
  });

  it('keep 佐伯市 as a planned member of 大分都市広域圏', () => {
    const saiki = membersOf('ccr-44201').find((m) => m.name === '佐伯市');
    expect(saiki).toMatchObject({ code: '44205', status: 'planned', joined: '2026-04', role: 'member' });
  });

  it('have 福山市 with its 6 広島県 and 2 岡山県 municipalities in the 備後圏域', () => {
    const seed2019 = ['福山市', '三原市', '尾道市', '府中市', '世羅町', '神石高原町', '笠岡市', '井原市'];
    const grouping = membersOf('seed-002-bingo');
    expect(grouping.map((m) => m.name).sort()).toEqual([...seed2019].sort());
    expect(grouping.filter((m) => m.prefecture === '広島県')).toHaveLength(6);
    expect(grouping.filter((m) => m.prefecture === '岡山県')).toHaveLength(2);
    expect(grouping.find((m) => m.role === 'center')?.code).toBe('34207');

    // The 連携中枢都市圏 today: the same eight plus 竹原市, which joined in 2024.
    const region = membersOf('ccr-34207');
    expect(seeds.regions.find((r) => r.id === 'ccr-34207')?.centerCodes).toEqual(['34207']);
    for (const name of seed2019) expect(region.map((m) => m.name)).toContain(name);
    expect(
      region
        .filter((m) => m.prefecture === '岡山県')
        .map((m) => m.name)
        .sort(),
    ).toEqual(['井原市', '笠岡市']);
    expect(region.find((m) => m.name === '竹原市')?.joined).toBe('2024-03-28');
  });

  it('include the seed-document groupings with every member', () => {
    const names = (id: string) => membersOf(id).map((m) => m.name);
    expect(names('seed-002-nagano')).toEqual(['長野市', '須坂市', '千曲市', '坂城町', '小布施町', '高山村', '信濃町', '小川村', '飯綱町']);
    expect(names('seed-002-takamatsu')).toHaveLength(5);
    expect(names('seed-002-yokohama')).toContain('町田市');
    expect(names('seed-002-yokohama')).toHaveLength(8);
    expect(names('seed-002-kamo')).toEqual(['下田市', '東伊豆町', '河津町', '南伊豆町', '松崎町', '西伊豆町']);
    expect(names('seed-002-nara-villages')).toHaveLength(11);
    expect(names('seed-002-nara-villages')).toContain('曽爾村');
    expect(names('seed-002-kokubunji-kodaira')).toEqual(['国分寺市', '小平市']);
    expect(names('seed-002-nagasaki')).toHaveLength(21);
    expect(names('seed-002-akita-nanshu')).toContain('大潟村');
    expect(names('seed-004-netchu')).toHaveLength(11);
    const docs = new Set<string>(Object.values(SEED_DOCS));
    for (const r of seeds.regions.filter((x) => x.type === 'seed_grouping')) {
      expect(docs.has(r.source), r.id).toBe(true);
      expect(r.status).toBe('documented');
    }
  });

  it('let a municipality belong to two regions', () => {
    const regionsOf = (code: string) => new Set(seeds.regionMembers.filter((m) => m.code === code && m.regionId.startsWith('ccr-')).map((m) => m.regionId));
    expect(regionsOf('33208').size).toBe(2); // 総社市: 岡山 and 高梁川流域
  });

  it('resolve the variant 梼原町 to 檮原町 (39405)', () => {
    const m = membersOf('ccr-39201').find((x) => x.code === '39405');
    expect(m?.name).toBe('檮原町');
    expect(m?.note).toContain('梼原町');
  });
});

describe('exchanges', () => {
  it('carry the former name of 川口町 on the 狛江市–長岡市 pairs', () => {
    const pairs = seeds.exchanges.filter((e) => [e.aCode, e.bCode].sort().join() === '13219,15202');
    expect(pairs.map((e) => [e.kind, e.sinceYear]).sort()).toEqual([
      ['disaster_aid', 1988],
      ['friendship', 1987],
    ]);
    for (const e of pairs) {
      expect(e.aCode === '15202' ? e.aFormerName : e.bFormerName).toBe('川口町');
      expect(e.source).toContain(SEED_DOCS.exchangePamphlet2006);
    }
  });

  it("map the other merged partners of the seed documents to today's municipality", () => {
    const former = (code: string) => seeds.exchanges.filter((e) => e.aCode === code || e.bCode === code).map((e) => (e.aCode === code ? e.aFormerName : e.bFormerName));
    expect(former('19209')).toContain('高根町'); // 北杜市, with 羽村市
    expect(former('46210')).toContain('山川町'); // 指宿市, with 倶知安町
    expect(former('03205')).toContain('東和町'); // 花巻市, with 川崎市
  });

  it('give prefecture partners codes like 20000', () => {
    const nagano = seeds.exchanges.find((e) => e.aName === '世田谷区' && e.bName === '長野県');
    expect(nagano).toMatchObject({ aCode: '13112', bCode: '20000', bPrefecture: '長野県' });
    const prefectural = seeds.exchanges
      .flatMap((e) => [
        [e.aCode, e.aName],
        [e.bCode, e.bName],
      ])
      .filter(([code]) => isPrefecturePartnerCode(code!));
    expect(prefectural.length).toBeGreaterThanOrEqual(10);
    for (const [code, name] of prefectural) expect(prefectureName(code!.slice(0, 2))).toBe(name);
  });

  it('list each pair and kind once, with the 縁組協定 as a partnership', () => {
    const keys = seeds.exchanges.map((e) => `${[e.aCode, e.bCode].sort().join('-')}:${e.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    const kawaba = seeds.exchanges.find((e) => e.kind === 'partnership' && [e.aName, e.bName].sort().join() === ['世田谷区', '川場村'].sort().join());
    expect(kawaba?.sinceYear).toBe(1981);
    expect(kawaba?.source).toContain(SEED_DOCS.urbanRuralSurvey);
    expect(kawaba?.source).toContain(SEED_DOCS.setagayaForum2022);
  });

  it("link each 2020 関係人口 organisation's home to its project areas, as organisation links", () => {
    const rp2020 = seeds.exchanges.filter((e) => e.kind === 'organisation' && e.source === SEED_DOCS.relationshipModels2020);
    expect(rp2020).toHaveLength(23);
    expect(rp2020.filter((e) => e.aName === '墨田区')).toHaveLength(11);
  });

  it('keep every company or organisation link apart from agreements between municipalities (kind organisation)', () => {
    const organisation = seeds.exchanges.filter((e) => e.kind === 'organisation');
    // 23 of document 004, and the 5 company or NPO cases of document 000 entered with their prefecture.
    expect(organisation).toHaveLength(28);
    expect(organisation.every((e) => /organisation|company|NPO/.test(e.note))).toBe(true);
    expect(seeds.exchanges.filter((e) => e.kind !== 'organisation' && /city-side actor is|^organisation /.test(e.note))).toEqual([]);
  });

  it('have ids x0001… in file order', () => {
    seeds.exchanges.forEach((e, i) => expect(e.id).toBe(`x${String(i + 1).padStart(4, '0')}`));
  });
});

describe('定住自立圏 members', () => {
  it('take the additions for zones the main table lists by their centre only (十勝 = 帯広市 and 18 町村)', () => {
    const tokachi = seeds.regions.find((r) => r.name === '十勝定住自立圏')!;
    expect(membersOf(tokachi.id)).toHaveLength(19);
    expect(tokachi.membersKnown).toBe('all');
    for (const [zone, n] of [
      ['南信州定住自立圏', 14],
      ['宗谷定住自立圏', 10],
      ['下北圏域定住自立圏', 5],
    ] as const)
      expect(membersOf(seeds.regions.find((r) => r.name === zone)!.id), zone).toHaveLength(n);
  });
  it('say which zones name only their centre or part of their members, and that a merged city is whole', () => {
    const known = (name: string) => seeds.regions.find((r) => r.name === name)?.membersKnown;
    expect(known('甘楽富岡地域定住自立圏')).toBe('centre_only');
    expect(known('弘前圏域定住自立圏')).toBe('partial');
    expect(known('出雲市定住自立圏')).toBe('all');
    expect(seeds.regions.filter((r) => r.type === 'settlement_zone' && r.membersKnown === 'centre_only').map((r) => r.name)).toHaveLength(3);
  });
});

describe('pacts among large cities', () => {
  const members = (network: string) => seeds.exchangeNetworks.filter((m) => m.network === network);
  it('make every 政令指定都市 and 東京都 parties of the 21大都市 pact, from the designation table', () => {
    const pact = members('net-21-cities');
    expect(pact).toHaveLength(21);
    expect(pact.map((m) => m.code)).toContain('13000');
    expect(pact.every((m) => m.membership === 'designation' && m.kind === 'disaster_aid' && m.asOf === '2024-04-01')).toBe(true);
    expect(pact.find((m) => m.name === '川崎市')?.note).toContain('[inference]');
  });
  it('make every 中核市 a party of the 中核市 pact, marking the four designated after its only member list', () => {
    const pact = members('net-core-cities');
    expect(pact).toHaveLength(seeds.designations.filter((d) => d.designation === 'core_city').length);
    expect(
      pact
        .filter((m) => m.note.includes('[inference]'))
        .map((m) => m.name)
        .sort(),
    ).toEqual(['一宮市', '吹田市', '松本市', '水戸市'].sort());
    expect(pact[0]?.source).toMatch(/^https:\/\//);
  });
});

describe('hazard zones', () => {
  it('use the closed zone ids and fill code only for municipality rows', () => {
    const nankai = seeds.hazardZones.filter((h) => h.zone === 'nankai_trough');
    expect(nankai.find((h) => h.scope === 'prefecture_all' && h.prefecture === '静岡県')?.code).toBe('');
    expect(nankai.find((h) => h.scope === 'count' && h.count === 723)).toBeDefined();
    expect(seeds.hazardZones.find((h) => h.zone === 'hokkaido_sanriku_advisory')?.count).toBe(182);
  });
});

describe('loader errors', () => {
  const copySeeds = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
    cpSync(DEFAULT_SEEDS_DIR, dir, { recursive: true });
    return dir;
  };

  it('name the file, row and column of a bad value and how to fix it', () => {
    const dir = copySeeds();
    const path = join(dir, 'exchanges.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[3] = lines[3]!.replace(',friendship,', ',twinning,');
    writeFileSync(path, lines.join('\n'));
    let error: unknown;
    try {
      loadExchanges(master.codes, { dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeedError);
    const err = error as SeedError;
    expect(err.file).toContain('exchanges.csv');
    expect(err.row).toBe(4);
    expect(err.column).toBe('kind');
    expect(err.message).toMatch(/exchanges\.csv row 4, column kind: 'twinning' is not allowed\. Fix: use one of sister, friendship/);
  });

  it('reject a code that is not in the master', () => {
    const dir = copySeeds();
    const path = join(dir, 'regions.csv');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('ccr-01100,central_city_region,さっぽろ連携中枢都市圏,01100,', 'ccr-01100,central_city_region,さっぽろ連携中枢都市圏,01999,'),
    );
    expect(() => loadRegions(master.codes, { dir })).toThrowError(/regions\.csv row 2, column center_codes: 01999 is not in the municipality master/);
  });

  it('reject a code without its leading zero', () => {
    const dir = copySeeds();
    const path = join(dir, 'exchanges.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace('x0007,01400,', 'x0007,1400,'));
    expect(() => loadExchanges(master.codes, { dir })).toThrowError(/column a_code: '1400' is not a 5-digit code/);
  });

  it('reject a wrong header', () => {
    const dir = copySeeds();
    const path = join(dir, 'regions.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace('id,type,name', 'id,kind,name'));
    expect(() => loadRegions(master.codes, { dir })).toThrowError(/regions\.csv row 1: header is/);
  });
});
