import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { listScope } from '../auth/visibility';
import { findPage, type PageRequest, type SqlCondition } from '../db/keyset-page';
import { BookingStatus } from '../entities/booking.entity';
import type { Customer } from '../entities/customer.entity';
import { type DESK_ROLES, Notification } from '../entities/notification.entity';
import { Role } from '../entities/role';
import type { User } from '../entities/user.entity';
import { NotFoundError } from '../errors/not-found-error';
import type { Caller } from '../kernel/caller';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import type { OperationContext } from '../kernel/operation-context';

/** The desks each role sits at: an ADMIN is on the front desk too. */
const DESKS_OF: Readonly<Record<Role, readonly Role[]>> = {
  ADMIN: [Role.ADMIN, Role.STAFF],
  STAFF: [Role.STAFF],
  PARTNER: [],
};

/**
 * The notifications `caller` is to read, as SQL on the notifications row `alias`, by the
 * first recipient a notification names (see Notification): its own staff user's; for no
 * user, those of the desks it sits at; for neither, those of the guests it serves — a
 * partner its own channel's, the hotel's own roles the direct guests (no channel).
 */
function inboxOf(caller: Caller | null): SqlCondition {
  if (!caller) return () => 'false';
  const channel = listScope(caller);
  return (alias, bind) => {
    const column = (name: string) => `${alias}.${name}`;
    const branches: string[] = [];
    if (caller.userId) branches.push(`${column('user_id')} = ${bind(caller.userId)}`);
    const desks = DESKS_OF[caller.role];
    if (desks.length) branches.push(`(${column('user_id')} is null and ${column('for_role')} in (${desks.map(bind).join(', ')}))`);
    const served = channel === undefined ? 'c.channel is null' : `c.channel = ${bind(channel)}`;
    branches.push(
      `(${column('user_id')} is null and ${column('for_role')} is null and ${column('customer_id')} in (select c.id from customers c where ${served}))`,
    );
    return `(${branches.join(' or ')})`;
  };
}

/** `value` as a placeholder of em.execute, appended to `params`: conditions are written in the order they are bound. */
function placeholder(params: unknown[], value: unknown): string {
  params.push(value);
  return '?';
}

/** `condition` written for em.execute on the row `alias`, its values appended to `params`. */
function inPlaceholders(condition: SqlCondition, alias: string, params: unknown[]): string {
  return condition(alias, (value) => placeholder(params, value));
}

export interface NotificationFilter {
  unreadOnly?: boolean;
  /** One guest's notifications only. */
  customerId?: number;
}

/** The caller's inbox (inboxOf), oldest first. */
export function listNotifications(em: EntityManager, caller: Caller | null, filter: NotificationFilter, page: PageRequest) {
  const where: FilterQuery<Notification> = {};
  if (filter.unreadOnly) where.readAt = null;
  if (filter.customerId !== undefined) where.customer = filter.customerId;
  return findPage(em, Notification, where, ['id'], page, inboxOf(caller));
}

/**
 * Marks a notification of the caller's inbox read, once: a second call keeps the first
 * time. An ADMIN may mark any. One statement: the inbox rule is the update's condition,
 * so what the caller may not read answers NOT_FOUND, as if it were not there.
 */
export const markNotificationRead = operation([NotFoundError], async (ctx, input: { notificationId: string }) => {
  const check = new InputCheck();
  const id = check.id('notificationId', input.notificationId);
  check.done();
  const params: unknown[] = [id];
  const readable = ctx.caller?.role === Role.ADMIN ? 'true' : inPlaceholders(inboxOf(ctx.caller), 'n', params);
  const [row] = await ctx.em.execute(`update notifications n set read_at = coalesce(n.read_at, now()) where n.id = ? and ${readable} returning n.*`, params);
  if (!row) throw new NotFoundError('Notification', id!);
  return ctx.em.map(Notification, row);
});

export interface MarkAllNotificationsReadCommand {
  customerId?: string | null;
  /** Only up to this notification: what the caller has seen, so one that arrives meanwhile stays unread. */
  throughId?: string | null;
}

/** Marks read every unread notification of the caller's inbox (inboxOf), or of one guest's; answers how many. */
export const markAllNotificationsRead = operation([], async (ctx, input: MarkAllNotificationsReadCommand) => {
  const check = new InputCheck();
  const customerId = check.id('customerId', input.customerId);
  const throughId = check.id('throughId', input.throughId);
  check.done();
  const params: unknown[] = [];
  const conditions = ['n.read_at is null', inPlaceholders(inboxOf(ctx.caller), 'n', params)];
  if (customerId !== undefined) conditions.push(`n.customer_id = ${placeholder(params, customerId)}`);
  if (throughId !== undefined) conditions.push(`n.id <= ${placeholder(params, throughId)}`);
  const marked = await ctx.em.execute(`update notifications n set read_at = now() where ${conditions.join(' and ')} returning n.id`, params);
  return { count: marked.length };
});

/** What a notification says and what it is about. */
export interface Notice {
  kind: string;
  message: string;
  entity: string;
  entityId: string | number;
}

