import { Field, Int, ObjectType } from 'type-graphql';
import { Notification } from '../../entities/notification.entity';
import { markAllNotificationsRead, markNotificationRead } from '../../services/notification.service';
import { mutationResult, successOf } from './mutation-result';

export const MarkNotificationReadSuccess = successOf('MarkNotificationReadSuccess', 'notification', Notification);

@ObjectType({ description: 'The notifications are marked read.' })
export class MarkAllNotificationsReadSuccess {
  @Field(() => Int, { description: 'How many notifications this marked read.' })
  count!: number;
}

export const MarkNotificationReadResult = mutationResult('MarkNotificationRead', MarkNotificationReadSuccess, markNotificationRead);
export const MarkAllNotificationsReadResult = mutationResult('MarkAllNotificationsRead', MarkAllNotificationsReadSuccess, markAllNotificationsRead);
