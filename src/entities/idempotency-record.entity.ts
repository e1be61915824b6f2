import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The stored first answer to a partner's write, keyed by (caller, operation, key) and
 * written in the same transaction as the write itself.
 */
@Entity({ tableName: 'idempotency_records' })
@Index({ name: 'idempotency_records_expires_at_index', properties: ['expiresAt'] })
export class IdempotencyRecord {
  @PrimaryKey({ type: 'string', length: 300 })
  scopedKey!: string;

  /** SHA-256 of the canonical input, to tell a replay from a reuse. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  @Property({ type: 'json' })
  response!: Record<string, unknown>;

  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;

  @Property({ type: 'datetime' })
  expiresAt!: Date;
}
