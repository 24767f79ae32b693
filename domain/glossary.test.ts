import { describe, expect, it } from 'vitest';
import { glossary, labelIn } from './glossary.ts';
import { exchangeKinds } from './records/exchanges.ts';
import { hazardZones } from './records/hazards.ts';
import { classMethods, metricIds } from './records/metrics.ts';
import { municipalityKinds } from './records/municipalities.ts';
import { complementAxes, limitingFactors } from './records/partners.ts';
import { regionStatuses, regionTypes } from './records/regions.ts';

describe('glossary', () => {
  it('labels exactly the values of each closed list, in both languages', () => {
    const lists: [keyof typeof glossary, readonly string[]][] = [
      ['municipalityKind', municipalityKinds],
      ['regionType', regionTypes],
      ['regionStatus', regionStatuses],
      ['exchangeKind', exchangeKinds],
      ['hazardZone', hazardZones],
      ['metric', metricIds],
      ['classMethod', classMethods],
      ['complementAxis', complementAxes],
      ['limitingFactor', limitingFactors],
    ];
    for (const [set, values] of lists) {
      expect(Object.keys(glossary[set]).sort(), set).toEqual([...values].sort());
      for (const entry of Object.values(glossary[set])) expect(entry.ja.trim() && entry.en.trim(), `${set}: ${JSON.stringify(entry)}`).toBeTruthy();
    }
  });

  it('never gives two values of a set the same label', () => {
    for (const [set, table] of Object.entries(glossary)) {
      for (const lang of ['ja', 'en'] as const) {
        const labels = Object.values(table).map((e) => e[lang]);
        expect(new Set(labels).size, `${set} ${lang}`).toBe(labels.length);
      }
    }
  });

  it('gives the label in the language asked, and an unknown value as it is', () => {
    expect(labelIn('ja', 'exchangeKind', 'sister')).toBe('姉妹都市');
    expect(labelIn('en', 'regionType', 'settlement_zone')).toBe('Settlement zone');
    expect(labelIn('en', 'hazardZone', 'nankai_trough')).toBe('Nankai Trough');
    expect(labelIn('ja', 'regionStatus', 'gone' as never)).toBe('gone');
  });
});
