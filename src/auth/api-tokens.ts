import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readRowsByKey } from '../db/read-rows';
import { ApiToken, ApiTokenKind } from '../entities/api-token.entity';
import { Role } from '../entities/role';
import { User } from '../entities/user.entity';
import type { Logger } from '../logging/logger';
import type { Caller } from './caller';

const SECRET_PREFIX = 'hotel_';

/** 256 random bits; shown once, stored only as a digest. */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function parseBearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

export interface IssuedToken {
  token: ApiToken;
  secret: string;
}

/** Creates a token row and returns its secret, the only time the secret exists in clear. */
export function issueToken(
  em: EntityManager,
  fields: { name: string; role: Role; kind?: ApiTokenKind; userId?: number | null; channel?: string | null; expiresAt?: Date | null },
  secret = generateSecret(),
): IssuedToken {
  const token = em.create(ApiToken, {
    name: fields.name,
    role: fields.role,
    kind: fields.kind ?? ApiTokenKind.API,
    user: fields.userId ?? null,
    channel: fields.channel ?? null,
    expiresAt: fields.expiresAt ?? null,
    secretHash: hashSecret(secret),
  });
  return { token, secret };
}

/** How stale `lastUsedAt` may get before a request refreshes it: one write a minute per token, not one per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The caller a bearer secret stands for, or null when it is unknown, revoked or expired, or
 * its user is deactivated. One indexed lookup by digest (and one by id for a user's token);
 * the secret itself is never compared or stored. A session acts with its user's role as it
 * is now, so a demotion takes effect at once.
 */
export async function authenticate(em: EntityManager, secret: string, logger: Logger): Promise<Caller | null> {
  const [token] = await readRowsByKey(em, ApiToken, 'secretHash', [hashSecret(secret)]);
  if (!token || token.revokedAt) return null;
  const now = Date.now();
  if (token.expiresAt && token.expiresAt.getTime() <= now) return null;
  let role = token.role;
  if (token.user) {
    const [user] = await readRowsByKey(em, User, 'id', [token.user.id]);
    if (!user?.active) return null;
    if (token.kind === ApiTokenKind.SESSION) role = user.role;
  }
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    em.getConnection()
      .execute('update api_tokens set last_used_at = now() where id = ?', [token.id], 'run')
      .catch((error: unknown) => logger.warn({ err: error, tokenId: token.id }, 'could not record token use'));
  }
  return {
    tokenId: token.id,
    tokenName: token.name,
    role,
    userId: token.user?.id ?? null,
    channel: token.channel ?? null,
  };
}

/**
 * HOTEL_BOOTSTRAP_ADMIN_TOKEN: makes sure exactly that secret works as an ADMIN token,
 * creating it or restoring its role and validity.
 */
export async function ensureBootstrapAdminToken(em: EntityManager, secret: string): Promise<void> {
  const existing = await em.findOne(ApiToken, { secretHash: hashSecret(secret) });
  if (existing) {
    existing.role = Role.ADMIN;
    existing.kind = ApiTokenKind.API;
    existing.revokedAt = null;
    existing.expiresAt = null;
  } else {
    issueToken(em, { name: 'bootstrap admin', role: Role.ADMIN }, secret);
  }
  await em.flush();
}
