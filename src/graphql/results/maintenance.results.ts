import { MaintenanceRequest } from '../../entities/maintenance-request.entity';
import { assignMaintenanceRequest, openMaintenanceRequest, resolveMaintenanceRequest, startMaintenanceRequest } from '../../services/maintenance.service';
import { mutationResult, successOf } from './mutation-result';

export const OpenMaintenanceRequestSuccess = successOf('OpenMaintenanceRequestSuccess', 'request', MaintenanceRequest);
export const StartMaintenanceRequestSuccess = successOf('StartMaintenanceRequestSuccess', 'request', MaintenanceRequest);
export const AssignMaintenanceRequestSuccess = successOf('AssignMaintenanceRequestSuccess', 'request', MaintenanceRequest);
export const ResolveMaintenanceRequestSuccess = successOf('ResolveMaintenanceRequestSuccess', 'request', MaintenanceRequest);

export const OpenMaintenanceRequestResult = mutationResult('OpenMaintenanceRequest', OpenMaintenanceRequestSuccess, openMaintenanceRequest);
export const StartMaintenanceRequestResult = mutationResult('StartMaintenanceRequest', StartMaintenanceRequestSuccess, startMaintenanceRequest);
export const AssignMaintenanceRequestResult = mutationResult('AssignMaintenanceRequest', AssignMaintenanceRequestSuccess, assignMaintenanceRequest);
export const ResolveMaintenanceRequestResult = mutationResult('ResolveMaintenanceRequest', ResolveMaintenanceRequestSuccess, resolveMaintenanceRequest);
