import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMER_MUNICIPALITIES } from '../domain/names/aliases.ts';
import { NameResolver } from '../domain/names/resolver.ts';
import { normaliseSearch } from '../domain/names/search.ts';
import { currentCodesOf, formerNames, loadMunicipalEvents, type MunicipalEvent, parseMunicipalEvents } from './municipal-changes.ts';
import { readings } from './readings.ts';
import { loadMaster } from './seeds/master.ts';
import { DataFileError } from './csv.ts';
import { candidatePaths, sourceFiles } from './sources.ts';

const path = candidatePaths(sourceFiles.municipalChanges).find((p) => existsSync(p));
if (!path) throw new Error(`municipal changes not found; looked at ${candidatePaths(sourceFiles.municipalChanges).join(', ')}`);
const events = loadMunicipalEvents(path);
const master = loadMaster();
const current = new Map([...master.byCode.values()].map((m) => [m.code, m.name]));
const rows = formerNames(events, current);
const places = [...master.byCode.values()].map((m) => ({ code: m.code, name: m.name, prefName: m.prefecture }));
const resolver = new NameResolver(places, rows);

describe('formerNames on the e-Stat changes 1970–2024', () => {
  it('ends every merged or absorbed municipality at today’s municipalities, as SOURCES.md counts them', () => {
    const merged = new Map<string, string>();
    for (const e of events) if ((e.type === '新設合併' || e.type === '編入合併') && e.fromCode) merged.set(e.fromCode, e.date);
    const ends = [...merged].map(([code, date]) => currentCodesOf(code, date, events, current));
    expect(merged.size).toBe(2102);
    expect(ends.filter((e) => e.length === 1)).toHaveLength(2101);
    expect(ends.filter((e) => e.length > 1)).toEqual([['19201', '19430']]);
  });

  it('resolves the seed documents’ merged towns to the municipalities their SOURCES.md names', () => {
    const via = (name: string, pref: string) => {
      const r = resolver.resolve(name, pref);
      return r.ok ? `${r.code} ${r.name} ${r.via?.date}` : r.reason;
    };
    expect(via('川口町', '新潟県')).toBe('15202 長岡市 2010-03-31');
    expect(via('山川町', '鹿児島県')).toBe('46210 指宿市 2006-01-01');
    expect(via('東和町', '岩手県')).toBe('03205 花巻市 2006-01-01');
    expect(via('高根町', '山梨県')).toBe('19209 北杜市 2004-11-01');
    // A town absorbed into a ward rolls up to its designated city.
    expect(via('蒲原町', '静岡県')).toBe('22100 静岡市 2006-03-31');
    // Renamed, and moved to another prefecture.
    expect(via('篠山市', '兵庫県')).toBe('28221 丹波篠山市 2019-05-01');
    expect(via('山口村', '長野県')).toBe('21206 中津川市 2005-02-13');
  });

  it('needs the prefecture where a former name recurs, and reports a split village as ambiguous', () => {
    const r = resolver.resolve('東和町');
    expect(!r.ok && r.candidates.map((c) => c.prefName)).toEqual(['岩手県', '宮城県', '福島県', '山口県']);
    const split = resolver.resolve('上九一色村', '山梨県');
    expect(!split.ok && split.candidates.map((c) => c.name)).toEqual(['甲府市', '富士河口湖町']);
  });

  it('agrees with every hand-checked former municipality, or lists it among the candidates where a name recurs', () => {
    const outcome = (prefecture: string, former: string) => {
      const r = resolver.resolve(former, prefecture);
      return r.ok ? `${r.name} ${r.via?.date?.slice(0, 4)}` : r.candidates.map((c) => `${c.name} ${c.via?.date?.slice(0, 4)}`).join(' | ');
    };
    const found = FORMER_MUNICIPALITIES.map((f) => `${f.prefecture}${f.former} → ${outcome(f.prefecture, f.former)}`);
    const expected = FORMER_MUNICIPALITIES.map((f) => `${f.prefecture}${f.former} → ${f.current} ${f.year}`);
    // 三重県 had two towns called 長島町: 北牟婁郡長島町 (renamed 紀伊長島町 1970, now 紀北町) and 桑名郡長島町.
    expect(found).toEqual(expected.map((e) => (e === '三重県長島町 → 桑名市 2004' ? '三重県長島町 → 桑名市 2004 | 紀北町 1970' : e)));
  });

  it('leaves out ward names and names kept through a change', () => {
    expect(rows.some((r) => r.name === '清水区' || r.name === '中区')).toBe(false);
    expect(rows.some((r) => r.name === '札幌市')).toBe(false);
  });
});

describe('currentCodesOf', () => {
  const e = (date: string, type: string, fromCode: string, fromName: string, toCode: string, toName: string): MunicipalEvent => ({
    date,
    type,
    fromCode,
    fromPref: '県',
    fromGun: '',
    fromName,
    toCode,
    toPref: '県',
    toName,
  });
  const today = new Map([
    ['99201', 'C市'],
    ['99100', 'D市'],
  ]);
  it('follows codes through later changes only, and rolls wards up to their city', () => {
    const chain = [e('1990-01-01', '市制施行', '99301', 'A町', '99210', 'A市'), e('2005-01-01', '新設合併', '99210', 'A市', '99201', 'C市')];
    expect(currentCodesOf('99301', '1980-01-01', chain, today)).toEqual(['99201']);
    expect(currentCodesOf('99210', '2006-01-01', chain, today)).toEqual([]);
    expect(currentCodesOf('99103', '2000-01-01', [], today)).toEqual(['99100']);
  });
  it('keeps a place that a 分離 only made smaller', () => {
    expect(currentCodesOf('99201', '2000-01-01', [e('2001-01-01', '分離', '99201', 'C市', '99202', 'E市')], today)).toEqual(['99201']);
  });
});

describe('parseMunicipalEvents', () => {
  it('names the file, row and column of a code that lost its leading zero', () => {
    const text =
      'date,type,from_code,from_pref,from_gun,from_name,to_code,to_pref,to_gun,to_name,event\n2010-03-31,編入合併,5441,新潟県,北魚沼郡,川口町,15202,新潟県,NA,長岡市,x\n';
    expect(() => parseMunicipalEvents(text, 'e.csv')).toThrow(DataFileError);
    expect(() => parseMunicipalEvents(text, 'e.csv')).toThrow(/e\.csv.*2.*from_code/s);
    expect(parseMunicipalEvents(text.replace(',5441,', ',15441,'), 'e.csv')[0]).toMatchObject({ fromCode: '15441', toName: '長岡市' });
  });
});

describe('names of today', () => {
  it('stay distinct within each prefecture after search folding (ヶ/ケ, variant kanji)', () => {
    const keys = places.map((p) => `${p.prefName}${normaliseSearch(p.name)}`);
    expect(new Set(keys).size).toBe(places.length);
  });
  it('all have a reading that ends with their kind, so each romanised name has its suffix', () => {
    const r = readings();
    const missing = [...master.byCode.values()].filter((m) => !/-(shi|ku|cho|machi|son|mura)$/.test(r.get(m.code)?.romaji ?? ''));
    expect(missing).toEqual([]);
    expect(r.get('13112')?.romaji).toBe('Setagaya-ku');
  });
});
