import { describe, expect, it } from 'vitest';
import { SourceMissingError, candidatePaths, sourceFiles } from './sources.ts';

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
