import { randomUUID } from 'node:crypto';
import { Counter, type Registry } from 'prom-client';
import { Field, Int, ObjectType } from 'type-graphql';
import type { Logger } from '../logging/logger';
import { CLASSIFICATION } from './classification';
import { ClassifiedError } from './classified-error';
import { ErrorCategory, ErrorCode, ErrorSeverity } from './error-code';
import {
  CountedErrorKind,
  chartErrorHistory,
  type ErrorHistory,
  type ErrorKind,
  historyPlan,
  kindKey,
  type MinuteCount,
  minuteOf,
  windowsFrom,
} from './error-history';

@ObjectType({ simpleResolvers: true, description: 'How often one kind of error was answered.' })
export class ErrorStat extends CountedErrorKind {
  @Field(() => Int, { description: 'Occurrences within the sliding window ending now.' })
  countInWindow!: number;

  @Field(() => Int, { description: 'Since counting began, by every API process (error_totals is never swept).' })
  total!: number;

  @Field(() => Int, { description: 'The length in seconds of the sliding window countInWindow counts over (ERROR_FREQUENCY_WINDOW_SECONDS).' })
  windowSeconds!: number;

  @Field(() => Date, { description: 'When it was last answered, by any API process.' })
  lastSeenAt!: Date;
}

/** Occurrences of one kind in one time slice and minute, not yet added to the shared counts. */
export interface PendingCount extends ErrorKind {
  slice: number;
  /** The minute's start, epoch milliseconds: the history's row. A slice may straddle two minutes. */
  minute: number;
  count: number;
  lastSeenAt: Date;
}

export interface StoredStat extends ErrorKind {
  countInWindow: number;
  total: number;
  lastSeenAt: Date;
}

/**
 * Where the counts live so that every API process adds to the same ones and reports the
 * same figures (db/error-count-store.ts keeps them in PostgreSQL).
 */
export interface ErrorCountStore {
  add(counts: readonly PendingCount[]): Promise<void>;
  /** Every kind: its occurrences in slices after `afterSlice`, its total, when last seen. */
  read(afterSlice: number): Promise<StoredStat[]>;
  /** The per-minute history of every kind, for minutes starting in [from, to). */
  readMinutes(from: Date, to: Date): Promise<MinuteCount[]>;
  /** True for exactly one caller per window and kind: that one raises the alert. */
  claimAlert(kind: ErrorKind, now: Date, windowMs: number): Promise<boolean>;
}

/** Slices of the window: it slides by one slice at a time. */
export const WINDOW_SLICES = 30;

export interface ErrorMonitorOptions {
  threshold: number;
  windowMs: number;
  /** How long occurrences wait in this process before they are added to the shared counts. */
  flushMs: number;
  /** How long the per-minute history is kept (ERROR_HISTORY_HOURS): older windows are not told. */
  historyMs: number;
  now?: () => number;
  /** Told of each CRITICAL error as it is recorded (CRITICAL_ERROR_ALERTS raises its alert), with what the client was told. */
  onCritical?: (error: { errorId: string; code: ErrorCode; category: ErrorCategory; constraint: string | null; message: string } & ErrorOccurrence) => void;
}

export interface ErrorOccurrence {
  operation?: string;
  requestId?: string;
}

/**
 * Logs each error once, with an id the client also gets; counts errors by (category, code,
 * constraint) over a sliding window of time slices shared by every API process (the
 * store), adding this process's occurrences every `flushMs`; raises one alert line per
 * window, from one process, when a kind of error exceeds the threshold.
 */
