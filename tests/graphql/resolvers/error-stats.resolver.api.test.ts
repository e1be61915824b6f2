import { describe, expect, it } from 'vitest';
import { mutationDocument } from '../../support/mutations';
import { useTestApi } from '../../support/test-api';

const t = useTestApi({ config: { errorFrequencyThreshold: 7 } });

const HISTORY = `query ($minutes: Int) { errorHistory(minutes: $minutes) {
  from to stepSeconds windowSeconds threshold
  series { category code constraint total points { at count countInWindow } } } }`;
const CREATE_ROOM_TYPE = mutationDocument('createRoomType', { members: '... on ClassifiedError { code }' });
const CANCEL_BOOKING = mutationDocument('cancelBooking', { members: '... on ClassifiedError { code }' });
const MINUTE = 60_000;

interface Point {
  at: string;
  count: number;
  countInWindow: number | null;
}
interface Series {
  category: string;
  code: string;
  constraint: string | null;
  total: number;
  points: Point[];
}

/** Waits, if need be, for the next minute, so that the few requests that follow (well under 10 s) fall in one minute. */
async function clearOfTheMinutesEnd(): Promise<void> {
  const into = Date.now() % MINUTE;
  if (into > 50_000) await new Promise((resolve) => setTimeout(resolve, MINUTE - into + 100));
}

/** The index of the step of one-minute steps that holds the minute starting at `minute`: the first ending after it. */
const stepOf = (points: Point[], minute: number) => points.findIndex((point) => Date.parse(point.at) > minute);

async function history(minutes?: number | null) {
  const { data, errors } = await t.graphql(HISTORY, { minutes });
  expect(errors).toBeUndefined();
  return data!.errorHistory as { from: string; to: string; stepSeconds: number; windowSeconds: number; threshold: number; series: Series[] };
}

describe('errorHistory', () => {
  it('charts the errors answered, in the step of their minute, zeros between, flushed before it reads', async () => {
    await clearOfTheMinutesEnd();
    const minute = Math.floor(Date.now() / MINUTE) * MINUTE;
    // What another process wrote ten minutes ago, as the shared table holds it.
    await t.database.sql.query(
      `insert into error_minutes (category, code, constraint_name, minute, count) values ('VALIDATION', 'VALIDATION_FAILED', '', $1, 4)`,
      [new Date(minute - 10 * MINUTE)],
    );
    for (let i = 0; i < 3; i++) {
      const answer = await t.graphql(CREATE_ROOM_TYPE, { input: { name: `Too small ${i}`, capacity: 0, baseRate: '90.00' } });
      expect(answer.data?.createRoomType.code).toBe('VALIDATION_FAILED');
    }
    for (let i = 0; i < 2; i++) {
      const answer = await t.graphql(CANCEL_BOOKING, { input: { bookingId: '999999', reason: 'test' } });
      expect(answer.data?.cancelBooking.code).toBe('NOT_FOUND');
    }

    // Asked at once: ERROR_STATS_FLUSH_MS (1 s) has not passed, and the counts are there.
    const chart = await history();
    expect({ stepSeconds: chart.stepSeconds, windowSeconds: chart.windowSeconds, threshold: chart.threshold }).toEqual({
      stepSeconds: 60,
      windowSeconds: 60,
      threshold: 7,
    });
    expect(Date.parse(chart.to)).toBeGreaterThanOrEqual(minute);
    expect(Date.parse(chart.to) - Date.parse(chart.from)).toBeLessThanOrEqual(60 * MINUTE);
    expect(Date.parse(chart.to) - Date.parse(chart.from)).toBeGreaterThan(59 * MINUTE);

    const validation = chart.series.find((series) => series.code === 'VALIDATION_FAILED')!;
    const missing = chart.series.find((series) => series.code === 'NOT_FOUND')!;
    expect(validation).toMatchObject({ category: 'VALIDATION', constraint: null, total: 7 });
    expect(missing).toMatchObject({ category: 'VALIDATION', constraint: null, total: 2 });
    expect(chart.series.indexOf(validation)).toBeLessThan(chart.series.indexOf(missing));
    expect(validation.points).toHaveLength(60);

    const now = stepOf(validation.points, minute);
    const before = stepOf(validation.points, minute - 10 * MINUTE);
    expect(now - before).toBe(10);
    const expected = Array(60).fill(0);
    expected[before] = 4;
    expected[now] = 3;
    expect(validation.points.map((point) => point.count)).toEqual(expected);
    expect(missing.points.map((point) => point.count)).toEqual(expected.map((_, i) => (i === now ? 2 : 0)));
    // A window of one minute: on whole minutes, each step's own count.
    expect(validation.points[before].countInWindow).toBe(4);
    expect(validation.points.map((point) => point.at)).toEqual(missing.points.map((point) => point.at));
  });

  it('charts 60 minutes when not told, and refuses a range outside 5 to 1440 minutes', async () => {
    const charted = await history(null);
    expect(Date.parse(charted.to) - Date.parse(charted.from)).toBeGreaterThan(59 * MINUTE);
    for (const minutes of [4, 1441, 0, -60]) {
      const refused = await t.graphql(HISTORY, { minutes });
      expect({ data: refused.data, codes: refused.errors?.map((error) => error.extensions.code), message: refused.errors?.[0].message }).toEqual({
        data: null,
        codes: ['BAD_USER_INPUT'],
        message: 'Must be between 5 and 1440.',
      });
    }
    expect((await history(1440)).stepSeconds).toBe(720);
    expect((await history(5)).stepSeconds).toBe(60);
  });

  it('is for ADMIN only: STAFF and partners are FORBIDDEN, the anonymous UNAUTHENTICATED', async () => {
    for (const [token, code] of [
      [t.tokens.staff, 'FORBIDDEN'],
      [t.tokens.partner, 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const) {
      const denied = await t.graphql(HISTORY, {}, { token });
      expect({ data: denied.data, codes: denied.errors?.map((error) => error.extensions.code) }).toEqual({ data: null, codes: [code] });
    }
  });
});
