// fetchMetrics (web/src/lib/api.ts) with a recording fetch: the wire names the server reads,
// and the server's error sentence passed through untouched.
import { describe, expect, it } from 'vitest';
import { ApiError, fetchMetrics } from '../../web/src/lib/api.ts';

function recordingFetch(status: number, body: string, contentType = 'application/json') {
  const urls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return new Response(body, { status, headers: { 'content-type': contentType } });
  }) as typeof globalThis.fetch;
  return { urls, fetch };
}

describe('fetchMetrics', () => {
  it('sends metric/by/grain as comma-separated strings and leaves unset options out', async () => {
    const { urls, fetch } = recordingFetch(200, JSON.stringify({ request: {}, metrics: [], columns: [], rows: [] }));
    await fetchMetrics({ metric: ['mtta', 'mttr'], by: ['severity'], grain: 'month' }, { baseUrl: 'http://127.0.0.1:9', fetch });
    const url = new URL(urls[0] ?? '');
    expect(url.pathname).toBe('/api/metrics');
    expect([...url.searchParams]).toEqual([['metric', 'mtta,mttr'], ['by', 'severity'], ['grain', 'month']]);
  });

  it("rejects with the server's one-sentence error on a 400", async () => {
    const sentence = 'Unknown grain "fortnight"; allowed grains: day, week, month, quarter, year.';
    const { fetch } = recordingFetch(400, JSON.stringify({ error: sentence }));
    const failure = fetchMetrics({ metric: ['mttr'] }, { baseUrl: 'http://127.0.0.1:9', fetch });
    await expect(failure).rejects.toThrow(ApiError);
    await expect(failure).rejects.toThrow(sentence);
  });

  it('says the API server is not answering when a proxy sends a non-JSON 502', async () => {
    const { fetch } = recordingFetch(502, 'Bad Gateway', 'text/plain');
    await expect(fetchMetrics({ metric: ['mttr'] }, { baseUrl: 'http://127.0.0.1:9', fetch })).rejects.toThrow(/did not answer \(502/);
  });
});
