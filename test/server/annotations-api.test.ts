/** POST / GET / DELETE /api/annotations through app.request, with their 400s and 404. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../queries/db.ts';
import { createApp } from '../../server/app.ts';
import { memoryDb } from '../helpers/db.ts';

let db: Database;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  db = await memoryDb();
  app = createApp({ db, webRoot: null, log: { info() {}, error() {} } });
});
afterAll(() => db.close());

const post = (body: unknown) => app.request('/api/annotations', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

describe('/api/annotations', () => {
  it('adds, lists and removes; refuses bad dates and unknown dimensions', async () => {
    const created = await post({ date: '2026-03-02', label: 'New rota', filter: ['severity=SEV1'] });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const list = await (await app.request('/api/annotations')).json();
    expect(list.annotations).toEqual([expect.objectContaining({ id, date: '2026-03-02', label: 'New rota', description: null, scope: { severity: ['SEV1'] } })]);
    expect((await post({ date: '2026-13-40', label: 'x' })).status).toBe(400);
    expect((await post({ date: '2026-02-30', label: 'x' })).status).toBe(400);
    const unknown = await post({ date: '2026-03-02', label: 'x', filter: ['colour=red'] });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toMatch(/^Unknown dimension "colour"/);
    expect((await app.request(`/api/annotations/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await app.request(`/api/annotations/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await (await app.request('/api/annotations')).json()).annotations).toEqual([]);
  });
});