const fieldsOf = (notice: Notice) => ({ kind: notice.kind, message: notice.message, entity: notice.entity, entityId: String(notice.entityId) });

/** Work given to a staff user, told to them; nothing when they gave it to themselves. */
export function notifyAssignee(ctx: OperationContext, assignee: User, notice: Notice): Notification | null {
  if (assignee.id === ctx.caller?.userId) return null;
  return ctx.em.create(Notification, { user: assignee, ...fieldsOf(notice) });
}

/** An event that needs whoever is on duty at a desk: STAFF, the front desk (ADMIN and STAFF read it), or ADMIN. */
export function notifyDesk(ctx: OperationContext, desk: (typeof DESK_ROLES)[number], notice: Notice): Notification {
  return ctx.em.create(Notification, { forRole: desk, ...fieldsOf(notice) });
}

/** A message for a guest, read by whoever serves the guest's channel (see inboxOf). */
export function notifyGuest(ctx: OperationContext, customer: Customer, notice: Notice): Notification {
  return ctx.em.create(Notification, { customer, ...fieldsOf(notice) });
}

/** Ids a message names at most; the count is always whole. */
const NAMED_AT_MOST = 20;

function bookingsInWords(ids: readonly number[], count: number): string {
  const named = ids.slice(0, NAMED_AT_MOST).join(', ');
  const more = count > NAMED_AT_MOST ? ` and ${count - NAMED_AT_MOST} more` : '';
  return `${count === 1 ? 'booking' : 'bookings'} ${named}${more}`;
}

/**
 * What a night audit leaves for a person, told to the front desk in one notification: the
 * bookings it marked NO_SHOW (a fee to collect or waive, a guest to call) and the guests
 * still checked in although their stay ended on the closed day or before (a check-out
 * forgotten, or a guest staying on unbooked). The front desk, not each user: it reaches
 * whoever is on duty, accounts made later and the ADMIN token included, and one person
 * handling it clears it for all. Nothing when the day closed clean.
 */
export async function notifyNightAuditExceptions(
  ctx: OperationContext,
  closed: { businessDate: string; noShows: readonly { id: number }[] },
): Promise<Notification | null> {
  const [overstays] = await ctx.em.execute<{ n: number; ids: number[] | null }[]>(
    `select count(*)::int as n, (array_agg(id order by id))[1:${NAMED_AT_MOST}] as ids from bookings where status = ? and check_out <= ?::date`,
    [BookingStatus.CHECKED_IN, closed.businessDate],
  );
  const exceptions: string[] = [];
  if (closed.noShows.length) {
    const ids = closed.noShows.map((booking) => booking.id);
    exceptions.push(`${ids.length} ${ids.length === 1 ? 'no-show' : 'no-shows'} (${bookingsInWords(ids, ids.length)})`);
  }
  if (overstays.n > 0) {
    exceptions.push(
      `${overstays.n} ${overstays.n === 1 ? 'guest' : 'guests'} still checked in past departure (${bookingsInWords(overstays.ids ?? [], overstays.n)})`,
    );
  }
  if (!exceptions.length) return null;
  return notifyDesk(ctx, Role.STAFF, {
    kind: 'NIGHT_AUDIT_EXCEPTION',
    message: `Night audit of ${closed.businessDate}: ${exceptions.join('; ')}.`,
    entity: 'BUSINESS_DAY',
    entityId: closed.businessDate,
  });
}

/** What a failed check of an integrity report says (IntegrityCheckResult has this shape). */
export interface CheckOutcome {
  name: string;
  passed: boolean;
  violationCount: number;
  error?: string | null;
}

/**
 * The hook of a scheduled integrity run: the checks it found newly failing are told to the
 * administrators' desk in one notification, which, and how many rows each. A person asking
 * for the report sees it already, and a failure already told is not told again each
 * interval; a run nobody watches must reach someone. The schedule's job calls this in the
 * transaction that records the run, with the newly failing checks no alert tells of.
 */
export function notifyIntegrityFailures(ctx: OperationContext, checks: readonly CheckOutcome[], ranAt: Date): Notification | null {
  const failed = checks.filter((check) => !check.passed);
  if (!failed.length) return null;
  const listed = failed
    .slice(0, NAMED_AT_MOST)
    .map((check) => `${check.name} (${check.error ? 'did not run' : `${check.violationCount} ${check.violationCount === 1 ? 'row' : 'rows'}`})`);
  const more = failed.length > NAMED_AT_MOST ? `, and ${failed.length - NAMED_AT_MOST} more` : '';
  return notifyDesk(ctx, Role.ADMIN, {
    kind: 'INTEGRITY_CHECK_FAILED',
    message: `The scheduled integrity report of ${ranAt.toISOString()} found ${failed.length} newly failing ${failed.length === 1 ? 'check' : 'checks'}: ${listed.join(', ')}${more}. Run integrityReport for the rows, repairIntegrity to fix what it can.`,
    entity: 'INTEGRITY_REPORT',
    entityId: ranAt.toISOString(),
  });
}
