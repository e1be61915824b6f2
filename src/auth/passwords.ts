import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { InputCheck } from '../kernel/input-check';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** Shorter passwords are refused: length is what makes a password hard to guess. */
export const MIN_PASSWORD_LENGTH = 12;

/** Longer passwords are refused: they add nothing but hashing work an attacker could make us do. */
export const MAX_PASSWORD_LENGTH = 200;

/** The password rule, as an input's field description says it. */
export const PASSWORD_RULE = `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters; stored only as a scrypt hash.`;

/**
 * The one rule for a password being set (createUser, changePassword, resetPassword): its
 * problem is a field error on `field`. A password being checked (login, the current one)
 * needs only to be within MAX_PASSWORD_LENGTH, so that an old shorter one still works.
 */
export function checkNewPassword(check: InputCheck, field: string, password: string): string | undefined {
  return check.secret(field, password, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH });
}

/** A password given to be verified against the one set (login, changePassword's current one). */
export function checkGivenPassword(check: InputCheck, field: string, password: string): string | undefined {
  return check.secret(field, password, { min: 1, max: MAX_PASSWORD_LENGTH });
}

const COST = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

/** "scrypt$N$r$p$salt$hash", salt and hash in base64url: the parameters travel with the hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, KEY_LENGTH, { ...COST, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
