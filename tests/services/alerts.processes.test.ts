import { beforeAll, describe, expect, it } from 'vitest';
import { apiProcessesOfFile } from '../support/api-processes-of-file';
import { keepAliveClient } from '../support/keep-alive-client';
import { WebhookReceiver } from '../support/webhook-receiver';

const TOKEN = 'alerts-processes-admin-token-0123456789abcdef';
const SECRET = 'alert-webhook-secret-0123456789abcdef';
const PAGE = '{ rooms(first: 100) { totalCount nodes { id number roomType { name } } } }';

const receiver = new WebhookReceiver();
// A request pool of one connection, waited for 10 ms at most: requests at once run out of it (RESOURCES_EXHAUSTED, CRITICAL).
const env: Record<string, string> = {
  CRITICAL_ERROR_ALERTS: '1',
  ALERT_WEBHOOK_SECRET: SECRET,
  WEBHOOK_POLL_MS: '50',
  DATABASE_POOL_SIZE: '1',
  DATABASE_POOL_ACQUIRE_TIMEOUT_MS: '10',
};
beforeAll(async () => {
  await receiver.start();
  receiver.expect('/alerts', SECRET);
  env.ALERT_WEBHOOK_URL = receiver.url('/alerts');
  return () => receiver.stop();
});
const house = apiProcessesOfFile(2, TOKEN, env);

describe('the alert of a CRITICAL error, with two API processes', () => {
  it('is raised once between them within the window, however often both meet it', async () => {
    const clients = house.apis.map(({ url }) => keepAliveClient(url, TOKEN, 40));
    const burst = () => Promise.all(Array.from({ length: 80 }, (_, i) => clients[i % 2].send(PAGE, {})));
    const answers = await burst();
    const exhausted = answers.map((answer) => answer.body.errors?.[0]?.extensions.code).filter((code) => code === 'RESOURCES_EXHAUSTED');
    // Each process must have met it for the claim to be contended.
    const byProcess = [0, 1].map(
      (p) => answers.filter((answer, i) => i % 2 === p && answer.body.errors?.[0]?.extensions.code === 'RESOURCES_EXHAUSTED').length,
    );
    expect(byProcess.every((count) => count > 0)).toBe(true);
    expect(exhausted.length).toBeGreaterThan(2);
    await expect.poll(() => receiver.at('/alerts').length, { timeout: 10_000, interval: 50 }).toBe(1);
    const [posted] = receiver.at('/alerts');
    expect(posted.signatureValid).toBe(true);
    expect(posted.alert).toMatchObject({
      kind: 'CRITICAL_ERROR',
      key: 'error:DATABASE|RESOURCES_EXHAUSTED|',
      severity: 'CRITICAL',
      code: 'RESOURCES_EXHAUSTED',
      category: 'DATABASE',
      constraint: null,
      errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(await house.db.rows(`select kind, for_role, entity, entity_id from notifications`)).toEqual([
      { kind: 'CRITICAL_ERROR', for_role: 'ADMIN', entity: 'ERROR', entity_id: posted.alert!.errorId },
    ]);
    const logged = house.apis.flatMap(({ api }) =>
      api
        .stdout()
        .split('\n')
        .filter((line) => line.includes('"alert":"CRITICAL_ERROR"')),
    );
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0])).toMatchObject({ level: 'error', errorId: posted.alert!.errorId, code: 'RESOURCES_EXHAUSTED' });
    // More of the same within the window: nothing more is told.
    await burst();
    for (const client of clients) client.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.at('/alerts')).toHaveLength(1);
    expect(await house.db.rows(`select count(*)::int as n from alert_deliveries`)).toEqual([{ n: 1 }]);
  }, 30_000);
});
