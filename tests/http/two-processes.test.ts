import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutationDocument } from '../support/mutations';
import { type ListeningApi, startApiProcesses, stopApiProcesses } from '../support/spawn-api';
import { useTestDatabase } from '../support/test-database';

const TOKEN = 'two-processes-admin-token-0123456789abcdef';
const PASSWORD = 'a-long-enough-password';
const LOGIN = mutationDocument('login', { members: '... on LoginSuccess { tokenId } ... on ClassifiedError { code }' });
const CREATE_USER = mutationDocument('createUser', { members: '... on CreateUserSuccess { user { id } } ... on ClassifiedError { code }' });
const CREATE_CUSTOMER = mutationDocument('createCustomer', {
  members: '... on CreateCustomerSuccess { customer { id email } } ... on ClassifiedError { code }',
});
const CREATE_TOKEN = mutationDocument('createApiToken', { members: '... on CreateApiTokenSuccess { secret token { id } } ... on ClassifiedError { code }' });
const REVOKE_TOKEN = mutationDocument('revokeApiToken', { members: '... on RevokeApiTokenSuccess { token { revokedAt } } ... on ClassifiedError { code }' });
const ERROR_STATS = '{ errorStats { category code constraint countInWindow total } }';

let apis: ListeningApi[];

const db = useTestDatabase();
beforeAll(async () => {
  apis = await startApiProcesses(
    2,
    {
      DATABASE_URL: db.url,
      HOTEL_BOOTSTRAP_ADMIN_TOKEN: TOKEN,
      LOGIN_MAX_FAILURES_PER_EMAIL: '5',
      ERROR_STATS_FLUSH_MS: '50',
      IDEMPOTENCY_SWEEP_SECONDS: '1',
    },
    TOKEN,
  );
});
afterAll(async () => {
  await stopApiProcesses(apis);
});

const loginAt = async (process: number, email: string, password: string) => {
  const answer = await apis[process].client.send(LOGIN, { email, password });
  return answer.body.data?.login?.code ?? answer.body.data?.login?.__typename ?? answer.body.errors?.[0]?.extensions?.code;
};

