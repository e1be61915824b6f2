import { createHash } from 'node:crypto';
import { helper, Utils } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { IdempotencyRecord } from '../entities/idempotency-record.entity';
import { ErrorCode } from '../errors/error-code';
import { ValidationError } from '../errors/validation-error';
import type { GraphQLContext } from './context';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Where a key came from: the Idempotency-Key header, or the input's idempotencyKey field. */
type KeySource = 'header' | 'input';
const KEY_PATH: Readonly<Record<KeySource, string[]>> = { header: ['headers', 'Idempotency-Key'], input: ['input', 'idempotencyKey'] };

const keyProblem = (source: KeySource, message: string, code?: ErrorCode.IDEMPOTENCY_KEY_REUSED) =>
  new ValidationError([{ path: KEY_PATH[source], message }], { code });

/** Input fields holding a password: never part of the stored hash, which a fast digest of a password would make a guessable copy of. */
const SECRET_FIELD = /password/i;

/** JSON with sorted keys, so the same input always hashes the same; passwords left out (SECRET_FIELD). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined && !SECRET_FIELD.test(key))
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The key of a mutation request, if it has one; the input's idempotencyKey and the header must agree. */
export function idempotencyKeyOf(
  context: Pick<GraphQLContext, 'idempotencyKey'>,
  args: Record<string, unknown>,
): { key: string; source: KeySource } | undefined {
  const fromInput = (args.input as { idempotencyKey?: string | null } | undefined)?.idempotencyKey ?? undefined;
  const fromHeader = context.idempotencyKey ?? undefined;
  if (fromInput !== undefined && fromHeader !== undefined && fromInput !== fromHeader) {
    throw keyProblem('input', 'Differs from the Idempotency-Key header; send one key.');
  }
  const key = fromHeader ?? fromInput;
  if (key === undefined) return undefined;
  const source: KeySource = fromHeader !== undefined ? 'header' : 'input';
  if (!KEY_PATTERN.test(key)) throw keyProblem(source, 'Must be 1 to 200 printable ASCII characters without spaces.');
  return { key, source };
}

/** What is kept of a success: its values, entities by class and id (re-read on replay), instants as text. */
type Stored = { $entity: string; id: unknown } | { $date: string } | Stored[] | { [field: string]: Stored } | string | number | boolean | null;

/** A managed entity by class and primary key; undefined for anything else. */
function entityRef(value: object): { $entity: string; id: unknown } | undefined {
  if (!Utils.isEntity(value)) return undefined;
  const wrapped = helper(value);
  return { $entity: wrapped.__meta.className, id: wrapped.getPrimaryKey() };
}

function store(value: unknown): Stored {
  if (value === undefined || value === null) return null;
  const ref = typeof value === 'object' ? entityRef(value) : undefined;
  if (ref) return ref;
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(store);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([field, inner]) => [field, store(inner)]));
  return value as string | number | boolean;
}

/**
 * The stored answer with its entities read again, one after another: the reads share the
 * transaction's one connection, which takes one query at a time.
 */
async function restore(em: EntityManager, stored: Stored): Promise<unknown> {
  if (stored === null || typeof stored !== 'object') return stored;
  if ('$entity' in stored) return em.findOneOrFail(stored.$entity as string, stored.id as never);
  if ('$date' in stored) return new Date(stored.$date as string);
  const entries = Array.isArray(stored) ? stored.entries() : Object.entries(stored);
  const restored: [string | number, unknown][] = [];
  for (const [key, inner] of entries) restored.push([key, await restore(em, inner)]);
  return Array.isArray(stored) ? restored.map(([, value]) => value) : Object.fromEntries(restored);
}

export interface Replayable {
  /** The class of the operation's success, to rebuild it on replay. */
  success: new () => object;
  /** Set to true on a replay when the success type says whether it is one. */
  replayedField?: string;
}

/**
 * Runs a mutation at most once per idempotency key, inside its transaction. Keys belong to
 * the caller (a partner's channel, else the token) and the operation. Requests with one
 * key are serialised by a transaction-scoped advisory lock; the first stores its success
 * in the same transaction as its writes, so a replay finds either nothing (the write
 * failed and rolled back, and runs again) or the committed answer, rebuilt from the same
 * records. The same key with a different request is IDEMPOTENCY_KEY_REUSED.
 */
export async function onceByKey(
  context: GraphQLContext,
  operation: string,
  found: { key: string; source: KeySource },
  args: Record<string, unknown>,
  replayable: Replayable,
  run: () => Promise<unknown>,
): Promise<{ result: unknown; replayed: boolean }> {
  const { em, caller } = context;
  const scope = caller?.channel ? `channel:${caller.channel}` : `token:${caller?.tokenId ?? 'anonymous'}`;
  const scopedKey = `${scope}|${operation}|${found.key}`;
  const { idempotencyKey: _ignored, ...input } = (args.input ?? {}) as Record<string, unknown>;
  const requestHash = createHash('sha256')
    .update(canonical({ ...args, input }))
    .digest('hex');

  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [scopedKey]);
  const previous = await em.findOne(IdempotencyRecord, { scopedKey });
  if (previous && previous.expiresAt.getTime() > Date.now()) {
    if (previous.requestHash !== requestHash) {
      throw keyProblem(found.source, 'This idempotency key was already used with a different input.', ErrorCode.IDEMPOTENCY_KEY_REUSED);
    }
    const fields = (await restore(em, previous.response as Stored)) as Record<string, unknown>;
    const result = Object.assign(new replayable.success(), fields, replayable.replayedField ? { [replayable.replayedField]: true } : {});
    return { result, replayed: true };
  }

  const result = await run();
  // Ids exist once flushed; the record is written in the same transaction as the change.
  await em.flush();
  const record = {
    requestHash,
    response: store(result) as Record<string, unknown>,
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + IDEMPOTENCY_TTL_MS),
  };
  // An expired record is overwritten in place: deleting it natively would leave its entity
  // in the identity map, and the new one would be flushed as an update of a deleted row.
  if (previous) Object.assign(previous, record);
  else em.create(IdempotencyRecord, { scopedKey, ...record });
  return { result, replayed: false };
}
