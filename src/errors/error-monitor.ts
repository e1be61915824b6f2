import { randomUUID } from 'node:crypto';
import { Counter, type Registry } from 'prom-client';
import { Field, Int, ObjectType } from 'type-graphql';
import type { Logger } from '../logging/logger';
import { CLASSIFICATION } from './classification';
import { ClassifiedError } from './classified-error';
import { ErrorCategory, ErrorCode, ErrorSeverity } from './error-code';

@ObjectType({ simpleResolvers: true, description: 'How often one kind of error was answered.' })
export class ErrorStat {
  @Field(() => ErrorCategory)
  category!: ErrorCategory;

  @Field(() => ErrorCode)
  code!: ErrorCode;

  @Field(() => String, { nullable: true, description: 'The database constraint behind it, if any.' })
  constraint!: string | null;

  @Field(() => Int, { description: 'Occurrences within the sliding window ending now.' })
  countInWindow!: number;

  @Field(() => Int, { description: 'Since the process started.' })
  total!: number;

  @Field(() => Int)
  windowSeconds!: number;

  @Field(() => Date)
  lastSeenAt!: Date;
}

interface Tally {
  category: ErrorCategory;
  code: ErrorCode;
  constraint: string | null;
  total: number;
  lastSeenAt: number;
  /** Counts per bucket; `bucketStart[i]` says which time slice bucket i currently holds. */
  buckets: number[];
  bucketStart: number[];
  lastAlertAt: number;
}

const BUCKETS = 30;

export interface ErrorMonitorOptions {
  threshold: number;
  windowMs: number;
  now?: () => number;
}

export interface ErrorOccurrence {
  operation?: string;
  requestId?: string;
}

/**
 * Logs each error once, with an id the client also gets; counts errors by (category, code,
 * constraint) over a sliding window of fixed-size buckets, so memory stays bounded under a
 * flood; raises one alert line per window when a kind of error exceeds the threshold.
 */
export class ErrorMonitor {
  private readonly tallies = new Map<string, Tally>();
  private readonly recorded = new WeakMap<object, string>();
  private readonly counter: Counter<'category' | 'code' | 'constraint'>;
  private readonly now: () => number;
  private readonly bucketMs: number;

  constructor(
    private readonly logger: Logger,
    registry: Registry,
    private readonly options: ErrorMonitorOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.bucketMs = Math.max(1, Math.ceil(options.windowMs / BUCKETS));
    this.counter = new Counter({
      name: 'hotel_errors_total',
      help: 'Errors answered to clients, by category, code and constraint.',
      labelNames: ['category', 'code', 'constraint'],
      registers: [registry],
    });
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

    this.counter.inc({ category, code, constraint: constraint ?? '' });
    this.tally(category, code, constraint);
    return errorId;
  }

  private tally(category: ErrorCategory, code: ErrorCode, constraint: string | null): void {
    const key = `${category}|${code}|${constraint ?? ''}`;
    const now = this.now();
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = {
        category,
        code,
        constraint,
        total: 0,
        lastSeenAt: now,
        buckets: new Array(BUCKETS).fill(0),
        bucketStart: new Array(BUCKETS).fill(-1),
        lastAlertAt: -Infinity,
      };
      this.tallies.set(key, tally);
    }
    const slice = Math.floor(now / this.bucketMs);
    const index = slice % BUCKETS;
    if (tally.bucketStart[index] !== slice) {
      tally.bucketStart[index] = slice;
      tally.buckets[index] = 0;
    }
    tally.buckets[index] += 1;
    tally.total += 1;
    tally.lastSeenAt = now;

    const inWindow = this.countInWindow(tally, now);
    if (inWindow > this.options.threshold && now - tally.lastAlertAt >= this.options.windowMs) {
      tally.lastAlertAt = now;
      this.logger.error(
        {
          alert: 'error_frequency',
          category,
          code,
          constraint,
          countInWindow: inWindow,
          threshold: this.options.threshold,
          windowSeconds: this.options.windowMs / 1000,
        },
        'error frequency above threshold',
      );
    }
  }

  private countInWindow(tally: Tally, now: number): number {
    const current = Math.floor(now / this.bucketMs);
    let sum = 0;
    for (let i = 0; i < BUCKETS; i++) {
      if (tally.bucketStart[i] > current - BUCKETS) sum += tally.buckets[i];
    }
    return sum;
  }

  stats(): ErrorStat[] {
    const now = this.now();
    return [...this.tallies.values()]
      .map((tally) => ({
        category: tally.category,
        code: tally.code,
        constraint: tally.constraint,
        countInWindow: this.countInWindow(tally, now),
        total: tally.total,
        windowSeconds: this.options.windowMs / 1000,
        lastSeenAt: new Date(tally.lastSeenAt),
      }))
      .sort((a, b) => b.countInWindow - a.countInWindow || b.total - a.total);
  }
}
