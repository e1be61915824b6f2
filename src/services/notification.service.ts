import { Notification } from '../entities/notification.entity';
import { Role } from '../entities/role';
import { NotFound } from '../errors/hotel-error';
import { InputCheck } from '../kernel/input-check';
import type { OperationContext } from '../kernel/operation-context';

/** Staff mark their own notifications read; an ADMIN any. */
export async function markNotificationRead(ctx: OperationContext, input: { notificationId: string }): Promise<Notification> {
  const check = new InputCheck();
  const id = check.id('notificationId', input.notificationId);
  check.done();
  const notification = await ctx.em.findOne(Notification, { id: id! });
  const mine = notification?.user && notification.user.id === ctx.caller?.userId;
  if (!notification || (ctx.caller?.role !== Role.ADMIN && !mine && notification.user)) throw new NotFound('Notification', id!);
  notification.readAt ??= new Date();
  return notification;
}
