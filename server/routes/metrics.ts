import { z } from 'zod';
import type { AtlasDb } from '../db.ts';
import { builtData } from '../built.ts';
import { ApiError } from '../errors.ts';
import { classifyAround } from '../../domain/scoring/classes.ts';
import { defineRoute } from '../route.ts';
import { type ClassMethod, type MetricId, MetricValues, classMethods, metricIds, metrics } from '../../domain/records/metrics.ts';

/** Values and class breaks of one metric for every municipality (values read once at start; classes take about a millisecond). */
export async function metricValues(db: AtlasDb, metric: MetricId, classes: number, method: ClassMethod): Promise<MetricValues> {
  const info = metrics[metric];
  const column = (await builtData(db)).metricValues.get(metric)!;
  const values: Record<string, number | null> = {};
  const finite: number[] = [];
  for (const [code, v] of column) {
    values[code] = v;
    if (v !== null && Number.isFinite(v)) finite.push(v);
  }
  return {
    metric,
    unit: info.unit,
    method,
    values,
    breaks: classifyAround(finite, classes, method, info.center),
    min: Math.min(...finite),
    max: Math.max(...finite),
    ...(info.derived ? { derived: info.derived, sources: info.sources } : {}),
  };
}

export const metricRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/metrics/:metric',
    response: MetricValues,
    tag: 'metrics',
    summary: 'One metric for every municipality with choropleth class breaks.',
    returns:
      '{metric, unit, method, values:{code:value}, breaks, min, max}; derived figures (quakeProb30, tsunamiShare, floodShare) add derived (what from) and sources (ids in /api/sources)',
    params: z.object({ metric: z.string().max(40) }),
    query: z
      .object({
        classes: z.coerce.number().int().min(2).max(9).default(5),
        method: z.enum(classMethods).default('quantile'),
      })
      .strict(),
    handle: ({ deps, params, query }) => {
      if (!(metricIds as readonly string[]).includes(params.metric)) {
        throw new ApiError(400, 'unknown_metric', `unknown metric "${params.metric}"; valid metrics: ${metricIds.join(', ')}`);
      }
      return metricValues(deps.db, params.metric as MetricId, query.classes, query.method);
    },
  }),
];
