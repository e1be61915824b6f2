import { Field, Int, ObjectType } from 'type-graphql';
import { ErrorCategory, ErrorCode } from './error-code';

/** One kind of error, as errors are counted: constraint '' when there is none. */
export interface ErrorKind {
  category: ErrorCategory;
  code: ErrorCode;
  constraint: string;
}

/** Occurrences of one kind in one minute, by every API process. */
export interface MinuteCount extends ErrorKind {
  minute: Date;
  count: number;
}

/** The range `errorHistory` charts, in minutes: default, least, most. */
export const HISTORY_MINUTES = { default: 60, min: 5, max: 1440 } as const;

/** Points per series at most: the step grows by whole minutes to keep within it. */
export const MAX_HISTORY_POINTS = 120;

const MINUTE_MS = 60_000;

/** The start of the minute `time` falls in, epoch milliseconds: a row of the history. */
export const minuteOf = (time: number): number => Math.floor(time / MINUTE_MS) * MINUTE_MS;

/** One kind of error as errorStats and errorHistory answer it: fields their GraphQL types inherit. It is in no field's type, so the schema leaves it out. */
@ObjectType()
export abstract class CountedErrorKind {
  @Field(() => ErrorCategory, { description: 'The category of the code.' })
  category!: ErrorCategory;

  @Field(() => ErrorCode, { description: 'The code answered.' })
  code!: ErrorCode;

  @Field(() => String, { nullable: true, description: 'The database constraint behind it, if any.' })
  constraint!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Occurrences of one kind of error in one step of the chart.' })
export class ErrorPoint {
  @Field(() => Date, {
    description:
      'The end of the step. Steps are whole minutes long and start on a minute; the last one ends with the current minute, which is not over: its `at` is ErrorHistory.to (now).',
  })
  at!: Date;

  @Field(() => Int, {
    description:
      'Occurrences in the step ending at `at`, by every API process: stepSeconds long, so next to `threshold` (which counts over windowSeconds) it compares only when stepSeconds equals windowSeconds; otherwise compare countInWindow, or scale the threshold by stepSeconds / windowSeconds for an average rate (bursts within a step do not show).',
  })
  count!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Occurrences in the windowSeconds ending at `at`: the figure the alert compares with `threshold` (an alert when it exceeds it). The last point has the live figure errorStats answers (the window’s slices ending now). Null when it cannot be told truthfully from whole minutes: when windowSeconds is not a whole number of minutes, or the window starts before the history kept (ERROR_HISTORY_HOURS).',
  })
  countInWindow!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'The occurrences over time of one kind of error: one (category, code, constraint).' })
export class ErrorSeries extends CountedErrorKind {
  @Field(() => Int, { description: 'Occurrences in the range charted: the sum of the points’ counts.' })
  total!: number;

  @Field(() => [ErrorPoint], { description: 'Every step of the range, oldest first, zeros included: the same `at`s in every series.' })
  points!: ErrorPoint[];
}

@ObjectType({ simpleResolvers: true, description: 'Errors answered by every API process over time, per kind, for charting against the alert threshold.' })
export class ErrorHistory {
  @Field(() => Date, {
    description: 'The start of the first step, a whole minute: the range spans `minutes`, give or take the current minute’s part yet to come.',
  })
  from!: Date;

  @Field(() => Date, { description: 'The end of the range: now.' })
  to!: Date;

  @Field(() => Int, { description: `The length of each step, in seconds: whole minutes, as few as keep a series within ${MAX_HISTORY_POINTS} points.` })
  stepSeconds!: number;

  @Field(() => Int, { description: 'The window in seconds the alert counts over (ERROR_FREQUENCY_WINDOW_SECONDS).' })
  windowSeconds!: number;

  @Field(() => Int, {
    description: 'ERROR_FREQUENCY_THRESHOLD: an alert is raised when the count within one window exceeds it (see ErrorPoint.countInWindow).',
  })
  threshold!: number;

  @Field(() => [ErrorSeries], { description: 'Every kind of error with an occurrence in the range, busiest (highest total) first.' })
  series!: ErrorSeries[];
}

/** Which steps a chart of `minutes` ending at `now` has. */
export interface HistoryPlan {
  from: number;
  to: number;
  stepMs: number;
  /** The end of each step, oldest first; the last ends with the current minute, after `to`. */
  stepEnds: number[];
}

