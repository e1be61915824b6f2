import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { findPage, type PageRequest } from '../db/keyset-page';
import { Customer } from '../entities/customer.entity';

/** Escapes LIKE wildcards so a search for "50%" finds that text, not everything. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function listCustomers(em: EntityManager, search: string | undefined, page: PageRequest) {
  const where: FilterQuery<Customer> = {};
  const term = search?.trim();
  if (term) {
    const pattern = likePattern(term);
    where.$or = [{ firstName: { $ilike: pattern } }, { lastName: { $ilike: pattern } }, { email: { $ilike: pattern } }];
  }
  return findPage(em, Customer, where, ['lastName', 'firstName', 'id'], page);
}
