import { HousekeepingTask } from '../../entities/housekeeping-task.entity';
import { MaintenanceRequest } from '../../entities/maintenance-request.entity';
import { Notification } from '../../entities/notification.entity';
import { WaitlistEntry } from '../../entities/waitlist-entry.entity';
import { BusinessRuleError, NotFoundError } from '../../errors/graphql-error-types';
import { mutationResult, successOf } from './mutation-result';

export const CreateHousekeepingTaskSuccess = successOf('CreateHousekeepingTaskSuccess', 'task', HousekeepingTask);
export const CompleteHousekeepingTaskSuccess = successOf('CompleteHousekeepingTaskSuccess', 'task', HousekeepingTask);
export const OpenMaintenanceRequestSuccess = successOf('OpenMaintenanceRequestSuccess', 'request', MaintenanceRequest);
export const ResolveMaintenanceRequestSuccess = successOf('ResolveMaintenanceRequestSuccess', 'request', MaintenanceRequest);
export const JoinWaitlistSuccess = successOf('JoinWaitlistSuccess', 'entry', WaitlistEntry);
export const MarkNotificationReadSuccess = successOf('MarkNotificationReadSuccess', 'notification', Notification);

export const CreateHousekeepingTaskResult = mutationResult('CreateHousekeepingTask', CreateHousekeepingTaskSuccess, [NotFoundError]);
export const CompleteHousekeepingTaskResult = mutationResult('CompleteHousekeepingTask', CompleteHousekeepingTaskSuccess, [NotFoundError, BusinessRuleError]);
export const OpenMaintenanceRequestResult = mutationResult('OpenMaintenanceRequest', OpenMaintenanceRequestSuccess, [NotFoundError, BusinessRuleError]);
export const ResolveMaintenanceRequestResult = mutationResult('ResolveMaintenanceRequest', ResolveMaintenanceRequestSuccess, [
  NotFoundError,
  BusinessRuleError,
]);
export const JoinWaitlistResult = mutationResult('JoinWaitlist', JoinWaitlistSuccess, [NotFoundError]);
export const MarkNotificationReadResult = mutationResult('MarkNotificationRead', MarkNotificationReadSuccess, [NotFoundError]);
