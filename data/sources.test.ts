import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SourceMissingError, candidatePaths, datasets, sourceFiles } from './sources.ts';

describe('candidatePaths', () => {
  it('tries the environment variable first, then ../shared, then data/cache', () => {
    const paths = candidatePaths(sourceFiles.census2020, { ATLAS_SSDSE_2026: '/tmp/x.csv' }, '/repo');
    expect(paths[0]).toBe('/tmp/x.csv');
    expect(paths[1]).toBe('/shared/data/external/census_ssdse_a/raw/SSDSE-A-2026.csv');
    expect(paths[2]).toMatch(/data\/cache\/SSDSE-A-2026\.csv$/);
  });
});

describe('SourceMissingError', () => {
  it('names every place looked at and how to provide the file', () => {
    const err = new SourceMissingError(sourceFiles.boundaries, ['/a', '/b']);
    expect(err.message).toContain('/a');
    expect(err.message).toContain('/b');
    expect(err.message).toContain('ATLAS_BOUNDARIES');
  });
});

describe('datasets', () => {
  it('shows the IPSS attribution line exactly as the dataset SOURCES.md gives it', () => {
    const sourcesMd = resolve(dirname(candidatePaths(sourceFiles.projections, {})[0]), 'SOURCES.md');
    const line = readFileSync(sourcesMd, 'utf8')
      .split('\n')
      .find((l) => l.includes('国立社会保障・人口問題研究所『'));
    expect(datasets.find((d) => d.id === 'ipss_projections')?.attribution).toBe(line?.trim());
  });
});
