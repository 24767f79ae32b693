import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Municipality, Prefecture } from '../../domain/records/municipalities.ts';
import { setLang } from '../i18n.ts';
import type { Places } from '../names.ts';
import { placeText, viaText } from './import-report.ts';

const places: Places = {
  munis: new Map([['15202', { code: '15202', name: '長岡市', nameRomaji: 'Nagaoka-shi', prefName: '新潟県', prefNameRomaji: 'Niigata' } as Municipality]]),
  prefectures: [{ code: '15', name: '新潟県', nameRomaji: 'Niigata' } as Prefecture],
};
const nagaoka = { code: '15202', name: '長岡市', prefName: '新潟県' };

beforeAll(() => {
  // setLang marks the page's language; the report's text needs only the choice.
  (globalThis as { document?: unknown }).document ??= { documentElement: {} };
});
afterEach(() => setLang('ja'));

describe('import report place names', () => {
  it('are kanji in Japanese', () => {
    expect(placeText(places, { ...nagaoka, formerName: '川口町' })).toBe('新潟県長岡市 15202（旧 川口町）');
  });

  it('are romaji with the kanji beside in English, so a row can be matched to the file', () => {
    setLang('en');
    expect(placeText(places, { ...nagaoka, formerName: '川口町' })).toBe('Nagaoka-shi 長岡市, Niigata 15202 (former 川口町)');
    expect(viaText(places, { ...nagaoka, via: { kind: 'former', written: '川口町', date: '2010-03-31', change: '編入合併' } })).toBe(
      '川口町 → Nagaoka-shi 長岡市, Niigata (2010-03-31 編入合併)',
    );
    // A place the list does not know keeps the name the server gave.
    expect(placeText(places, { code: '99999', name: '某村', prefName: '某県' })).toBe('某村, 某県 99999');
  });
});
