import { describe, expect, it } from 'vitest';
import { Customer } from '../../src/entities/customer.entity';
import { useFixtures } from '../support/fixtures';
import { answer, mutate, rowCounts, whileWritesTo } from '../support/mutations';
import { useTestApi } from '../support/test-api';

const t = useTestApi();
const f = useFixtures(t);

const CUSTOMER = 'customer { id firstName lastName email phone channel loyaltyPoints user { id } }';
/** What a partner may read of the customers it supplied. */
const PARTNER_VIEW = 'customer { id firstName lastName email phone }';
const createCustomer = (input: Record<string, unknown>, token?: string) =>
  mutate(t, 'createCustomer', input, token === t.tokens.partner ? PARTNER_VIEW : CUSTOMER, token);
const updateCustomer = (input: Record<string, unknown>, token?: string) =>
  mutate(t, 'updateCustomer', input, token === t.tokens.partner ? PARTNER_VIEW : CUSTOMER, token);

let sequence = 0;
const email = () => `c${++sequence}.${Date.now()}@guest.test`;

async function row(id: string | number) {
  const customer = await t.em().findOneOrFail(Customer, Number(id));
  return {
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.email,
    phone: customer.phone,
    channel: customer.channel,
    userId: customer.user?.id ?? null,
  };
}

describe('createCustomer', () => {
  it('creates a hotel customer from trimmed input with the email lower-cased', async () => {
    const address = email();
    const result = await createCustomer({ firstName: ' Ada ', lastName: 'Lovelace', email: address.toUpperCase(), phone: '+44 20 7946 0000' });
    expect(result).toEqual({
      __typename: 'CreateCustomerSuccess',
      customer: {
        id: expect.any(String),
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: address,
        phone: '+44 20 7946 0000',
        channel: null,
        loyaltyPoints: 0,
        user: null,
      },
    });
    expect(await row(result.customer.id)).toEqual({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: address,
      phone: '+44 20 7946 0000',
      channel: null,
      userId: null,
    });
  });

  it('gives a partner’s customer the partner’s channel', async () => {
    const result = await createCustomer({ firstName: 'Pat', lastName: 'Ner', email: email() }, t.tokens.partner);
    expect(result.customer).toMatchObject({ firstName: 'Pat', phone: null });
    expect(await row(result.customer.id)).toMatchObject({ channel: 'partner-a', userId: null });
  });

  it('keeps emails unique per channel: a partner may supply a guest whose email the hotel already holds, and learns nothing of it', async () => {
    const hotels = await f.customer();
    const own = await createCustomer({ firstName: 'Pat', lastName: 'Ner', email: hotels.email }, t.tokens.partner);
    expect(own.__typename).toBe('CreateCustomerSuccess');
    expect((await createCustomer({ firstName: 'Pat', lastName: 'Again', email: hotels.email }, t.tokens.partner)).__typename).toBe('ValidationError');
  });

  it('links a staff account when asked by the hotel', async () => {
    const user = await f.user();
    const result = await createCustomer({ firstName: 'Staff', lastName: 'Guest', email: email(), userId: String(user.id) }, t.tokens.staff);
    expect(result.customer.user).toEqual({ id: String(user.id) });
    expect((await row(result.customer.id)).userId).toBe(user.id);
  });

  it('answers a taken email (in any case) with ValidationError at input.email and writes nothing', async () => {
    const existing = await f.customer();
    const before = await rowCounts(t, ['customers']);
    expect(await createCustomer({ firstName: 'Twin', lastName: 'Guest', email: existing.email.toUpperCase() })).toEqual(
      answer.validation([{ path: ['input', 'email'], message: 'A customer with this email address already exists.' }]),
    );
    expect(await rowCounts(t, ['customers'])).toEqual(before);
  });

  it('answers a staff account that already has a profile with ValidationError at input.userId', async () => {
    const user = await f.user();
    await f.customer({ user });
    const before = await rowCounts(t, ['customers']);
    expect(await createCustomer({ firstName: 'Second', lastName: 'Profile', email: email(), userId: String(user.id) })).toEqual(
      answer.validation([{ path: ['input', 'userId'], message: 'This user already has a customer profile.' }]),
    );
    expect(await rowCounts(t, ['customers'])).toEqual(before);
  });

  it('answers NotFoundError for an unknown staff account', async () => {
    const before = await rowCounts(t, ['customers']);
    expect(await createCustomer({ firstName: 'No', lastName: 'User', email: email(), userId: '999999' })).toEqual(
      answer.notFound('User', 999999, 'No user with id 999999.'),
    );
    expect(await rowCounts(t, ['customers'])).toEqual(before);
  });

  it('reports every invalid field at once, and refuses a partner linking a staff account', async () => {
    const before = await rowCounts(t, ['customers']);
    expect(await createCustomer({ firstName: '', lastName: 'x'.repeat(101), email: 'not-an-email', phone: 'call me', userId: 'u1' })).toEqual(
      answer.validation([
        { path: ['input', 'phone'], message: 'Not a valid phone number.' },
        { path: ['input', 'firstName'], message: 'Must not be blank.' },
        { path: ['input', 'lastName'], message: 'Must be at most 100 characters long.' },
        { path: ['input', 'email'], message: 'Not a valid email address.' },
        { path: ['input', 'userId'], message: 'Not a valid id.' },
      ]),
    );
    const user = await f.user();
    expect(await createCustomer({ firstName: 'Pat', lastName: 'Ner', email: email(), userId: String(user.id) }, t.tokens.partner)).toEqual(
      answer.validation([{ path: ['input', 'userId'], message: 'Partners cannot link customers to staff accounts.' }]),
    );
    expect(await rowCounts(t, ['customers'])).toEqual(before);
  });
});

