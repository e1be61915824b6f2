import { registerEnumType } from 'type-graphql';

/** Who a caller is to the hotel; users and API tokens carry one. */
export enum Role {
  ADMIN = 'ADMIN',
  STAFF = 'STAFF',
  PARTNER = 'PARTNER',
}
registerEnumType(Role, { name: 'Role', description: 'What a caller may do: ADMIN everything, STAFF daily operations, PARTNER its own bookings.' });
