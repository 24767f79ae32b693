/**
 * Own indicators: a user's figure per municipality (uploaded as CSV or .xlsx, keyed by code or name), kept in the user
 * store and drawn, compared and summed like the built-in metrics.
 */
import type { ClassMethod } from './metrics.ts';
import type { ImportPartner, ImportProblem } from './exchanges.ts';

/** A saved indicator as listed (GET /api/indicators). */
export interface IndicatorSummary {
  /** e.g. "ind-3f9a0c12". */
  id: string;
  name: string;
  unit: string;
  note: string;
  /** The file it came from, as the user named it. */
  fileName: string;
  createdAt: string;
  /** Municipalities with a value. */
  count: number;
}

export interface IndicatorList {
  items: IndicatorSummary[];
}

/** One indicator with its values and choropleth classes (GET /api/indicators/{id}), shaped like a metric's answer. */
export interface IndicatorValues extends IndicatorSummary {
  method: ClassMethod;
  /** Value per municipality code (only municipalities with a value). */
  values: Record<string, number>;
  /** Upper bounds of the classes, ascending; the last equals the maximum (domain/scoring/classes.ts). */
  breaks: number[];
  min: number;
  max: number;
}

/** One row of an indicator upload as checked (the header is row 1). */
export interface IndicatorRow {
  line: number;
  status: 'ok' | 'error';
  /** What the row holds for the place and the value, as typed. */
  written: { place: string; value: string };
  place: ImportPartner | null;
  value: number | null;
  problems: ImportProblem[];
}

/** POST /api/indicators: the row-level check, and the indicator saved (null on a dry run or when no row is valid). */
export interface IndicatorReport {
  dryRun: boolean;
  encoding: 'utf-8' | 'shift_jis' | 'xlsx';
  /** Columns used, e.g. {code: '団体コード', value: '病床数'}. */
  columns: Record<string, string>;
  rows: IndicatorRow[];
  valid: number;
  invalid: number;
  indicator: IndicatorSummary | null;
}
