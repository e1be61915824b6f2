/** Who a caller is to the hotel; users and API tokens carry one. */
export enum Role {
  ADMIN = 'ADMIN',
  STAFF = 'STAFF',
  PARTNER = 'PARTNER',
}
