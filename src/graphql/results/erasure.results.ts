import { Field, ObjectType } from 'type-graphql';
import { AuditEntry } from '../../entities/audit-entry.entity';
import { Customer } from '../../entities/customer.entity';
import { eraseCustomer } from '../../services/erasure';
import { ErasureImpact } from '../types/erasure-impact.type';
import { mutationResult } from './mutation-result';

@ObjectType({ description: 'The guest is erased and the erasure committed.' })
export class EraseCustomerSuccess {
  @Field(() => Customer, { description: 'The guest as kept: the placeholder, erasedAt set.' })
  customer!: Customer;

  @Field(() => ErasureImpact, { description: 'What the erasure did, counted row by row as it did it.' })
  impact!: ErasureImpact;

  @Field(() => AuditEntry, { description: 'The audit entry of the erasure: ids and counts only, nothing personal.' })
  auditEntry!: AuditEntry;
}

export const EraseCustomerResult = mutationResult('EraseCustomer', EraseCustomerSuccess, eraseCustomer);
