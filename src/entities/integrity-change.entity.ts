import { Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/** Which version of a row a change records. */
export enum IntegrityChangeVersion {
  /** A row as inserted or updated. */
  NEW = 'NEW',
  /** A row as it was before an update that changed its keys, or before its delete. */
  OLD = 'OLD',
  /** The whole table was emptied: an incremental run reads it all again. */
  TRUNCATED = 'TRUNCATED',
}

/**
 * What the incremental integrity run reads instead of the whole data: the keys (the `id` and
 * every `*_id` column) of each row version written to a table of the hotel's records,
 * recorded by statement-level triggers that fire always, replica sessions included, in the
 * transaction of the change; `txId` is that transaction's. A run whose base snapshot had
 * xmin X reads the changes with txId >= X: every transaction its base could not see has an
 * id at least X, so a change that committed after the base began is never missed. Swept
 * below the latest base's xmin.
 */
@Entity({ tableName: 'integrity_changes' })
@Index({ name: 'integrity_changes_table_tx_index', properties: ['tableName', 'txId'] })
export class IntegrityChange {
  @PrimaryKey({ type: 'bigint' })
  id!: string;

  @Property({ columnType: 'xid8', defaultRaw: 'pg_current_xact_id()' })
  txId!: Opt<string>;

  @Property({ type: 'string', length: 63 })
  tableName!: string;

  @Enum({ items: () => IntegrityChangeVersion, type: 'string' })
  version!: IntegrityChangeVersion;

  /** The row version's `id` and `*_id` columns; null for TRUNCATED. */
  @Property({ type: 'json', nullable: true })
  keys?: Record<string, number | string | null> | null;
}
