import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { IdempotencyRecord } from '../entities/idempotency-record.entity';
import { ErrorCode } from '../errors/error-code';
import { ValidationError } from '../errors/validation-error';
import type { OperationContext } from '../kernel/operation-context';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** JSON with sorted keys, so the same input always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const keyProblem = (message: string, code?: ErrorCode.IDEMPOTENCY_KEY_REUSED) =>
  new ValidationError([{ path: ['input', 'idempotencyKey'], message }], { code });

export interface IdempotentResult<R> {
  result: R;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Runs a partner's write at most once per idempotency key. Keys belong to the caller (a
 * partner's channel, else the token) and the operation. Requests with one key are
 * serialised by a transaction-scoped advisory lock; the first stores its result in the
 * same transaction as its write, so a replay finds either nothing (the write failed and
 * rolled back) or the committed answer. The same key with a different input is refused.
 */
export async function idempotent<R extends Record<string, unknown>>(
  ctx: OperationContext,
  operation: string,
  key: string | null | undefined,
  input: Record<string, unknown>,
  work: () => Promise<R>,
): Promise<IdempotentResult<R>> {
  if (key === null || key === undefined) return { result: await work(), replayed: false };
  if (!KEY_PATTERN.test(key)) throw keyProblem('Must be 1 to 200 printable ASCII characters without spaces.');
  const scope = ctx.caller?.channel ? `channel:${ctx.caller.channel}` : `token:${ctx.caller?.tokenId ?? 'anonymous'}`;
  const scopedKey = `${scope}|${operation}|${key}`;
  const { idempotencyKey: _ignored, ...rest } = input;
  const requestHash = createHash('sha256').update(canonical(rest)).digest('hex');
  const em: EntityManager = ctx.em;

  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [scopedKey]);
  const stored = await em.findOne(IdempotencyRecord, { scopedKey });
  if (stored && stored.expiresAt.getTime() > Date.now()) {
    if (stored.requestHash !== requestHash) {
      throw keyProblem('This idempotency key was already used with a different input.', ErrorCode.IDEMPOTENCY_KEY_REUSED);
    }
    return { result: stored.response as R, replayed: true };
  }

  const result = await work();
  const record = { requestHash, response: result, createdAt: new Date(), expiresAt: new Date(Date.now() + IDEMPOTENCY_TTL_MS) };
  // An expired record is overwritten in place. Deleting it natively left its entity in the
  // identity map, so a new one with the same key was flushed as an update of the deleted
  // row: nothing was stored and the retried write was no longer idempotent.
  if (stored) Object.assign(stored, record);
  else em.create(IdempotencyRecord, { scopedKey, ...record });
  return { result, replayed: false };
}
