import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { RoomType } from '../../src/entities/room-type.entity';
import { BusinessRuleError } from '../../src/errors/business-rule-error';
import { ServiceUnavailableError } from '../../src/errors/service-unavailable-error';
import { createLogger } from '../../src/logging/logger';
import { useTestDatabase } from '../support/test-database';

let orm: MikroORM;
const logger = createLogger('silent');
const options = { attempts: 3, backoffMs: 1, logger };

const database = useTestDatabase();
beforeAll(async () => {
  orm = database.orm;
});

/** Ends the transaction's connection from another session, as a failover would, and waits until the driver has seen it end. */
async function terminateOwnConnection(tx: EntityManager): Promise<void> {
  const [{ pid }] = await tx.execute<{ pid: number }[]>('select pg_backend_pid() as pid');
  await database.sql.query('select pg_terminate_backend($1)', [pid]);
  // Long enough for the driver to see its connection end before the work goes on.
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** Makes PostgreSQL itself raise an error with this SQLSTATE. */
const raise = (sqlState: string) => `do $$ begin raise exception 'provoked' using errcode = '${sqlState}'; end $$`;

describe('inTransaction', () => {
  it('commits everything the work did, once', async () => {
    await inTransaction(orm.em, async (tx) => tx.create(RoomType, { name: 'Loft', capacity: 2, baseRate: '90.00' }), options);
    expect(await orm.em.fork().count(RoomType, { name: 'Loft' })).toBe(1);
  });

  it('runs again when its connection died before COMMIT was sent (the driver refused to send it): known not committed', async () => {
    let attempts = 0;
    const result = await inTransaction(
      orm.em,
      async (tx) => {
        attempts++;
        tx.create(RoomType, { name: `Unsent commit ${attempts}`, capacity: 1, baseRate: '1.00' });
        await tx.flush();
        if (attempts === 1) await terminateOwnConnection(tx);
        return attempts;
      },
      options,
    );
    expect(result).toBe(2);
    const names = (await orm.em.fork().find(RoomType, { name: { $like: 'Unsent commit%' } })).map((t) => t.name);
    expect(names).toEqual(['Unsent commit 2']);
  });

  it('runs again when its connection died between two statements of the work', async () => {
    let attempts = 0;
    const result = await inTransaction(
      orm.em,
      async (tx) => {
        attempts++;
        if (attempts === 1) await terminateOwnConnection(tx);
        // The next statement finds the transaction ended under it by the driver.
        const existing = await tx.count(RoomType, { name: 'Between statements' });
        tx.create(RoomType, { name: 'Between statements', capacity: 1, baseRate: '1.00' });
        return { attempts, existing };
      },
      options,
    );
    expect(result).toEqual({ attempts: 2, existing: 0 });
    expect(await orm.em.fork().count(RoomType, { name: 'Between statements' })).toBe(1);
  });

  it('rolls back every write when the work fails', async () => {
    const failure = inTransaction(
      orm.em,
      async (tx) => {
        tx.create(RoomType, { name: 'Attic', capacity: 1, baseRate: '50.00' });
        await tx.flush();
        throw new BusinessRuleError('test_rule', 'no');
      },
      options,
    );
    await expect(failure).rejects.toBeInstanceOf(BusinessRuleError);
    expect(await orm.em.fork().count(RoomType, { name: 'Attic' })).toBe(0);
  });

  it.each(['40001', '40P01', '57P01'])('retries %s on a fresh transaction and succeeds when the next attempt does', async (sqlState) => {
    let attempts = 0;
    const result = await inTransaction(
      orm.em,
      async (tx) => {
        attempts++;
        tx.create(RoomType, { name: `Retry ${sqlState} ${attempts}`, capacity: 1, baseRate: '1.00' });
        await tx.flush();
        if (attempts < 3) await tx.execute(raise(sqlState));
        return attempts;
      },
      options,
    );
    expect(result).toBe(3);
    // Only the last attempt's row exists: the failed ones rolled back.
    const names = (await orm.em.fork().find(RoomType, { name: { $like: `Retry ${sqlState}%` } })).map((t) => t.name);
    expect(names).toEqual([`Retry ${sqlState} 3`]);
  });

  /** How many attempts a transaction that always raises `sqlState` gets, and what it ends in. */
  async function alwaysRaising(sqlState: string) {
    let attempts = 0;
    const failure = await inTransaction(
      orm.em,
      async (tx) => {
        attempts++;
        await tx.execute(raise(sqlState));
      },
      options,
    ).catch((error) => error);
    return { attempts, failure };
  }

  it('gives up after three attempts with SERVICE_UNAVAILABLE, retryable, keeping the original error as its cause', async () => {
    const { attempts, failure } = await alwaysRaising('40001');
    expect(attempts).toBe(3);
    expect(failure).toBeInstanceOf(ServiceUnavailableError);
    expect(failure).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect((failure.cause as { code: string }).code).toBe('40001');
  });

  it('does not retry what PostgreSQL does not call transient', async () => {
    const { attempts, failure } = await alwaysRaising('23514');
    expect(attempts).toBe(1);
    expect(failure.code).toBe('23514');
  });
});
