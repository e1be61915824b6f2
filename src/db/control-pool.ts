import pg from 'pg';

/**
 * A few connections of their own, apart from the request pool: authentication, /readyz,
 * cancelling a request's statement, the counters every process shares. Requests stuck on
 * a lock or holding every pooled connection cannot starve them, and their own short
 * statement timeout bounds them.
 */
export interface ControlPool {
  /**
   * One statement. A `prepared` name makes it a prepared statement of each connection,
   * planned once there: for a statement every request sends.
   */
  query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[], prepared?: string): Promise<T[]>;
  /** Runs `work` in one transaction on one of the control connections. */
  transaction<T>(work: (query: ControlPool['query']) => Promise<T>): Promise<T>;
  /** Cancels the statement a backend is running (pg_cancel_backend): its transaction is left aborted, to roll back. */
  cancelBackend(pid: number): Promise<void>;
  end(): Promise<void>;
}

export function createControlPool(url: string, options: { timeoutMs: number; size?: number }): ControlPool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.size ?? 3,
    connectionTimeoutMillis: options.timeoutMs,
    idleTimeoutMillis: 30_000,
    options: `-c statement_timeout=${Math.trunc(options.timeoutMs)} -c lock_timeout=${Math.trunc(options.timeoutMs)}`,
    application_name: 'hotel-api control',
  });
  // A dropped idle connection is replaced on the next query; it is no reason to crash.
  pool.on('error', () => undefined);
  let ended: Promise<void> | undefined;
  return {
    query: async (sql, params, prepared) => (await pool.query(prepared ? { name: prepared, text: sql, values: params } : { text: sql, values: params })).rows,
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(
          async (sql, params, prepared) => (await client.query(prepared ? { name: prepared, text: sql, values: params } : { text: sql, values: params })).rows,
        );
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    cancelBackend: async (pid) => {
      await pool.query('select pg_cancel_backend($1)', [pid]);
    },
    end: () => {
      ended ??= pool.end();
      return ended;
    },
  };
}
