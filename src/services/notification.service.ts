import { Notification } from '../entities/notification.entity';
import { Role } from '../entities/role';
import { NotFoundError } from '../errors/not-found-error';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';

/** Staff mark their own notifications read; an ADMIN any. */
export const markNotificationRead = operation([NotFoundError], async (ctx, input: { notificationId: string }) => {
  const check = new InputCheck();
  const id = check.id('notificationId', input.notificationId);
  check.done();
  const notification = await ctx.em.findOne(Notification, { id: id! });
  const mine = notification?.user && notification.user.id === ctx.caller?.userId;
  if (!notification || (ctx.caller?.role !== Role.ADMIN && !mine && notification.user)) throw new NotFoundError('Notification', id!);
  notification.readAt ??= new Date();
  return notification;
});
