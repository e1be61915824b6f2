import { Notification } from '../../entities/notification.entity';
import { markNotificationRead } from '../../services/notification.service';
import { mutationResult, successOf } from './mutation-result';

export const MarkNotificationReadSuccess = successOf('MarkNotificationReadSuccess', 'notification', Notification);

export const MarkNotificationReadResult = mutationResult('MarkNotificationRead', MarkNotificationReadSuccess, markNotificationRead);
