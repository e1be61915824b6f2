import { MaintenanceRequest } from '../../entities/maintenance-request.entity';
import { openMaintenanceRequest, resolveMaintenanceRequest } from '../../services/maintenance.service';
import { mutationResult, successOf } from './mutation-result';

export const OpenMaintenanceRequestSuccess = successOf('OpenMaintenanceRequestSuccess', 'request', MaintenanceRequest);
export const ResolveMaintenanceRequestSuccess = successOf('ResolveMaintenanceRequestSuccess', 'request', MaintenanceRequest);

export const OpenMaintenanceRequestResult = mutationResult('OpenMaintenanceRequest', OpenMaintenanceRequestSuccess, openMaintenanceRequest);
export const ResolveMaintenanceRequestResult = mutationResult('ResolveMaintenanceRequest', ResolveMaintenanceRequestSuccess, resolveMaintenanceRequest);
