import { Customer } from '../../entities/customer.entity';
import { createCustomer, updateCustomer } from '../../services/customer.service';
import { mutationResult, successOf } from './mutation-result';

export const CreateCustomerSuccess = successOf('CreateCustomerSuccess', 'customer', Customer);
export const UpdateCustomerSuccess = successOf('UpdateCustomerSuccess', 'customer', Customer);

export const CreateCustomerResult = mutationResult('CreateCustomer', CreateCustomerSuccess, createCustomer);
export const UpdateCustomerResult = mutationResult('UpdateCustomer', UpdateCustomerSuccess, updateCustomer);
