import { Registry } from 'prom-client';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ControlPool } from '../../src/db/control-pool';
import { errorCountStore } from '../../src/db/error-count-store';
import { ConflictError } from '../../src/errors/conflict-error';
import { ErrorCode } from '../../src/errors/error-code';
import { ErrorMonitor } from '../../src/errors/error-monitor';
import { NotFoundError } from '../../src/errors/not-found-error';
import { ServiceUnavailableError } from '../../src/errors/service-unavailable-error';
import { createLogger } from '../../src/logging/logger';
import { logSink } from '../support/log-sink';
import { useTestDatabase } from '../support/test-database';

let control: ControlPool;
const db = useTestDatabase();
beforeAll(async () => {
  control = db.controlPool();
});
const monitors: ErrorMonitor[] = [];
beforeEach(async () => {
  // What an earlier test's monitor still held lands before this test starts counting.
  for (const monitor of monitors.splice(0)) await monitor.flush();
  await db.sql.query('truncate error_counts, error_totals, error_minutes');
});

function monitorWithClock(threshold: number, windowMs: number) {
  const { sink, lines } = logSink();
  let now = 1_000_000;
  const registry = new Registry();
  const monitor = new ErrorMonitor(createLogger('info', sink), registry, errorCountStore(control), {
    threshold,
    windowMs,
    flushMs: 10,
    historyMs: 3_600_000,
    now: () => now,
  });
  monitors.push(monitor);
  return { monitor, lines, registry, advance: (ms: number) => (now += ms) };
}

describe('ErrorMonitor', () => {
  it('logs each error once, with its id, classification and where it happened; HIGH and CRITICAL at error level', () => {
    const { monitor, lines } = monitorWithClock(100, 60_000);
    const low = new ConflictError(ErrorCode.ROOM_UNAVAILABLE, [], { constraint: 'bookings_no_overlap' });
    const id = monitor.record(low, { operation: 'createBooking', requestId: 'req-1' });
    expect(monitor.record(low, { operation: 'createBooking', requestId: 'req-1' })).toBe(id);
    monitor.record(new ServiceUnavailableError(ErrorCode.SERVICE_UNAVAILABLE, { retryAfterMs: 100 }), { operation: 'recordPayment', requestId: 'req-2' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'info',
      errorId: id,
      code: 'ROOM_UNAVAILABLE',
      category: 'BUSINESS_LOGIC',
      severity: 'LOW',
      operation: 'createBooking',
      constraint: 'bookings_no_overlap',
      requestId: 'req-1',
    });
    expect(lines[1]).toMatchObject({ level: 'error', code: 'SERVICE_UNAVAILABLE', severity: 'HIGH', operation: 'recordPayment', requestId: 'req-2' });
  });

  it('counts unexpected errors as INTERNAL_SERVER_ERROR and logs them whole', () => {
    const { monitor, lines } = monitorWithClock(100, 60_000);
    monitor.record(new TypeError('cannot read x of undefined'), { operation: 'rooms' });
    expect(lines[0]).toMatchObject({ level: 'error', code: 'INTERNAL_SERVER_ERROR', severity: 'CRITICAL', message: 'cannot read x of undefined' });
    expect(lines[0].err.stack).toContain('TypeError');
  });

  it('raises one alert line per window when a kind of error passes the threshold, and counts over a sliding window', async () => {
    const { monitor, lines, advance } = monitorWithClock(3, 10_000);
    const conflict = () => new ConflictError(ErrorCode.ROOM_UNAVAILABLE, [], { constraint: 'bookings_no_overlap' });
    for (let i = 0; i < 3; i++) monitor.record(conflict(), {});
    await monitor.flush();
    const alerts = () => lines.filter((line) => line.alert === 'error_frequency');
    expect(alerts()).toHaveLength(0);
    for (let i = 0; i < 3; i++) monitor.record(conflict(), {});
    await monitor.flush();
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toMatchObject({
      level: 'error',
      code: 'ROOM_UNAVAILABLE',
      constraint: 'bookings_no_overlap',
      countInWindow: 6,
      threshold: 3,
      windowSeconds: 10,
    });
    expect(await monitor.stats()).toEqual([expect.objectContaining({ code: 'ROOM_UNAVAILABLE', countInWindow: 6, total: 6 })]);

    advance(11_000);
    expect((await monitor.stats())[0]).toMatchObject({ countInWindow: 0, total: 6 });
    for (let i = 0; i < 4; i++) monitor.record(conflict(), {});
    await monitor.flush();
    expect(alerts()).toHaveLength(2);
    monitor.record(new NotFoundError('Room', 1), {});
    await monitor.flush();
    expect(alerts()).toHaveLength(2);
  });

  it('shares its counts and its alerts with every other monitor on the database', async () => {
    const a = monitorWithClock(2, 60_000);
    const b = monitorWithClock(2, 60_000);
    const notFound = () => new NotFoundError('Room', 1);
    a.monitor.record(notFound(), {});
    a.monitor.record(notFound(), {});
    await a.monitor.flush();
    b.monitor.record(notFound(), {});
    await b.monitor.flush();
    a.monitor.record(notFound(), {});
    await a.monitor.flush();
    expect(await a.monitor.stats()).toEqual(await b.monitor.stats());
    expect((await b.monitor.stats())[0]).toMatchObject({ code: 'NOT_FOUND', countInWindow: 4, total: 4 });
    // The threshold was passed by b's count; only one of them says so in its window.
    const alerts = [...a.lines, ...b.lines].filter((line) => line.alert === 'error_frequency');
    expect(alerts).toHaveLength(1);
  });

  it('exposes the counts to Prometheus by category, code and constraint', async () => {
    const { monitor, registry } = monitorWithClock(100, 60_000);
    monitor.record(new ConflictError(ErrorCode.ROOM_UNAVAILABLE, [], { constraint: 'bookings_no_overlap' }), {});
    monitor.record(new ConflictError(ErrorCode.ROOM_UNAVAILABLE, [], { constraint: 'bookings_no_overlap' }), {});
    expect(await registry.metrics()).toContain('hotel_errors_total{category="BUSINESS_LOGIC",code="ROOM_UNAVAILABLE",constraint="bookings_no_overlap"} 2');
  });
});
