import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ControlPool } from '../../src/db/control-pool';
import { errorCountStore } from '../../src/db/error-count-store';
import { ConflictError } from '../../src/errors/conflict-error';
import { ErrorCode } from '../../src/errors/error-code';
import type { ErrorPoint } from '../../src/errors/error-history';
import { ErrorMonitor } from '../../src/errors/error-monitor';
import { NotFoundError } from '../../src/errors/not-found-error';
import { createLogger } from '../../src/logging/logger';
import { useTestDatabase } from '../support/test-database';

let control: ControlPool;
const db = useTestDatabase();
beforeAll(async () => {
  control = db.controlPool();
});
beforeEach(async () => {
  await db.sql.query('truncate error_counts, error_totals, error_minutes');
});

/** 3 December 2026 at hh:mm:ss UTC, in epoch milliseconds. */
const at = (clock: string) => {
  const [h, m, s] = clock.split(':').map(Number);
  return Date.UTC(2026, 11, 3, h, m, s);
};
const iso = (clock: string) => new Date(at(clock)).toISOString();

function monitorAt(clock: string, { windowMs = 60_000, historyMs = 86_400_000, threshold = 10 } = {}) {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  let now = at(clock);
  const monitor = new ErrorMonitor(createLogger('info', sink), new Registry(), errorCountStore(control), {
    threshold,
    windowMs,
    historyMs,
    flushMs: 60_000,
    now: () => now,
  });
  return { monitor, setClock: (next: string) => (now = at(next)) };
}

const notFound = () => new NotFoundError('Room', 1);
const conflict = () => new ConflictError(ErrorCode.ROOM_UNAVAILABLE, [], { constraint: 'bookings_no_overlap' });
const times = (n: number, record: () => unknown) => {
  for (let i = 0; i < n; i++) record();
};
const counts = (points: ErrorPoint[]) => points.map((point) => point.count);

