import type { DuckDBConnection } from '@duckdb/node-api';
import type { Topology } from 'topojson-specification';
import type { MunicipalityRow, PrefectureRow } from '../domain/tables.ts';
import type { SourceKey } from './sources.ts';

export type { PrefectureRow } from '../domain/tables.ts';

/** What a feature step (regions, exchanges, hazards, stories) gets from the core build. */
export interface BuildContext {
  conn: DuckDBConnection;
  municipalities: MunicipalityRow[];
  prefectures: PrefectureRow[];
  /** The client topology (objects `municipalities` with {code}, `prefectures` with {code,name}), for dissolves. */
  topology: Topology;
  /** Where each third-party input file was found (data/sources.ts). */
  paths: Record<SourceKey, string>;
  log: (message: string) => void;
}

/** One named step of the pipeline after the core tables exist; returns a one-line summary with counts. */
export interface BuildStep {
  name: string;
  run(ctx: BuildContext): Promise<string>;
}
