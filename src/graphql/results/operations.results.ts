import { HousekeepingTask } from '../../entities/housekeeping-task.entity';
import { MaintenanceRequest } from '../../entities/maintenance-request.entity';
import { Notification } from '../../entities/notification.entity';
import { WaitlistEntry } from '../../entities/waitlist-entry.entity';
import { completeHousekeepingTask, createHousekeepingTask } from '../../services/housekeeping.service';
import { openMaintenanceRequest, resolveMaintenanceRequest } from '../../services/maintenance.service';
import { markNotificationRead } from '../../services/notification.service';
import { joinWaitlist } from '../../services/waitlist.service';
import { mutationResult, successOf } from './mutation-result';

export const CreateHousekeepingTaskSuccess = successOf('CreateHousekeepingTaskSuccess', 'task', HousekeepingTask);
export const CompleteHousekeepingTaskSuccess = successOf('CompleteHousekeepingTaskSuccess', 'task', HousekeepingTask);
export const OpenMaintenanceRequestSuccess = successOf('OpenMaintenanceRequestSuccess', 'request', MaintenanceRequest);
export const ResolveMaintenanceRequestSuccess = successOf('ResolveMaintenanceRequestSuccess', 'request', MaintenanceRequest);
export const JoinWaitlistSuccess = successOf('JoinWaitlistSuccess', 'entry', WaitlistEntry);
export const MarkNotificationReadSuccess = successOf('MarkNotificationReadSuccess', 'notification', Notification);

export const CreateHousekeepingTaskResult = mutationResult('CreateHousekeepingTask', CreateHousekeepingTaskSuccess, createHousekeepingTask);
export const CompleteHousekeepingTaskResult = mutationResult('CompleteHousekeepingTask', CompleteHousekeepingTaskSuccess, completeHousekeepingTask);
export const OpenMaintenanceRequestResult = mutationResult('OpenMaintenanceRequest', OpenMaintenanceRequestSuccess, openMaintenanceRequest);
export const ResolveMaintenanceRequestResult = mutationResult('ResolveMaintenanceRequest', ResolveMaintenanceRequestSuccess, resolveMaintenanceRequest);
export const JoinWaitlistResult = mutationResult('JoinWaitlist', JoinWaitlistSuccess, joinWaitlist);
export const MarkNotificationReadResult = mutationResult('MarkNotificationRead', MarkNotificationReadSuccess, markNotificationRead);