describe('the error history', () => {
  it('puts each occurrence in the step of its minute, every step present with zeros between, busiest kind first', async () => {
    const { monitor, setClock } = monitorAt('10:00:05');
    times(2, () => monitor.record(notFound(), {}));
    setClock('10:03:30');
    times(3, () => monitor.record(notFound(), {}));
    monitor.record(conflict(), {});
    setClock('10:05:10');
    monitor.record(notFound(), {});

    const history = await monitor.history(10);
    expect({ from: history.from.toISOString(), to: history.to.toISOString(), stepSeconds: history.stepSeconds }).toEqual({
      from: iso('09:56:00'),
      to: iso('10:05:10'),
      stepSeconds: 60,
    });
    expect({ windowSeconds: history.windowSeconds, threshold: history.threshold }).toEqual({ windowSeconds: 60, threshold: 10 });
    const [missing, unavailable] = history.series;
    expect(history.series).toHaveLength(2);
    expect(missing).toMatchObject({ category: 'VALIDATION', code: 'NOT_FOUND', constraint: null, total: 6 });
    expect(missing.points.map((point) => point.at.toISOString())).toEqual([
      ...['09:57', '09:58', '09:59', '10:00', '10:01', '10:02', '10:03', '10:04', '10:05'].map((minute) => iso(`${minute}:00`)),
      iso('10:05:10'),
    ]);
    expect(counts(missing.points)).toEqual([0, 0, 0, 0, 2, 0, 0, 3, 0, 1]);
    // A window of one minute: on the minutes, the step's own count; at the end, the live window (its slices, 10:04:12 to now).
    expect(missing.points.map((point) => point.countInWindow)).toEqual([0, 0, 0, 0, 2, 0, 0, 3, 0, 1]);
    expect(unavailable).toMatchObject({ category: 'BUSINESS_LOGIC', code: 'ROOM_UNAVAILABLE', constraint: 'bookings_no_overlap', total: 1 });
    expect(counts(unavailable.points)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(unavailable.points.map((point) => point.at)).toEqual(missing.points.map((point) => point.at));
  });

  it('leaves out the kinds with no occurrence in the range', async () => {
    const { monitor, setClock } = monitorAt('09:00:00');
    monitor.record(conflict(), {});
    setClock('10:05:10');
    monitor.record(notFound(), {});
    const history = await monitor.history(60);
    expect(history.series.map((series) => series.code)).toEqual(['NOT_FOUND']);
    expect(history.series[0].points).toHaveLength(60);
    // Equally busy: by category, then code.
    expect((await monitor.history(120)).series.map((series) => [series.code, series.total])).toEqual([
      ['ROOM_UNAVAILABLE', 1],
      ['NOT_FOUND', 1],
    ]);
  });

  it('grows the step by whole minutes to keep within 120 points, the last step ending with the current minute', async () => {
    const { monitor, setClock } = monitorAt('09:53:59');
    monitor.record(notFound(), {});
    setClock('09:54:30');
    monitor.record(notFound(), {});
    setClock('10:05:05');
    monitor.record(notFound(), {});
    setClock('10:05:10');

    const shapes = [];
    for (const minutes of [5, 120, 121, 1440]) {
      const history = await monitor.history(minutes);
      shapes.push({ minutes, stepSeconds: history.stepSeconds, points: history.series[0].points.length, from: history.from.toISOString() });
    }
    expect(shapes).toEqual([
      { minutes: 5, stepSeconds: 60, points: 5, from: iso('10:01:00') },
      { minutes: 120, stepSeconds: 60, points: 120, from: iso('08:06:00') },
      { minutes: 121, stepSeconds: 120, points: 61, from: iso('08:04:00') },
      { minutes: 1440, stepSeconds: 720, points: 120, from: '2026-12-02T10:06:00.000Z' },
    ]);

    // Steps of 12 minutes ending 10:06, 09:54, ...: 09:54:30 and 10:05:05 share the last; 09:53:59 is the one before.
    const day = (await monitor.history(1440)).series[0];
    expect(day.total).toBe(3);
    expect(day.points.slice(-3).map((point) => [point.at.toISOString(), point.count])).toEqual([
      [iso('09:42:00'), 0],
      [iso('09:54:00'), 1],
      [iso('10:05:10'), 2],
    ]);
  });

  it('tells each point’s count in the window ending there, where whole minutes tell it and the history still holds it', async () => {
    const { monitor, setClock } = monitorAt('09:50:00', { historyMs: 3_600_000 });
    monitor.record(notFound(), {});
    setClock('09:53:30');
    monitor.record(notFound(), {});
    setClock('10:05:10');
    const day = (await monitor.history(1440)).series[0];
    // The step ending 09:54 holds both; its window (09:53 to 09:54) only the second.
    expect(day.points.slice(-2).map((point) => [point.count, point.countInWindow])).toEqual([
      [2, 1],
      [0, 0],
    ]);
    // Windows that start before the hour the history keeps (09:05:10) are not told.
    const told = day.points.map((point) => point.countInWindow !== null);
    expect(told.slice(0, 115).every((known) => !known)).toBe(true);
    expect(told.slice(115)).toEqual([true, true, true, true, true]);
    expect(day.points[115].at.toISOString()).toBe(iso('09:18:00'));
  });

  it('tells only the live window’s count when the window is no run of whole minutes', async () => {
    const odd = monitorAt('10:05:10', { windowMs: 90_000 });
    odd.monitor.record(notFound(), {});
    const hour = (await odd.monitor.history(60)).series[0];
    expect(hour.points.slice(0, -1).every((point) => point.countInWindow === null)).toBe(true);
    expect(hour.points.at(-1)).toMatchObject({ count: 1, countInWindow: 1 });
    expect((await odd.monitor.history(60)).windowSeconds).toBe(90);
  });

  it('is one history for every monitor on the database', async () => {
    const a = monitorAt('10:05:10');
    const b = monitorAt('10:05:20');
    times(2, () => a.monitor.record(notFound(), {}));
    times(3, () => b.monitor.record(notFound(), {}));
    await b.monitor.flush();
    b.setClock('10:05:10');
    const [fromA, fromB] = [await a.monitor.history(5), await b.monitor.history(5)];
    expect(fromA).toEqual(fromB);
    expect(counts(fromA.series[0].points)).toEqual([0, 0, 0, 0, 5]);
    expect(await db.rows('select minute, count from error_minutes')).toEqual([{ minute: new Date(at('10:05:00')), count: 5 }]);
  });

  it('counts a slice that straddles two minutes into each minute, and once into the window', async () => {
    // A window of 7 s has slices of 234 ms, which do not start on the minute.
    let minute = at('10:05:00');
    while (minute % 234 === 0) minute += 60_000;
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    let now = minute - 1;
    const monitor = new ErrorMonitor(createLogger('info', sink), new Registry(), errorCountStore(control), {
      threshold: 10,
      windowMs: 7_000,
      historyMs: 86_400_000,
      flushMs: 60_000,
      now: () => now,
    });
    expect(monitor.sliceOf(minute - 1)).toBe(monitor.sliceOf(minute + 1));
    monitor.record(notFound(), {});
    now = minute + 1;
    monitor.record(notFound(), {});
    await monitor.flush();
    expect(await db.rows('select count from error_counts')).toEqual([{ count: 2 }]);
    expect(await db.rows('select minute, count from error_minutes order by minute')).toEqual([
      { minute: new Date(minute - 60_000), count: 1 },
      { minute: new Date(minute), count: 1 },
    ]);
  });

  it('is held by the database to one row per kind and whole minute, with a count above zero', async () => {
    const refusal = async (minute: string, count: number) => {
      try {
        await db.sql.query(`insert into error_minutes (category, code, constraint_name, minute, count) values ('DATABASE', 'NOT_FOUND', '', $1, $2)`, [
          minute,
          count,
        ]);
        return undefined;
      } catch (error) {
        const { code, constraint } = error as { code?: string; constraint?: string };
        return { code, constraint };
      }
    };
    expect(await refusal('2026-12-03T10:05:30Z', 1)).toEqual({ code: '23514', constraint: 'error_minutes_minute_check' });
    expect(await refusal('2026-12-03T10:05:00Z', 0)).toEqual({ code: '23514', constraint: 'error_minutes_count_check' });
    expect(await refusal('2026-12-03T10:05:00Z', 1)).toBeUndefined();
    expect(await refusal('2026-12-03T10:05:00Z', 1)).toEqual({ code: '23505', constraint: 'error_minutes_pkey' });
  });
});