describe('two API processes on one database', () => {
  it('enforce one login throttle: the sixth wrong password across both is refused on both', async () => {
    const created = await apis[0].client.send(CREATE_USER, { input: { email: 'shared@hotel.test', name: 'Shared', password: PASSWORD, role: 'STAFF' } });
    expect(created.body.data.createUser.__typename).toBe('CreateUserSuccess');
    const guesses = [];
    for (let i = 0; i < 5; i++) guesses.push(await loginAt(i % 2, 'shared@hotel.test', `guess-${i}`));
    expect(guesses).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    expect(await loginAt(1, 'shared@hotel.test', 'guess-5')).toBe('RATE_LIMITED');
    expect(await loginAt(0, 'shared@hotel.test', 'guess-6')).toBe('RATE_LIMITED');
    // The right password too, on either: the email is throttled, not the process.
    expect(await loginAt(0, 'shared@hotel.test', PASSWORD)).toBe('RATE_LIMITED');
    expect(await loginAt(1, 'shared@hotel.test', PASSWORD)).toBe('RATE_LIMITED');
  });

  it('report the same errorStats, whichever is asked', async () => {
    const missing = mutationDocument('cancelBooking', { members: '... on ClassifiedError { code }' });
    for (let i = 0; i < 3; i++) await apis[0].client.send(missing, { input: { bookingId: '999999', reason: 'test' } });
    for (let i = 0; i < 2; i++) await apis[1].client.send(missing, { input: { bookingId: '999998', reason: 'test' } });
    const statsOf = async (process: number) => {
      const answer = await apis[process].client.send(ERROR_STATS, {});
      return [...answer.body.data.errorStats].sort((a, b) => a.code.localeCompare(b.code));
    };
    // Each process flushes its counts every 50 ms.
    await expect.poll(async () => (await statsOf(0)).find((stat) => stat.code === 'NOT_FOUND')?.total, { timeout: 3000 }).toBe(5);
    const [first, second] = [await statsOf(0), await statsOf(1)];
    expect(second).toEqual(first);
    expect(first.find((stat) => stat.code === 'NOT_FOUND')).toMatchObject({ countInWindow: 5, total: 5 });
    expect(first.find((stat) => stat.code === 'RATE_LIMITED')).toMatchObject({ countInWindow: 4, total: 4 });
  });

  it('hear a revocation made on the other at once: the token is refused on both', async () => {
    const created = await apis[0].client.send(CREATE_TOKEN, { input: { name: 'revoked across processes', role: 'STAFF' } });
    const { secret, token } = created.body.data.createApiToken;
    const roleAt = async (process: number) => {
      const answer = await apis[process].client.send('{ me { role } }', {}, { authorization: `Bearer ${secret}` });
      return answer.body.data?.me?.role ?? answer.body.errors?.[0]?.extensions?.code;
    };
    // Both have answered it, and keep it in memory.
    expect([await roleAt(0), await roleAt(1), await roleAt(0), await roleAt(1)]).toEqual(['STAFF', 'STAFF', 'STAFF', 'STAFF']);
    const revoked = await apis[0].client.send(REVOKE_TOKEN, { input: { id: token.id } });
    expect(revoked.body.data.revokeApiToken.token.revokedAt).toEqual(expect.any(String));
    expect(await roleAt(0)).toBe('UNAUTHENTICATED');
    const start = performance.now();
    let other = await roleAt(1);
    while (other !== 'UNAUTHENTICATED' && performance.now() - start < 2000) other = await roleAt(1);
    expect(other).toBe('UNAUTHENTICATED');
    // The documented bound is the notification's delay, milliseconds: far below a second.
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('replay an idempotency key across them', async () => {
    const input = { input: { firstName: 'Once', lastName: 'Only', email: 'once@guest.test' } };
    const headers = { 'idempotency-key': 'two-processes-key-1' };
    const first = await apis[0].client.send(CREATE_CUSTOMER, input, headers);
    const again = await apis[1].client.send(CREATE_CUSTOMER, input, headers);
    expect(first.body.data.createCustomer).toMatchObject({ __typename: 'CreateCustomerSuccess', customer: { email: 'once@guest.test' } });
    expect(first.headers?.['idempotent-replayed']).toBeUndefined();
    expect(again.body.data.createCustomer).toEqual(first.body.data.createCustomer);
    expect(again.headers?.['idempotent-replayed']).toBe('true');
    const reused = await apis[1].client.send(CREATE_CUSTOMER, { input: { ...input.input, lastName: 'Other' } }, headers);
    expect(reused.body.data.createCustomer).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await db.rows(`select id from customers where email = 'once@guest.test'`)).toHaveLength(1);
  });

  it('sweep expired idempotency records once per interval between them', async () => {
    await db.sql.query(
      `insert into idempotency_records (scoped_key, request_hash, response, expires_at)
       select 'expired:' || i, 'h', '{}'::jsonb, now() - interval '1 second' from generate_series(1, 50) i`,
    );
    await expect.poll(async () => (await db.rows(`select 1 from idempotency_records where scoped_key like 'expired:%'`)).length, { timeout: 5000 }).toBe(0);
    const runs = apis
      .flatMap(({ api }) => api.stdout().split('\n'))
      .filter((line) => line.includes('"job":"idempotency sweep"'))
      .map((line) => Date.parse(JSON.parse(line).time))
      .sort((a, b) => a - b);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    // Both processes tick four times an interval; the claim lets one run per second.
    const gaps = runs.slice(1).map((at, i) => at - runs[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(950);
    // The live record of the previous test is still there.
    expect(await db.rows(`select 1 from idempotency_records where expires_at > now()`)).not.toHaveLength(0);
  });
});
