import { describe, expect, it } from 'vitest';
import { SeedError } from './errors.ts';
import { Master, parseMaster } from './master.ts';
import { isPrefecturePartnerCode, prefecturePartnerCode } from '../../domain/names/prefectures.ts';

const master = new Master([
  { code: '15202', prefecture: '新潟県', name: '長岡市' },
  { code: '39405', prefecture: '高知県', name: '檮原町' },
  { code: '01400', prefecture: '北海道', name: '倶知安町' },
  { code: '01233', prefecture: '北海道', name: '伊達市' },
  { code: '07213', prefecture: '福島県', name: '伊達市' },
]);

describe('Master.resolve', () => {
  it('resolves a name within its prefecture', () => {
    expect(master.resolve('北海道', '伊達市')).toEqual({ ok: true, code: '01233', name: '伊達市' });
    expect(master.resolve('福島県', '伊達市')).toEqual({ ok: true, code: '07213', name: '伊達市' });
  });

  it('resolves a variant spelling through the alias table', () => {
    expect(master.resolve('高知県', '梼原町')).toEqual({ ok: true, code: '39405', name: '檮原町', alias: '梼原町' });
  });

  it("resolves a merged municipality to today's, keeping the old name", () => {
    expect(master.resolve('新潟県', '川口町')).toEqual({ ok: true, code: '15202', name: '長岡市', formerName: '川口町' });
  });

  it('never guesses across prefectures or spellings', () => {
    expect(master.resolve('北海道', '長岡市')).toEqual({ ok: false, reason: 'none', candidates: [] });
    expect(master.resolve('新潟県', '長岡')).toEqual({ ok: false, reason: 'none', candidates: [] });
  });
});

describe('parseMaster', () => {
  it('keeps codes as text and rejects a code that lost its leading zero', () => {
    expect(parseMaster('code,pref_name,muni_name\n01400,北海道,倶知安町\n', 'm.csv').codes.has('01400')).toBe(true);
    expect(() => parseMaster('code,pref_name,muni_name\n1400,北海道,倶知安町\n', 'm.csv')).toThrow(SeedError);
  });
});

describe('prefecture partner codes', () => {
  it('are the two-digit prefecture code + 000', () => {
    expect(prefecturePartnerCode('長野県')).toBe('20000');
    expect(prefecturePartnerCode('北海道')).toBe('01000');
    expect(prefecturePartnerCode('長野市')).toBeUndefined();
    expect(isPrefecturePartnerCode('47000')).toBe(true);
    expect(isPrefecturePartnerCode('48000')).toBe(false);
    expect(isPrefecturePartnerCode('20201')).toBe(false);
  });
});

describe('Master with former names from the municipal changes', () => {
  it('lets a hand-checked former municipality decide where the changes know two of that name', () => {
    const two = new Master(
      [
        { code: '24205', prefecture: '三重県', name: '桑名市' },
        { code: '24543', prefecture: '三重県', name: '紀北町' },
      ],
      [
        { prefecture: '三重県', name: '長島町', code: '24543', date: '1970-08-01', change: '名称変更' },
        { prefecture: '三重県', name: '長島町', code: '24205', date: '2004-12-06', change: '編入合併' },
        { prefecture: '三重県', name: '海山町', code: '24543', date: '2005-10-11', change: '新設合併' },
      ],
    );
    expect(two.resolve('三重県', '長島町')).toEqual({ ok: true, code: '24205', name: '桑名市', formerName: '長島町' });
    expect(two.resolve('三重県', '海山町')).toEqual({ ok: true, code: '24543', name: '紀北町', formerName: '海山町' });
  });
});