describe('updateCustomer', () => {
  it('changes the given fields only; null clears the phone and unlinks the staff account', async () => {
    const user = await f.user();
    const customer = await f.customer({ user });
    const address = email();
    const changed = await updateCustomer({ id: String(customer.id), lastName: 'Renamed', email: address, phone: '555 0100' });
    expect(changed).toEqual({
      __typename: 'UpdateCustomerSuccess',
      customer: {
        id: String(customer.id),
        firstName: 'Guest',
        lastName: 'Renamed',
        email: address,
        phone: '555 0100',
        channel: null,
        loyaltyPoints: 0,
        user: { id: String(user.id) },
      },
    });
    expect((await updateCustomer({ id: String(customer.id), phone: null, userId: null })).customer).toMatchObject({ phone: null, user: null });
    expect(await row(customer.id)).toEqual({ firstName: 'Guest', lastName: 'Renamed', email: address, phone: null, channel: null, userId: null });
  });

  it('links a staff account', async () => {
    const customer = await f.customer();
    const user = await f.user();
    expect((await updateCustomer({ id: String(customer.id), userId: String(user.id) })).customer.user).toEqual({ id: String(user.id) });
    expect((await row(customer.id)).userId).toBe(user.id);
  });

  it('answers an email or staff account taken by another customer with ValidationError at the field', async () => {
    const user = await f.user();
    const other = await f.customer({ user });
    const customer = await f.customer();
    expect(await updateCustomer({ id: String(customer.id), email: other.email })).toEqual(
      answer.validation([{ path: ['input', 'email'], message: 'A customer with this email address already exists.' }]),
    );
    expect(await updateCustomer({ id: String(customer.id), userId: String(user.id) })).toEqual(
      answer.validation([{ path: ['input', 'userId'], message: 'This user already has a customer profile.' }]),
    );
    expect(await row(customer.id)).toMatchObject({ email: customer.email, userId: null });
  });

  it('lets a partner change only its own customers; others do not exist for it', async () => {
    const own = await f.customer({ channel: 'partner-a' });
    const others = await f.customer({ channel: 'partner-b' });
    const hotels = await f.customer();
    expect((await updateCustomer({ id: String(own.id), firstName: 'Mine' }, t.tokens.partner)).customer).toMatchObject({ firstName: 'Mine' });
    expect((await row(own.id)).channel).toBe('partner-a');
    for (const customer of [others, hotels]) {
      expect(await updateCustomer({ id: String(customer.id), firstName: 'Taken' }, t.tokens.partner)).toEqual(
        answer.notFound('Customer', customer.id, `No customer with id ${customer.id}.`),
      );
      expect((await row(customer.id)).firstName).toBe('Guest');
    }
  });

  it('answers NotFoundError for an unknown customer or staff account and ValidationError for bad input', async () => {
    const customer = await f.customer();
    expect(await updateCustomer({ id: '999999', firstName: 'Nobody' })).toEqual(answer.notFound('Customer', 999999, 'No customer with id 999999.'));
    expect(await updateCustomer({ id: String(customer.id), userId: '999999' })).toEqual(answer.notFound('User', 999999, 'No user with id 999999.'));
    expect(await updateCustomer({ id: 'x', firstName: ' ', email: 'a@b' })).toEqual(
      answer.validation([
        { path: ['input', 'id'], message: 'Not a valid id.' },
        { path: ['input', 'firstName'], message: 'Must not be blank.' },
        { path: ['input', 'email'], message: 'Not a valid email address.' },
      ]),
    );
    expect(await row(customer.id)).toMatchObject({ firstName: 'Guest', email: customer.email, userId: null });
  });
});

describe('a transient database failure that outlasts the retries', () => {
  it('answers ServiceUnavailableError and leaves nothing behind', async () => {
    const customer = await f.customer();
    const before = await rowCounts(t, ['customers']);
    expect(
      await whileWritesTo(t, 'customers', async () => [
        await createCustomer({ firstName: 'Busy', lastName: 'Day', email: email() }),
        await updateCustomer({ id: String(customer.id), firstName: 'Changed' }),
      ]),
    ).toEqual([answer.serviceUnavailable(), answer.serviceUnavailable()]);
    expect(await rowCounts(t, ['customers'])).toEqual(before);
    expect((await row(customer.id)).firstName).toBe('Guest');
  });
});
