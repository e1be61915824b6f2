import { describe, expect, it } from 'vitest';
import { apiProcessesOfFile } from '../support/api-processes-of-file';
import { mutationDocument } from '../support/mutations';

const TOKEN = 'error-history-processes-admin-token-0123456789';
const HISTORY = '{ errorHistory(minutes: 5) { series { code total points { at count } } } }';
const CANCEL_BOOKING = mutationDocument('cancelBooking', { members: '... on ClassifiedError { code }' });
const MINUTE = 60_000;

// A process adds its counts to the shared ones only when asked, or a minute later: what each asked process says is its own flush.
const house = apiProcessesOfFile(2, TOKEN, { ERROR_STATS_FLUSH_MS: '60000' });

async function notFoundAt(process: number, times: number) {
  for (let i = 0; i < times; i++) {
    const answer = await house.apis[process].client.send(CANCEL_BOOKING, { input: { bookingId: '999999', reason: 'test' } });
    expect(answer.body.data.cancelBooking.code).toBe('NOT_FOUND');
  }
}

/** NOT_FOUND's steps as one process charts them: the count of each and the whole minute each ends on (the last ends now). */
async function notFoundChartedBy(process: number) {
  const answer = await house.apis[process].client.send(HISTORY, {});
  expect(answer.body.errors).toBeUndefined();
  const series = answer.body.data.errorHistory.series.find((candidate: { code: string }) => candidate.code === 'NOT_FOUND');
  return {
    total: series?.total ?? 0,
    counts: series?.points.map((point: { count: number }) => point.count),
    steps: series?.points.slice(0, -1).map((point: { at: string }) => point.at),
  };
}

describe('the error history of two API processes', () => {
  it('is one history in PostgreSQL: what either answered, both chart, each adding its own counts before it reads', async () => {
    // The five requests fall in one minute.
    const into = Date.now() % MINUTE;
    if (into > 50_000) await new Promise((resolve) => setTimeout(resolve, MINUTE - into + 100));
    await notFoundAt(0, 3);
    await notFoundAt(1, 2);

    expect((await notFoundChartedBy(0)).total).toBe(3);
    const second = await notFoundChartedBy(1);
    const first = await notFoundChartedBy(0);
    expect(second.total).toBe(5);
    expect(first).toEqual(second);
    expect(first.counts.filter((count: number) => count > 0)).toEqual([5]);
    expect(first.counts).toHaveLength(5);
    const [row] = await house.db.rows<{ rows: number; count: number }>(
      `select count(*)::int as rows, sum(count)::int as count from error_minutes where code = 'NOT_FOUND'`,
    );
    expect(row).toEqual({ rows: 1, count: 5 });
  });
});
