import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { isVisibleTo, partnerChannel } from '../auth/visibility';
import { findPage, type PageRequest } from '../db/keyset-page';
import { Customer } from '../entities/customer.entity';
import { User } from '../entities/user.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { NotFoundError } from '../errors/not-found-error';
import { RequestError } from '../errors/request-error';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import type { OperationContext } from '../kernel/operation-context';
import { containsPattern, MAX_SEARCH_LENGTH } from '../sql';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function listCustomers(em: EntityManager, search: string | undefined, page: PageRequest, channel?: string | null) {
  const where: FilterQuery<Customer> = {};
  const term = search?.trim();
  // PostgreSQL refuses a NUL in text outright; answer for it and for absurd lengths here.
  if (term && (term.length > MAX_SEARCH_LENGTH || CONTROL_CHARACTERS.test(term))) {
    throw new RequestError(`search must be at most ${MAX_SEARCH_LENGTH} characters without control characters`);
  }
  if (term) {
    const pattern = containsPattern(term);
    where.$or = [{ firstName: { $ilike: pattern } }, { lastName: { $ilike: pattern } }, { email: { $ilike: pattern } }];
  }
  if (channel !== undefined) where.channel = channel;
  // An erased guest is a placeholder kept for the books: nobody is to find it as a guest again.
  where.erasedAt = null;
  return findPage(em, Customer, where, ['lastName', 'firstName', 'id'], page);
}

/** A customer the caller may act on; another partner's customer does not exist for it. */
export async function visibleCustomer(ctx: OperationContext, id: number): Promise<Customer> {
  const customer = await ctx.em.findOne(Customer, { id });
  if (!customer || !isVisibleTo(ctx.caller, customer.channel)) throw new NotFoundError('Customer', id);
  return customer;
}

/** Refuses a change to an erased guest, whose record only the placeholder may fill (customers_erased_check says so last). */
export function refuseErased(customer: Customer): void {
  if (customer.erasedAt) {
    throw new BusinessRuleError('customer_erased', `Customer ${customer.id} was erased: the record keeps no personal data and cannot be changed.`);
  }
}

export interface CustomerFields {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  userId?: string | null;
}

function checkCustomerFields(check: InputCheck, fields: CustomerFields) {
  const phone = check.text('phone', fields.phone, { min: 0, max: 40 });
  if (phone && !/^\+?[0-9 ().-]{3,40}$/.test(phone)) check.fail('phone', 'Not a valid phone number.');
  return {
    firstName: check.text('firstName', fields.firstName, { max: 100 }),
    lastName: check.text('lastName', fields.lastName, { max: 100 }),
    email: check.email('email', fields.email),
    phone: fields.phone === null ? null : phone || undefined,
    userId: check.id('userId', fields.userId),
  };
}

/** A guest; partners' guests carry the partner's channel and stay theirs. */
export const createCustomer = operation([NotFoundError], async (ctx, input: CustomerFields & { firstName: string; lastName: string; email: string }) => {
  const check = new InputCheck();
  const fields = checkCustomerFields(check, input);
  if (fields.userId && partnerChannel(ctx.caller)) check.fail('userId', 'Partners cannot link customers to staff accounts.');
  check.done();
  const user = fields.userId ? await ctx.em.findOne(User, { id: fields.userId }) : null;
  if (fields.userId && !user) throw new NotFoundError('User', fields.userId);
  return ctx.em.create(Customer, {
    firstName: fields.firstName!,
    lastName: fields.lastName!,
    email: fields.email!,
    phone: fields.phone ?? null,
    user,
    channel: partnerChannel(ctx.caller),
  });
});

export const updateCustomer = operation([NotFoundError, BusinessRuleError], async (ctx, input: CustomerFields & { id: string }) => {
  const check = new InputCheck();
  const id = check.id('id', input.id);
  const fields = checkCustomerFields(check, input);
  if (fields.userId && partnerChannel(ctx.caller)) check.fail('userId', 'Partners cannot link customers to staff accounts.');
  check.done();
  const customer = await visibleCustomer(ctx, id!);
  refuseErased(customer);
  if (fields.userId) {
    const user = await ctx.em.findOne(User, { id: fields.userId });
    if (!user) throw new NotFoundError('User', fields.userId);
    customer.user = user;
  } else if (input.userId === null) {
    customer.user = null;
  }
  if (fields.firstName !== undefined) customer.firstName = fields.firstName;
  if (fields.lastName !== undefined) customer.lastName = fields.lastName;
  if (fields.email !== undefined) customer.email = fields.email;
  if (fields.phone !== undefined) customer.phone = fields.phone;
  return customer;
});