export class ErrorMonitor {
  private readonly recorded = new WeakMap<object, string>();
  private readonly counter: Counter<'category' | 'code' | 'constraint'>;
  private readonly now: () => number;
  private readonly sliceMs: number;
  private pending = new Map<string, PendingCount>();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly logger: Logger,
    registry: Registry,
    private readonly store: ErrorCountStore,
    private readonly options: ErrorMonitorOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.sliceMs = Math.max(1, Math.ceil(options.windowMs / WINDOW_SLICES));
    this.counter = new Counter({
      name: 'hotel_errors_total',
      help: 'Errors answered to clients by this process, by category, code and constraint.',
      labelNames: ['category', 'code', 'constraint'],
      registers: [registry],
    });
  }

  /** The slice a moment falls in. */
  sliceOf(time: number): number {
    return Math.floor(time / this.sliceMs);
  }

  /**
   * Records an error and returns its errorId. Recording the same error object again (it
   * passes through more than one layer) returns the first id and logs nothing more.
   */
  record(error: unknown, occurrence: ErrorOccurrence): string {
    if (typeof error === 'object' && error !== null) {
      const known = this.recorded.get(error);
      if (known) return known;
    }
    const errorId = randomUUID();
    if (typeof error === 'object' && error !== null) this.recorded.set(error, errorId);

    const classified = error instanceof ClassifiedError ? error : undefined;
    const code = classified?.code ?? ErrorCode.INTERNAL_SERVER_ERROR;
    const { category, severity } = classified ?? CLASSIFICATION.INTERNAL_SERVER_ERROR;
    const constraint = classified?.constraint ?? null;
    const entry = {
      errorId,
      code,
      category,
      severity,
      constraint,
      operation: occurrence.operation,
      requestId: occurrence.requestId,
      retryable: classified?.retryable ?? false,
      message: classified?.message ?? (error instanceof Error ? error.message : String(error)),
      ...(classified?.cause instanceof Error ? { cause: { message: classified.cause.message, code: (classified.cause as { code?: string }).code } } : {}),
      ...(classified ? {} : { err: error }),
    };
    const high = severity === ErrorSeverity.HIGH || severity === ErrorSeverity.CRITICAL;
    if (high) this.logger.error(entry, 'classified error');
    else this.logger.info(entry, 'classified error');

    if (severity === ErrorSeverity.CRITICAL) {
      const told = classified?.message ?? CLASSIFICATION.INTERNAL_SERVER_ERROR.message;
      this.options.onCritical?.({ errorId, code, category, constraint, message: told, operation: occurrence.operation, requestId: occurrence.requestId });
    }
    this.counter.inc({ category, code, constraint: constraint ?? '' });
    this.tally({ category, code, constraint: constraint ?? '' });
    return errorId;
  }

  private tally(kind: ErrorKind): void {
    const now = this.now();
    const slice = this.sliceOf(now);
    const minute = minuteOf(now);
    const key = `${kindKey(kind)}|${slice}|${minute}`;
    const count = this.pending.get(key) ?? { ...kind, slice, minute, count: 0, lastSeenAt: new Date(now) };
    count.count += 1;
    count.lastSeenAt = new Date(now);
    this.pending.set(key, count);
    this.flushTimer ??= setTimeout(() => void this.flush(), this.options.flushMs).unref();
  }

  /** Adds what this process counted to the shared counts, then raises the alerts they call for. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      const batch = [...this.pending.values()];
      this.pending = new Map();
      if (!batch.length) return;
      try {
        await this.store.add(batch);
        await this.alert(new Set(batch.map(kindKey)));
      } catch (error) {
        // The counts of a moment the database could not take are lost; the errors themselves were logged.
        this.logger.warn({ err: error, kinds: batch.length }, 'could not add error counts to the shared ones');
      }
    });
    return this.flushing;
  }

  private async alert(kinds: ReadonlySet<string>): Promise<void> {
    const now = this.now();
    for (const stat of await this.store.read(this.sliceOf(now) - WINDOW_SLICES)) {
      if (!kinds.has(kindKey(stat)) || stat.countInWindow <= this.options.threshold) continue;
      if (!(await this.store.claimAlert(stat, new Date(now), this.options.windowMs))) continue;
      this.logger.error(
        {
          alert: 'error_frequency',
          category: stat.category,
          code: stat.code,
          constraint: stat.constraint || null,
          countInWindow: stat.countInWindow,
          threshold: this.options.threshold,
          windowSeconds: this.options.windowMs / 1000,
        },
        'error frequency above threshold',
      );
    }
  }

  /** The shared figures, busiest first, this process's latest counts included. */
  async stats(): Promise<ErrorStat[]> {
    await this.flush();
    const windowSeconds = this.options.windowMs / 1000;
    return (await this.store.read(this.sliceOf(this.now()) - WINDOW_SLICES))
      .map((stat) => ({ ...stat, constraint: stat.constraint || null, windowSeconds }))
      .sort((a, b) => b.countInWindow - a.countInWindow || b.total - a.total);
  }

  /**
   * The shared history of the last `minutes`, per kind, this process's latest counts
   * included: steps of whole minutes, at most MAX_HISTORY_POINTS of them.
   */
  async history(minutes: number): Promise<ErrorHistory> {
    await this.flush();
    const now = this.now();
    const plan = historyPlan(minutes, now);
    const { windowMs, threshold, historyMs } = this.options;
    const [rows, live] = await Promise.all([
      this.store.readMinutes(new Date(windowsFrom(plan, windowMs)), new Date(plan.stepEnds[plan.stepEnds.length - 1])),
      this.store.read(this.sliceOf(now) - WINDOW_SLICES),
    ]);
    return chartErrorHistory({
      plan,
      minutes: rows,
      windowMs,
      threshold,
      keptFrom: now - historyMs,
      liveInWindow: new Map(live.map((stat) => [kindKey(stat), stat.countInWindow])),
    });
  }
}
