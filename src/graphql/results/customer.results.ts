import { Customer } from '../../entities/customer.entity';
import { NotFoundError } from '../../errors/graphql-error-types';
import { mutationResult, successOf } from './mutation-result';

export const CreateCustomerSuccess = successOf('CreateCustomerSuccess', 'customer', Customer);
export const UpdateCustomerSuccess = successOf('UpdateCustomerSuccess', 'customer', Customer);

export const CreateCustomerResult = mutationResult('CreateCustomer', CreateCustomerSuccess, [NotFoundError]);
export const UpdateCustomerResult = mutationResult('UpdateCustomer', UpdateCustomerSuccess, [NotFoundError]);
