import { HousekeepingTask } from '../../entities/housekeeping-task.entity';
import { assignHousekeepingTask, completeHousekeepingTask, createHousekeepingTask } from '../../services/housekeeping.service';
import { mutationResult, successOf } from './mutation-result';

export const CreateHousekeepingTaskSuccess = successOf('CreateHousekeepingTaskSuccess', 'task', HousekeepingTask);
export const AssignHousekeepingTaskSuccess = successOf('AssignHousekeepingTaskSuccess', 'task', HousekeepingTask);
export const CompleteHousekeepingTaskSuccess = successOf('CompleteHousekeepingTaskSuccess', 'task', HousekeepingTask);

export const CreateHousekeepingTaskResult = mutationResult('CreateHousekeepingTask', CreateHousekeepingTaskSuccess, createHousekeepingTask);
export const AssignHousekeepingTaskResult = mutationResult('AssignHousekeepingTask', AssignHousekeepingTaskSuccess, assignHousekeepingTask);
export const CompleteHousekeepingTaskResult = mutationResult('CompleteHousekeepingTask', CompleteHousekeepingTaskSuccess, completeHousekeepingTask);
