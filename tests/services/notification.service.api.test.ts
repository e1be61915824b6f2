import { beforeEach, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/api-tokens';
import { addDays, today } from '../../src/dates';
import { BookingStatus } from '../../src/entities/booking.entity';
import { Notification } from '../../src/entities/notification.entity';
import { Role } from '../../src/entities/role';
import type { User } from '../../src/entities/user.entity';
import { runIntegrityReport } from '../../src/integrity/integrity-report';
import { type CheckOutcome, notifyIntegrityFailures } from '../../src/services/notification.service';
import { useFixtures } from '../support/fixtures';
import { answer, mutate, rowCounts, whileWritesTo } from '../support/mutations';
import { operationContext } from '../support/operation-context';
import { type GraphQLResponse, useTestApi } from '../support/test-api';

/** A staff user and a bearer token acting for them. */
let user: User;
let userToken: string;

const t = useTestApi();
const f = useFixtures(t);
beforeEach(async () => {
  user = await f.user();
  const em = t.em();
  userToken = issueToken(em, { name: 'staff phone', role: Role.STAFF, userId: user.id }).secret;
  await em.flush();
});

const NOTIFICATION = 'notification { id kind message readAt }';
const markRead = (input: Record<string, unknown>, token?: string) => mutate(t, 'markNotificationRead', input, NOTIFICATION, token);

async function notification(recipient: { user?: User; customerId?: number; forRole?: Role }) {
  const em = t.em();
  const created = em.create(Notification, {
    user: recipient.user ?? null,
    customer: recipient.customerId ?? null,
    forRole: recipient.forRole ?? null,
    kind: 'TASK_ASSIGNED',
    message: 'Room 12 needs you',
  });
  await em.flush();
  return created;
}

/** One notification for each kind of recipient there is, and one for another staff user. */
async function everyRecipient() {
  return {
    own: await notification({ user }),
    othersOwn: await notification({ user: await f.user() }),
    frontDesk: await notification({ forRole: Role.STAFF }),
    adminDesk: await notification({ forRole: Role.ADMIN }),
    directGuest: await notification({ customerId: (await f.customer()).id }),
    partnerGuest: await notification({ customerId: (await f.customer({ channel: 'partner-a' })).id }),
    otherPartnerGuest: await notification({ customerId: (await f.customer({ channel: 'partner-b' })).id }),
  };
}

/** The ids of the caller's inbox (every page of it), among `among`, in the order the list gives them. */
async function inbox(token: string, among: readonly Notification[], args = '') {
  const wanted = new Set(among.map((n) => String(n.id)));
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const { data, errors }: GraphQLResponse = await t.graphql(
      `query ($after: String) { notifications(first: 100, after: $after${args ? `, ${args}` : ''}) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
      { after },
      { token },
    );
    expect(errors).toBeUndefined();
    seen.push(...data!.notifications.nodes.map((node: { id: string }) => node.id));
    after = data!.notifications.pageInfo.hasNextPage ? data!.notifications.pageInfo.endCursor : null;
  } while (after);
  return seen.filter((id) => wanted.has(id));
}

const ids = (...notifications: Notification[]) => notifications.map((n) => String(n.id));

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

describe('notifications', () => {
  it('shows a staff user their own, the front desk’s and direct guests’ notifications; an ADMIN the administrators’ too; a partner its own guests’ only', async () => {
    const n = await everyRecipient();
    const all = Object.values(n);
    expect(await inbox(userToken, all)).toEqual(ids(n.own, n.frontDesk, n.directGuest));
    expect(await inbox(t.tokens.staff, all)).toEqual(ids(n.frontDesk, n.directGuest));
    expect(await inbox(t.tokens.admin, all)).toEqual(ids(n.frontDesk, n.adminDesk, n.directGuest));
    expect(await inbox(t.tokens.partner, all)).toEqual(ids(n.partnerGuest));
    expect(await inbox(t.tokens.otherPartner, all)).toEqual(ids(n.otherPartnerGuest));
  });

  it('says whom a notification is for and what it is about', async () => {
    const guest = await f.customer({ channel: 'partner-a' });
    const em = t.em();
    const offer = em.create(Notification, { customer: guest.id, kind: 'WAITLIST_AVAILABLE', message: 'Free', entity: 'WAITLIST_ENTRY', entityId: '7' });
    const desk = em.create(Notification, {
      forRole: Role.STAFF,
      kind: 'NIGHT_AUDIT_EXCEPTION',
      message: 'Look',
      entity: 'BUSINESS_DAY',
      entityId: '2027-03-01',
    });
    await em.flush();
    const query = `{ notifications(first: 100) { nodes { id kind forRole entity entityId customer { id } } } }`;
    const nodes = async (token: string) => (await t.graphql(query, {}, { token })).data!.notifications.nodes;
    expect(await nodes(t.tokens.partner)).toContainEqual({
      id: String(offer.id),
      kind: 'WAITLIST_AVAILABLE',
      forRole: null,
      entity: 'WAITLIST_ENTRY',
      entityId: '7',
      customer: { id: String(guest.id) },
    });
    expect(await nodes(t.tokens.staff)).toContainEqual({
      id: String(desk.id),
      kind: 'NIGHT_AUDIT_EXCEPTION',
      forRole: 'STAFF',
      entity: 'BUSINESS_DAY',
      entityId: '2027-03-01',
      customer: null,
    });
  });

  it('lists the unread only, one guest’s only, a page at a time', async () => {
    const guest = await f.customer();
    const [first, second, third] = [await notification({ user }), await notification({ customerId: guest.id }), await notification({ user })];
    const among = [first, second, third];
    await markRead({ notificationId: String(first.id) }, userToken);
    expect(await inbox(userToken, among, 'unreadOnly: true')).toEqual(ids(second, third));
    expect(await inbox(userToken, among, `customerId: "${guest.id}"`)).toEqual(ids(second));
    expect(await inbox(userToken, among, 'customerId: "guest"')).toEqual([]);

    const [a, b, c] = [
      await notification({ customerId: guest.id }),
      await notification({ customerId: guest.id }),
      await notification({ customerId: guest.id }),
    ];
    const page = async (after: string | null) =>
      (
        await t.graphql(
          'query ($customerId: ID, $after: String) { notifications(customerId: $customerId, first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }',
          { customerId: String(guest.id), after },
          { token: userToken },
        )
      ).data!.notifications;
    const one = await page(null);
    expect([one.nodes, one.pageInfo.hasNextPage]).toEqual([[{ id: String(second.id) }, { id: String(a.id) }], true]);
    const two = await page(one.pageInfo.endCursor);
    expect([two.nodes, two.pageInfo.hasNextPage]).toEqual([[{ id: String(b.id) }, { id: String(c.id) }], false]);
  });
});

describe('markNotificationRead by whom it is for', () => {
  it('lets a partner mark its own channel’s guest’s notification read; other partners, staff and direct guests’ answer NOT_FOUND', async () => {
    const n = await everyRecipient();
    const refuse = async (target: Notification, token: string) =>
      expect(await markRead({ notificationId: String(target.id) }, token)).toEqual(
        answer.notFound('Notification', target.id, `No notification with id ${target.id}.`),
      );
    await refuse(n.partnerGuest, t.tokens.otherPartner);
    await refuse(n.partnerGuest, t.tokens.staff);
    await refuse(n.directGuest, t.tokens.partner);
    await refuse(n.frontDesk, t.tokens.partner);
    await refuse(n.adminDesk, userToken);
    expect(await readAt(n.partnerGuest.id)).toBeNull();
    expect((await markRead({ notificationId: String(n.partnerGuest.id) }, t.tokens.partner)).notification.readAt).toEqual(expect.any(String));
    expect(await readAt(n.partnerGuest.id)).toBeInstanceOf(Date);
  });

  it('marks a desk’s notification read for the whole desk: one person handles it', async () => {
    const desk = await notification({ forRole: Role.STAFF });
    await markRead({ notificationId: String(desk.id) }, userToken);
    expect(await inbox(t.tokens.staff, [desk], 'unreadOnly: true')).toEqual([]);
    expect(await inbox(t.tokens.admin, [desk], 'unreadOnly: true')).toEqual([]);
  });
});

describe('markAllNotificationsRead', () => {
  const markAll = (input: Record<string, unknown>, token: string) => mutate(t, 'markAllNotificationsRead', input, 'count', token);

  it('marks the caller’s unread inbox read and answers how many; what it may not read stays unread', async () => {
    await t.database.sql.query('update notifications set read_at = now() where read_at is null');
    const n = await everyRecipient();
    expect(await markAll({}, userToken)).toEqual({ __typename: 'MarkAllNotificationsReadSuccess', count: 3 });
    for (const read of [n.own, n.frontDesk, n.directGuest]) expect(await readAt(read.id)).toBeInstanceOf(Date);
    for (const unread of [n.othersOwn, n.adminDesk, n.partnerGuest, n.otherPartnerGuest]) expect(await readAt(unread.id)).toBeNull();
    expect(await markAll({}, userToken)).toMatchObject({ count: 0 });
    expect(await markAll({}, t.tokens.partner)).toMatchObject({ count: 1 });
    expect(await readAt(n.otherPartnerGuest.id)).toBeNull();
  });

  it('stops at throughId, so what arrived after the caller looked stays unread; and takes one guest’s only', async () => {
    await t.database.sql.query('update notifications set read_at = now() where read_at is null');
    const guest = await f.customer();
    const [seen, ofGuest, arrived] = [await notification({ user }), await notification({ customerId: guest.id }), await notification({ user })];
    expect(await markAll({ customerId: String(guest.id) }, userToken)).toMatchObject({ count: 1 });
    expect([await readAt(seen.id), await readAt(arrived.id)]).toEqual([null, null]);
    expect(await markAll({ throughId: String(seen.id) }, userToken)).toMatchObject({ count: 1 });
    expect([await readAt(seen.id), await readAt(ofGuest.id), await readAt(arrived.id)]).toEqual([expect.any(Date), expect.any(Date), null]);
  });

  it('answers ValidationError for malformed ids', async () => {
    expect(await markAll({ customerId: 'c', throughId: '0' }, userToken)).toEqual(
      answer.validation([
        { path: ['input', 'customerId'], message: 'Not a valid id.' },
        { path: ['input', 'throughId'], message: 'Not a valid id.' },
      ]),
    );
  });
});

describe('the night audit', () => {
  const exceptions = async () =>
    (
      await t.database.sql.query(
        `select for_role, user_id, customer_id, message, entity, entity_id from notifications where kind = 'NIGHT_AUDIT_EXCEPTION' order by id`,
      )
    ).rows;
  const closeToday = () => mutate(t, 'closeBusinessDay', { businessDate: today() }, 'businessDate', t.tokens.staff);

  beforeEach(async () => {
    await t.database.sql.query(`update bookings set status = 'CANCELLED', total_amount = 0 where status = 'CONFIRMED'`);
    await t.database.sql.query(`update bookings set status = 'CHECKED_OUT' where status = 'CHECKED_IN'`);
    await t.database.sql.query('update hotel_calendar set business_date = $1', [today()]);
    await t.database.sql.query('delete from night_audits');
    await t.database.sql.query(`delete from notifications where kind = 'NIGHT_AUDIT_EXCEPTION'`);
  });

  it('tells the front desk, once, of the no-shows it marked and the guests still checked in past departure', async () => {
    const type = await f.roomType();
    const guest = await f.customer();
    const missed = [await f.booking(await f.room(type), guest, 0, 1), await f.booking(await f.room(type), guest, -1, 3)];
    const stayingOn = await f.booking(await f.room(type), guest, -2, 2, { status: BookingStatus.CHECKED_IN });
    await f.booking(await f.room(type), guest, -1, 2, { status: BookingStatus.CHECKED_IN }); // leaves tomorrow: no exception
    expect((await closeToday()).businessDate).toBe(addDays(today(), 1));
    expect(await exceptions()).toEqual([
      {
        for_role: 'STAFF',
        user_id: null,
        customer_id: null,
        message: `Night audit of ${today()}: 2 no-shows (bookings ${missed[0].id}, ${missed[1].id}); 1 guest still checked in past departure (booking ${stayingOn.id}).`,
        entity: 'BUSINESS_DAY',
        entity_id: today(),
      },
    ]);
    const [{ id }] = (await t.database.sql.query(`select id from notifications where kind = 'NIGHT_AUDIT_EXCEPTION'`)).rows;
    const desk = [{ id } as Notification];
    expect(await inbox(t.tokens.staff, desk)).toEqual([String(id)]);
    expect(await inbox(t.tokens.admin, desk)).toEqual([String(id)]);
    expect(await inbox(t.tokens.partner, desk)).toEqual([]);
  });

  it('tells nobody of a day that closed clean', async () => {
    await f.booking(await f.room(await f.roomType()), await f.customer(), 1, 2);
    await closeToday();
    expect(await exceptions()).toEqual([]);
  });
});

describe('notifyIntegrityFailures, the hook of a scheduled integrity run', () => {
  const tell = (checks: readonly CheckOutcome[], ranAt: Date) =>
    t.em().transactional(async (em) => notifyIntegrityFailures({ ...operationContext(em), caller: null }, checks, ranAt));

  it('tells the administrators’ desk which checks failed, and how many rows each; nobody when all passed', async () => {
    const guest = await f.customer();
    await t.database.sql.query('update customers set loyalty_points = 7 where id = $1', [guest.id]);
    const failing = await runIntegrityReport(t.em(), { checks: ['rule:loyalty_balance'], statementTimeoutMs: 10_000 });
    expect(failing.ok).toBe(false);
    const told = await tell(failing.checks, failing.generatedAt);
    const row = await t.em().findOneOrFail(Notification, told!.id);
    expect([row.forRole, row.user, row.customer, row.kind, row.message, row.entity, row.entityId]).toEqual([
      'ADMIN',
      null,
      null,
      'INTEGRITY_CHECK_FAILED',
      `The scheduled integrity report of ${failing.generatedAt.toISOString()} found 1 newly failing check: rule:loyalty_balance (1 row). Run integrityReport for the rows, repairIntegrity to fix what it can.`,
      'INTEGRITY_REPORT',
      failing.generatedAt.toISOString(),
    ]);
    expect(await inbox(t.tokens.admin, [row])).toEqual([String(row.id)]);
    expect(await inbox(t.tokens.staff, [row])).toEqual([]);
    expect(await inbox(userToken, [row])).toEqual([]);

    await t.database.sql.query('update customers set loyalty_points = 0 where id = $1', [guest.id]);
    const before = await rowCounts(t, ['notifications']);
    const passing = await runIntegrityReport(t.em(), { checks: ['rule:loyalty_balance'], statementTimeoutMs: 10_000 });
    expect([passing.ok, await tell(passing.checks, passing.generatedAt)]).toEqual([true, null]);
    expect(await rowCounts(t, ['notifications'])).toEqual(before);
  });
});

describe('a transient database failure that outlasts the retries', () => {
  it('answers ServiceUnavailableError and leaves the notification unread', async () => {
    const own = await notification({ user });
    expect(await whileWritesTo(t, 'notifications', () => markRead({ notificationId: String(own.id) }, userToken))).toEqual(answer.serviceUnavailable());
    expect(await readAt(own.id)).toBeNull();
  });
});