export function historyPlan(minutes: number, now: number): HistoryPlan {
  const stepMinutes = Math.ceil(minutes / MAX_HISTORY_POINTS);
  const stepMs = stepMinutes * MINUTE_MS;
  const points = Math.ceil(minutes / stepMinutes);
  const end = minuteOf(now) + MINUTE_MS;
  const from = end - points * stepMs;
  return { from, to: now, stepMs, stepEnds: Array.from({ length: points }, (_, i) => from + (i + 1) * stepMs) };
}

export interface ChartInputs {
  plan: HistoryPlan;
  /** The per-minute counts from `windowsFrom` (or `plan.from`, whichever is earlier) to the end of the current minute. */
  minutes: readonly MinuteCount[];
  windowMs: number;
  threshold: number;
  /** The earliest minute whose counts are surely kept; a window starting before it is not told. */
  keptFrom: number;
  /** The live count in the window ending now, per kind (errorStats' countInWindow). */
  liveInWindow: ReadonlyMap<string, number>;
}

export const kindKey = (kind: ErrorKind) => `${kind.category}|${kind.code}|${kind.constraint}`;

/** The earliest minute a chart's windows read. */
export function windowsFrom(plan: HistoryPlan, windowMs: number): number {
  return windowMs % MINUTE_MS === 0 ? Math.min(plan.from, plan.stepEnds[0] - windowMs) : plan.from;
}

/** Sums of per-minute counts over any run of whole minutes, by prefix sums. */
function minuteSums(rows: readonly MinuteCount[], start: number, end: number) {
  const length = Math.max(0, (end - start) / MINUTE_MS);
  const prefix = new Array<number>(length + 1).fill(0);
  for (const row of rows) {
    const index = (row.minute.getTime() - start) / MINUTE_MS;
    if (index >= 0 && index < length) prefix[index + 1] += row.count;
  }
  for (let i = 1; i <= length; i++) prefix[i] += prefix[i - 1];
  const at = (time: number) => prefix[Math.min(length, Math.max(0, (time - start) / MINUTE_MS))];
  /** Occurrences in minutes starting in [from, to). */
  return (from: number, to: number) => at(to) - at(from);
}

/** The chart: one series per kind with an occurrence in the range, every step present. */
export function chartErrorHistory(inputs: ChartInputs): ErrorHistory {
  const { plan, windowMs } = inputs;
  const start = windowsFrom(plan, windowMs);
  const end = plan.stepEnds[plan.stepEnds.length - 1];
  const byKind = new Map<string, { kind: ErrorKind; rows: MinuteCount[] }>();
  for (const row of inputs.minutes) {
    const key = kindKey(row);
    const entry = byKind.get(key) ?? { kind: { category: row.category, code: row.code, constraint: row.constraint }, rows: [] };
    entry.rows.push(row);
    byKind.set(key, entry);
  }
  const wholeMinutes = windowMs % MINUTE_MS === 0;
  const series: ErrorSeries[] = [];
  for (const [key, { kind, rows }] of byKind) {
    const sum = minuteSums(rows, start, end);
    const points = plan.stepEnds.map((stepEnd, i) => {
      const last = i === plan.stepEnds.length - 1;
      const told = wholeMinutes && stepEnd - windowMs >= inputs.keptFrom;
      return Object.assign(new ErrorPoint(), {
        at: new Date(last ? plan.to : stepEnd),
        count: sum(stepEnd - plan.stepMs, stepEnd),
        countInWindow: last ? (inputs.liveInWindow.get(key) ?? 0) : told ? sum(stepEnd - windowMs, stepEnd) : null,
      });
    });
    const total = points.reduce((all, point) => all + point.count, 0);
    if (total === 0) continue;
    series.push(Object.assign(new ErrorSeries(), { ...kind, constraint: kind.constraint || null, total, points }));
  }
  series.sort(
    (a, b) =>
      b.total - a.total || a.category.localeCompare(b.category) || a.code.localeCompare(b.code) || (a.constraint ?? '').localeCompare(b.constraint ?? ''),
  );
  return Object.assign(new ErrorHistory(), {
    from: new Date(plan.from),
    to: new Date(plan.to),
    stepSeconds: plan.stepMs / 1000,
    windowSeconds: windowMs / 1000,
    threshold: inputs.threshold,
    series,
  });
}
