import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ControlPool } from '../db/control-pool';
import { ApiToken, ApiTokenKind } from '../entities/api-token.entity';
import { Role } from '../entities/role';
import type { Caller } from '../kernel/caller';

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
  fields: {
    name: string;
    role: Role;
    kind?: ApiTokenKind;
    userId?: number | null;
    channel?: string | null;
    expiresAt?: Date | null;
    costBudget?: number | null;
  },
  secret = generateSecret(),
): IssuedToken {
  const token = em.create(ApiToken, {
    name: fields.name,
    role: fields.role,
    kind: fields.kind ?? ApiTokenKind.API,
    user: fields.userId ?? null,
    channel: fields.channel ?? null,
    expiresAt: fields.expiresAt ?? null,
    costBudget: fields.costBudget ?? null,
    secretHash: hashSecret(secret),
  });
  return { token, secret };
}

/** How stale `lastUsedAt` may get before a lookup says to refresh it: one write a minute per token, not one per request. */
const LAST_USED_RESOLUTION = '1 minute';

export interface FoundCaller {
  caller: Caller;
  /** Milliseconds until the token expires, by PostgreSQL's clock; null when it does not. */
  remainingMs: number | null;
  /** Whether its last_used_at is older than a minute. */
  stale: boolean;
}

/**
 * The caller a secret's digest stands for, or null when it is unknown, revoked, expired,
 * or its user deactivated. One indexed lookup by digest, the user joined in the same
 * statement, on the control connections so that requests stuck on the request pool never
 * hold up who-is-this; the secret itself is never compared or stored. A session acts with
 * its user's role as it is now. Callers are kept in memory by caller-cache.ts.
 */
export async function lookUpCaller(control: ControlPool, digest: string): Promise<FoundCaller | null> {
  const [row] = await control.query<{
    id: number;
    name: string;
    role: Role;
    kind: ApiTokenKind;
    channel: string | null;
    user_id: number | null;
    user_role: Role | null;
    remaining_ms: number | null;
    stale: boolean;
  }>(
    `select t.id, t.name, t.role, t.kind, t.channel, t.user_id, u.role as user_role,
            (extract(epoch from t.expires_at - now()) * 1000)::float8 as remaining_ms,
            (t.last_used_at is null or t.last_used_at < now() - interval '${LAST_USED_RESOLUTION}') as stale
     from api_tokens t left join users u on u.id = t.user_id
     where t.secret_hash = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())
       and (t.user_id is null or u.active)`,
    [digest],
  );
  if (!row) return null;
  return {
    caller: {
      tokenId: row.id,
      tokenName: row.name,
      role: row.kind === ApiTokenKind.SESSION && row.user_role ? row.user_role : row.role,
      userId: row.user_id,
      channel: row.channel,
    },
    remainingMs: row.remaining_ms,
    stale: row.stale,
  };
}

/**
 * HOTEL_BOOTSTRAP_ADMIN_TOKEN: makes sure exactly that secret works as an ADMIN token,
 * creating it or restoring its role and validity. One statement, so that processes
 * starting together on one database do not both insert it (the second would fail on the
 * digest's uniqueness and never start).
 */
export async function ensureBootstrapAdminToken(em: EntityManager, secret: string): Promise<void> {
  await em.getConnection().execute(
    `insert into api_tokens (name, role, kind, secret_hash) values ('bootstrap admin', ?, ?, ?)
     on conflict (secret_hash) do update set role = excluded.role, kind = excluded.kind, revoked_at = null, expires_at = null`,
    [Role.ADMIN, ApiTokenKind.API, hashSecret(secret)],
  );
}
