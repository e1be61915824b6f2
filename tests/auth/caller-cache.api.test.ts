import { beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { createCallerCache } from '../../src/auth/caller-cache';
import { createControlPool } from '../../src/db/control-pool';
import { ApiTokenKind } from '../../src/entities/api-token.entity';
import { Role } from '../../src/entities/role';
import { createLogger } from '../../src/logging/logger';
import { fixtures } from '../support/fixtures';
import { useTestApi } from '../support/test-api';

/**
 * Who-is-this is answered from memory, and a change to tokens or users is heard by every
 * process the moment it commits. Each test changes the database the way an operator or
 * another process would, and checks what the very next requests are told.
 */

const t = useTestApi();
beforeAll(async () => {
  await listening(t.api.callers);
});

/** Waits, at most 5 s, until `callers` hears every change (its LISTEN holds). */
async function listening(callers: { active: boolean }): Promise<void> {
  const start = Date.now();
  while (!callers.active && Date.now() - start < 5000) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!callers.active) throw new Error('the caller cache is not listening after 5 s');
}

const roleOf = async (token: string) => {
  const response = await t.graphql('{ me { role } }', {}, { token });
  return response.data?.me?.role ?? response.errors?.[0].extensions.code;
};

const newToken = async (role = Role.STAFF) => {
  const em = t.em();
  const issued = issueToken(em, { name: `cached ${Math.random()}`, role });
  await em.flush();
  return issued;
};

/** An UPDATE no trigger sees (session_replication_role = replica): a change nobody announces. */
const unannounced = async (sql: string, params: unknown[]) => {
  await t.database.sql.query(`set session_replication_role = replica`);
  try {
    await t.database.sql.query(sql, params);
  } finally {
    await t.database.sql.query(`set session_replication_role = origin`);
  }
};

/** Milliseconds until `token` is refused, polled every 5 ms, at most 3 s. */
const msUntilRefused = async (token: string) => {
  const start = performance.now();
  while (performance.now() - start < 3000) {
    if ((await roleOf(token)) === 'UNAUTHENTICATED') return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Number.POSITIVE_INFINITY;
};

describe('the callers a process keeps in memory', () => {
  it('answer a known token without asking PostgreSQL: a change no trigger announces goes unseen', async () => {
    const { token, secret } = await newToken();
    expect(await roleOf(secret)).toBe('STAFF');
    await unannounced(`update api_tokens set role = 'ADMIN' where id = $1`, [token.id]);
    // Still the remembered STAFF: the request never asked.
    expect(await roleOf(secret)).toBe('STAFF');
    t.api.callers.forgetAll();
    expect(await roleOf(secret)).toBe('ADMIN');
  });

  it('never include a caller acting for a user: a change to the user holds on the very next request, announced or not', async () => {
    const em = t.em();
    const user = await fixtures(em).user();
    const session = issueToken(em, {
      name: 'session',
      role: Role.STAFF,
      kind: ApiTokenKind.SESSION,
      userId: user.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    await em.flush();
    t.api.callers.forgetAll();
    expect(await roleOf(session.secret)).toBe('STAFF');
    expect(t.api.callers.size).toBe(0);
    await unannounced(`update users set role = 'ADMIN' where id = $1`, [user.id]);
    expect(await roleOf(session.secret)).toBe('ADMIN');
    await unannounced('update users set active = false where id = $1', [user.id]);
    expect(await roleOf(session.secret)).toBe('UNAUTHENTICATED');
  });

  it('are forgotten when another session revokes a token: refused within the notification’s delay', async () => {
    const { token, secret } = await newToken();
    expect(await roleOf(secret)).toBe('STAFF');
    await t.database.sql.query('update api_tokens set revoked_at = now() where id = $1', [token.id]);
    expect(await msUntilRefused(secret)).toBeLessThan(1000);
  });

  it('are forgotten when a user is deactivated or a token deleted by another session', async () => {
    const { token, secret } = await newToken();
    const other = await newToken(Role.ADMIN);
    expect([await roleOf(secret), await roleOf(other.secret)]).toEqual(['STAFF', 'ADMIN']);
    await t.database.sql.query('delete from api_tokens where id = $1', [token.id]);
    expect(await msUntilRefused(secret)).toBeLessThan(1000);
    await t.database.sql.query(`update api_tokens set expires_at = now() where id = $1`, [other.token.id]);
    expect(await msUntilRefused(other.secret)).toBeLessThan(1000);
  });

  it('are not forgotten for the minutely last_used_at stamp, which changes nobody', async () => {
    const { token, secret } = await newToken();
    await roleOf(secret);
    const kept = t.api.callers.size;
    await t.database.sql.query('update api_tokens set last_used_at = now() where id = $1', [token.id]);
    await t.database.sql.query('select pg_sleep(0.05)');
    expect(t.api.callers.size).toBe(kept);
  });

  it('are not kept while the listening connection is down, and are again once it is back', async () => {
    const { token, secret } = await newToken();
    expect(await roleOf(secret)).toBe('STAFF');
    const [{ killed }] = (
      await t.database.sql.query(
        `select count(pg_terminate_backend(pid))::int as killed from pg_stat_activity
         where application_name = 'hotel-api listener' and datname = current_database()`,
      )
    ).rows;
    expect(killed).toBe(1);
    await expect.poll(() => t.api.callers.active, { timeout: 2000 }).toBe(false);
    expect(t.api.callers.size).toBe(0);
    // Unannounced, and yet seen: with nobody listening, every request asks.
    await unannounced(`update api_tokens set revoked_at = now() where id = $1`, [token.id]);
    expect(await roleOf(secret)).toBe('UNAUTHENTICATED');
    await expect.poll(() => t.api.callers.active, { timeout: 5000 }).toBe(true);
    const fresh = await newToken();
    await roleOf(fresh.secret);
    expect(t.api.callers.size).toBeGreaterThan(0);
  });

  it('never hold an unknown secret', async () => {
    t.api.callers.forgetAll();
    expect(await roleOf('hotel_not-a-token-at-all')).toBe('UNAUTHENTICATED');
    expect(t.api.callers.size).toBe(0);
  });

  it('hold at most their bound, forgetting the oldest first', async () => {
    const control = createControlPool(t.database.url, { timeoutMs: 2000 });
    const callers = createCallerCache(control, { url: t.database.url, ttlMs: 60_000, logger: createLogger('silent'), timeoutMs: 2000, maxEntries: 3 });
    try {
      await expect.poll(() => callers.active, { timeout: 5000 }).toBe(true);
      const issued = await Promise.all([1, 2, 3, 4].map(() => newToken()));
      for (const { secret } of issued) expect((await callers.authenticate(secret))?.role).toBe('STAFF');
      expect(callers.size).toBe(3);
      // The first was dropped: revoked unannounced, it is asked for again and refused; the last is still remembered.
      await unannounced('update api_tokens set revoked_at = now() where id = any($1)', [[issued[0].token.id, issued[3].token.id]]);
      expect(await callers.authenticate(issued[0].secret)).toBeNull();
      expect((await callers.authenticate(issued[3].secret))?.role).toBe('STAFF');
    } finally {
      await callers.close();
      await control.end();
    }
  });
});
