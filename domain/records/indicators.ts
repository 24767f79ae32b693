/**
 * Own indicators: a user's figure per municipality (uploaded as CSV or .xlsx, keyed by code or name), kept in the user
 * store and drawn, compared and summed like the built-in metrics.
 */
import { z } from 'zod';
import { ImportPartner, ImportProblem } from './exchanges.ts';
import { classMethods } from './metrics.ts';
import { pure } from './pure.ts';

/** A saved indicator as listed (GET /api/indicators). */
export const IndicatorSummary = pure(() =>
  z.object({
    id: z.string().describe('e.g. "ind-3f9a0c12".'),
    name: z.string(),
    unit: z.string(),
    note: z.string(),
    fileName: z.string().describe('The file it came from, as the user named it.'),
    createdAt: z.string(),
    count: z.number().describe('Municipalities with a value.'),
  }),
);
export type IndicatorSummary = z.infer<typeof IndicatorSummary>;

export const IndicatorList = pure(() => z.object({ items: z.array(IndicatorSummary) }));
export type IndicatorList = z.infer<typeof IndicatorList>;

/** One indicator with its values and choropleth classes (GET /api/indicators/{id}), shaped like a metric's answer. */
export const IndicatorValues = pure(() =>
  IndicatorSummary.extend({
    method: z.enum(classMethods),
    values: z.record(z.string(), z.number()).describe('Value per municipality code (only municipalities with a value).'),
    breaks: z.array(z.number()).describe('Upper bounds of the classes, ascending; the last equals the maximum (domain/scoring/classes.ts).'),
    min: z.number(),
    max: z.number(),
  }),
);
export type IndicatorValues = z.infer<typeof IndicatorValues>;

/** One row of an indicator upload as checked (the header is row 1). */
export const IndicatorRow = pure(() =>
  z.object({
    line: z.number(),
    status: z.enum(['ok', 'error']),
    written: z.object({ place: z.string(), value: z.string() }).describe('What the row holds for the place and the value, as typed.'),
    place: ImportPartner.nullable(),
    value: z.number().nullable(),
    problems: z.array(ImportProblem),
  }),
);
export type IndicatorRow = z.infer<typeof IndicatorRow>;

/** POST /api/indicators: the row-level check, and the indicator saved (null on a dry run or when no row is valid). */
export const IndicatorReport = pure(() =>
  z.object({
    dryRun: z.boolean(),
    encoding: z.enum(['utf-8', 'shift_jis', 'xlsx']),
    columns: z.record(z.string(), z.string()).describe("Columns used, e.g. {code: '団体コード', value: '病床数'}."),
    rows: z.array(IndicatorRow),
    valid: z.number(),
    invalid: z.number(),
    indicator: IndicatorSummary.nullable(),
  }),
);
export type IndicatorReport = z.infer<typeof IndicatorReport>;
