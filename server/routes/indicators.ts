import { z } from 'zod';
import { IndicatorList, IndicatorReport, IndicatorValues } from '../../domain/records/indicators.ts';
import { classMethods } from '../../domain/records/metrics.ts';
import { Deleted } from '../../domain/records/municipalities.ts';
import { defineRoute } from '../route.ts';
import { csvMediaTypes } from '../security.ts';
import { deleteIndicator, indicatorValues, listIndicators, uploadIndicator } from '../services/indicators.ts';

const idParams = z.object({ id: z.string().regex(/^ind-[0-9a-f]{10}$/, 'must be an indicator id such as "ind-0123456789"') });
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/** Media types of an .xlsx workbook as browsers and curl send it, besides the CSV ones. */
const xlsxMediaTypes = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/zip'] as const;

/** Users' own indicators: uploaded (write token), listed, read with choropleth classes, deleted. */
export const indicatorRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/indicators',
    response: IndicatorList,
    tag: 'indicators',
    summary: 'The user’s own indicators saved in the user store (uploaded with POST /api/indicators)',
    returns: '{items:[{id, name, unit, note, fileName, createdAt, count}]}',
    handle: ({ deps }) => listIndicators(deps.db),
  }),
  defineRoute({
    method: 'get',
    path: '/api/indicators/:id',
    response: IndicatorValues,
    tag: 'indicators',
    summary: 'One own indicator: its value per municipality with choropleth class breaks (the classification of /api/metrics)',
    returns: '{id, name, unit, note, fileName, createdAt, count, method, values:{code:value}, breaks, min, max}; 404 for an unknown id',
    params: idParams,
    query: z
      .object({
        classes: z.coerce.number().int().min(2).max(9).default(5),
        method: z.enum(classMethods).default('quantile'),
      })
      .strict(),
    handle: ({ deps, params, query }) => indicatorValues(deps.db, params.id, query.classes, query.method),
  }),
  defineRoute({
    method: 'post',
    path: '/api/indicators',
    response: IndicatorReport,
    tag: 'indicators',
    write: true,
    accepts: [...csvMediaTypes, ...xlsxMediaTypes],
    summary:
      'Uploads an own indicator: a CSV (UTF-8 or Shift_JIS) or .xlsx body with a municipality column (code or 団体コード, or name or 市区町村 with optional prefecture or 都道府県; former names are resolved) and a value column (value, 値, the query’s column, or the first other column). Every row is checked; with dryRun=1 nothing is written, otherwise the valid rows are saved as one indicator. Needs the write token.',
    returns:
      'IndicatorReport {dryRun, encoding, columns, rows:[{line,status,written:{place,value},place,value,problems:[{code,field,written,message,candidates,suggestions}]}], valid, invalid, indicator}; 201 when saved; 400 for a file without a municipality or value column; 401 without the token; 413 over 2 MiB or 5,000 rows',
    query: z
      .object({
        name: text(80).optional(),
        unit: text(20).optional(),
        note: text(500).optional(),
        fileName: text(200).optional(),
        column: text(80).optional(),
        dryRun: z.enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0' }).optional(),
      })
      .strict(),
    async handle({ c, deps, query }) {
      const { dryRun, ...meta } = query;
      const report = await uploadIndicator(deps.db, new Uint8Array(await c.req.arrayBuffer()), meta, dryRun === '1' || dryRun === 'true');
      return report.indicator ? c.json(report, 201) : report;
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/indicators/:id',
    response: Deleted,
    tag: 'indicators',
    write: true,
    summary: 'Deletes an own indicator. Needs the write token.',
    returns: '{deleted:id}; 404 for an unknown id; 401 without the token',
    params: idParams,
    handle: ({ deps, params }) => deleteIndicator(deps.db, params.id),
  }),
];
