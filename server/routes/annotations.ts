/**
 * GET /api/annotations[?results=1[&days=90]]  process-change annotations, oldest first; with
 *   results=1 each carries its MTTA/MTTR before/after verdict (GET /api/compare's `around`).
 * POST /api/annotations {date, label, description?, filter?: ["dim=value"]} → {id}
 * DELETE /api/annotations/:id
 */
import { Hono } from 'hono';
import { addAnnotation, annotationResults, listAnnotations, removeAnnotation } from '../../queries/annotations.ts';
import { InputError } from '../../queries/errors.ts';
import type { AppDeps } from '../deps.ts';
import { answerKey, cacheOf, requestContext } from './context.ts';

interface AnnotationBody {
  date?: unknown;
  label?: unknown;
  description?: unknown;
  filter?: unknown;
}

export function annotationsRoutes(deps: AppDeps) {
  return new Hono()
    .get('/annotations', async (c) => {
      const { connection } = deps.db;
      const list = await listAnnotations(connection);
      if (c.req.query('results') !== '1') return c.json({ annotations: list }, 200);
      const days = Number(c.req.query('days') ?? 90);
      if (!Number.isInteger(days) || days < 1) throw new InputError(`days must be a positive whole number, got "${c.req.query('days')}".`);
      const context = requestContext(deps);
      const annotations = [];
      for (const a of list) {
        const results = await cacheOf(deps).remember(connection, answerKey('annotation', a.date, a.scope, days, context), () => annotationResults(connection, a, context, days));
        annotations.push({ ...a, results });
      }
      return c.json({ annotations }, 200);
    })
    .post('/annotations', async (c) => {
      const body = (await c.req.json().catch(() => {
        throw new InputError('The body must be JSON like {"date":"2026-03-02","label":"…"}.');
      })) as AnnotationBody;
      const filter = Array.isArray(body.filter) ? body.filter.map(String) : [];
      if (typeof body.date !== 'string' || typeof body.label !== 'string') throw new InputError('date and label are required strings.');
      const id = await addAnnotation(deps.db.connection, { date: body.date, label: body.label, description: typeof body.description === 'string' ? body.description : null, filters: filter });
      return c.json({ id }, 201);
    })
    .delete('/annotations/:id', async (c) => {
      const id = Number(c.req.param('id'));
      if (!Number.isInteger(id) || id < 1) throw new InputError(`id must be a positive whole number, got "${c.req.param('id')}".`);
      if (!(await removeAnnotation(deps.db.connection, id))) return c.json({ error: `No annotation with id ${id}.` }, 404);
      return c.json({ removed: id }, 200);
    });
}
