import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ControlPool } from '../db/control-pool';
import { ApiToken, ApiTokenKind } from '../entities/api-token.entity';
import { Role } from '../entities/role';
import type { Caller } from '../kernel/caller';
import type { Logger } from '../logging/logger';

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
const LAST_USED_RESOLUTION = '1 minute';

/**
 * The caller a bearer secret stands for, or null when it is unknown, revoked, expired, or
 * its user deactivated. One indexed lookup by digest, the user joined in the same
 * statement, on the control connections so that requests stuck on the request pool never
 * hold up who-is-this; the secret itself is never compared or stored. A session acts with
 * its user's role as it is now.
 */
export async function authenticate(control: ControlPool, secret: string, logger: Logger): Promise<Caller | null> {
  const [row] = await control.query<{
    id: number;
    name: string;
    role: Role;
    kind: ApiTokenKind;
    channel: string | null;
    user_id: number | null;
    user_role: Role | null;
    stale: boolean;
  }>(
    `select t.id, t.name, t.role, t.kind, t.channel, t.user_id, u.role as user_role,
            (t.last_used_at is null or t.last_used_at < now() - interval '${LAST_USED_RESOLUTION}') as stale
     from api_tokens t left join users u on u.id = t.user_id
     where t.secret_hash = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())
       and (t.user_id is null or u.active)`,
    [hashSecret(secret)],
  );
  if (!row) return null;
  if (row.stale) {
    control
      .query('update api_tokens set last_used_at = now() where id = $1', [row.id])
      .catch((error: unknown) => logger.warn({ err: error, tokenId: row.id }, 'could not record token use'));
  }
  return {
    tokenId: row.id,
    tokenName: row.name,
    role: row.kind === ApiTokenKind.SESSION && row.user_role ? row.user_role : row.role,
    userId: row.user_id,
    channel: row.channel,
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
