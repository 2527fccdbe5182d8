/**
 * GET /api/export?<the parameters of GET /api/incidents>&format=csv|xlsx|parquet|arrow[&bom=1]
 * The rows behind a number (the same population the incident list shows) as a file download,
 * streamed page by page (server/export/). `bom=1` prefixes the CSV with a UTF-8 byte-order mark
 * for Excel. The file name states the scope and period; the row count is in Hindsight-Row-Count.
 */
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { InputError } from '../../queries/errors.ts';
import { exportBody } from '../export/run.ts';
import { planExport } from '../export/request.ts';
import type { AppDeps } from '../deps.ts';
import { requestContext } from './context.ts';
import { ROW_COUNT_HEADER, type IncidentsQuery } from './incidents.ts';

export interface ExportQuery extends Omit<IncidentsQuery, 'limit'> {
  format?: string;
  bom?: string;
}

const KEYS = ['metric', 'from', 'to', 'tz', 'cohort', 'include_drills', 'clock', 'exclude_on_hold', 'sort', 'dir', 'q', 'format', 'bom', 'grain'] as const;

export function exportRoutes(deps: AppDeps) {
  return new Hono().get(
    '/export',
    validator('query', (query): ExportQuery => {
      const out: Record<string, string | string[] | undefined> = {};
      for (const key of KEYS) {
        const value = query[key];
        if (value !== undefined) out[key] = Array.isArray(value) ? value.join(',') : value;
      }
      out.filter = query.filter;
      return out as ExportQuery;
    }),
    async (c) => {
      const query = c.req.valid('query') as ExportQuery & { grain?: string };
      const filter = query.filter === undefined ? [] : Array.isArray(query.filter) ? query.filter : [query.filter];
      const { plan, errors } = planExport({ ...query, filter }, requestContext(deps));
      if (!plan) throw new InputError(errors.join(' '));
      const { rowCount, contentType, body } = await exportBody(deps.db, plan, (message) => deps.log.error(message));
      return c.body(Readable.toWeb(body) as ReadableStream<Uint8Array>, 200, {
        'Content-Type': contentType,
        'Content-Disposition': `attachment; filename="${plan.filename}"`,
        [ROW_COUNT_HEADER]: String(rowCount),
        'Cache-Control': 'no-store',
      });
    },
  );
}
