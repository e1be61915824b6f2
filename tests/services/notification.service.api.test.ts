import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { Notification } from '../../src/entities/notification.entity';
import { Role } from '../../src/entities/role';
import type { User } from '../../src/entities/user.entity';
import { fixtures } from '../support/fixtures';
import { answer, mutate, whileWritesTo } from '../support/mutations';
import { startTestApi, type TestApi } from '../support/test-api';

let t: TestApi;
let f: ReturnType<typeof fixtures>;
/** A staff user and a bearer token acting for them. */
let user: User;
let userToken: string;

beforeAll(async () => {
  t = await startTestApi();
});
afterAll(() => t.close());
beforeEach(async () => {
  f = fixtures(t.em());
  user = await f.user();
  const em = t.em();
  userToken = issueToken(em, { name: 'staff phone', role: Role.STAFF, userId: user.id }).secret;
  await em.flush();
});

const NOTIFICATION = 'notification { id kind message readAt }';
const markRead = (input: Record<string, unknown>, token?: string) => mutate(t, 'markNotificationRead', input, NOTIFICATION, token);

async function notification(recipient: { user?: User; customerId?: number }) {
  const em = t.em();
  const created = em.create(Notification, {
    user: recipient.user ?? null,
    customer: recipient.customerId ?? null,
    kind: 'TASK_ASSIGNED',
    message: 'Room 12 needs you',
  });
  await em.flush();
  return created;
}

const readAt = async (id: number) => (await t.em().findOneOrFail(Notification, id)).readAt ?? null;

describe('markNotificationRead', () => {
  it('marks the caller’s own notification read, once: a second call keeps the first time', async () => {
    const own = await notification({ user });
    const first = await markRead({ notificationId: String(own.id) }, userToken);
    expect(first).toEqual({
      __typename: 'MarkNotificationReadSuccess',
      notification: { id: String(own.id), kind: 'TASK_ASSIGNED', message: 'Room 12 needs you', readAt: expect.any(String) },
    });
    expect((await readAt(own.id))?.toISOString()).toBe(first.notification.readAt);

    const second = await markRead({ notificationId: String(own.id) }, userToken);
    expect(second.notification.readAt).toBe(first.notification.readAt);
    expect((await readAt(own.id))?.toISOString()).toBe(first.notification.readAt);
  });

  it('answers NotFoundError for another staff user’s notification, to STAFF with or without a user, and leaves it unread', async () => {
    const others = await notification({ user: await f.user() });
    for (const token of [userToken, t.tokens.staff]) {
      expect(await markRead({ notificationId: String(others.id) }, token)).toEqual(
        answer.notFound('Notification', others.id, `No notification with id ${others.id}.`),
      );
    }
    expect(await readAt(others.id)).toBeNull();
  });

  it('lets an ADMIN mark any notification read', async () => {
    const others = await notification({ user });
    expect((await markRead({ notificationId: String(others.id) })).notification.readAt).toEqual(expect.any(String));
    expect(await readAt(others.id)).toBeInstanceOf(Date);
  });

  it('lets any hotel caller mark a guest’s notification read', async () => {
    const guest = await notification({ customerId: (await f.customer()).id });
    expect((await markRead({ notificationId: String(guest.id) }, t.tokens.staff)).notification.readAt).toEqual(expect.any(String));
    expect(await readAt(guest.id)).toBeInstanceOf(Date);
  });

  it('answers NotFoundError for an unknown notification and ValidationError for a malformed id', async () => {
    expect(await markRead({ notificationId: '999999' }, userToken)).toEqual(answer.notFound('Notification', 999999, 'No notification with id 999999.'));
    expect(await markRead({ notificationId: 'n-1' }, userToken)).toEqual(
      answer.validation([{ path: ['input', 'notificationId'], message: 'Not a valid id.' }]),
    );
  });
});

describe('a transient database failure that outlasts the retries', () => {
  it('answers ServiceUnavailableError and leaves the notification unread', async () => {
    const own = await notification({ user });
    expect(await whileWritesTo(t, 'notifications', () => markRead({ notificationId: String(own.id) }, userToken))).toEqual(answer.serviceUnavailable());
    expect(await readAt(own.id)).toBeNull();
  });
});
