import { setMaxListeners } from 'node:events';
import type { Response } from 'express';
import { ErrorCode } from '../errors/error-code';
import { ServiceUnavailableError } from '../errors/service-unavailable-error';

/** Watchers of one request's signal: its top-level fields, well above what the query limits let a document hold. */
const MAX_WATCHERS = 1000;

interface Running {
  res: Response;
  controller: AbortController;
}

/**
 * The GraphQL requests being served, each with an AbortSignal its work watches: aborted at
 * its deadline (REQUEST_TIMEOUT), or when shutdown's grace runs out (SHUTTING_DOWN). A
 * mutation's transaction then cancels its statement and rolls back before it answers, so
 * no change commits behind a client that was told it failed.
 */
export class InFlight {
  private readonly running = new Set<Running>();
  private idleWaiters: (() => void)[] = [];
  private draining = false;

  constructor(private readonly deadlineMs: number) {}

  get isDraining(): boolean {
    return this.draining;
  }

  get count(): number {
    return this.running.size;
  }

  /** Starts tracking a request; its signal ends when its response does. */
  begin(res: Response): AbortSignal {
    const entry: Running = { res, controller: new AbortController() };
    // Each top-level field of a query watches the signal while it runs, all at once: as many as a document may hold.
    setMaxListeners(MAX_WATCHERS, entry.controller.signal);
    const deadline = setTimeout(() => entry.controller.abort(new ServiceUnavailableError(ErrorCode.REQUEST_TIMEOUT)), this.deadlineMs);
    deadline.unref();
    this.running.add(entry);
    if (this.draining) this.closeAfter(res);
    res.once('close', () => {
      clearTimeout(deadline);
      this.running.delete(entry);
      if (this.running.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    });
    return entry.controller.signal;
  }

  /** From now on every response tells its client not to reuse the connection. */
  drain(): void {
    this.draining = true;
    for (const { res } of this.running) this.closeAfter(res);
  }

  /** Ends the work of every request still running. */
  abortAll(reason: unknown): void {
    for (const { controller } of this.running) controller.abort(reason);
  }

  /** Resolves once no request is running. */
  idle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private closeAfter(res: Response): void {
    if (!res.headersSent) res.setHeader('connection', 'close');
  }
}
