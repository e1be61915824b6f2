import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Where one alert stands, shared by every API process: the claim that de-duplicates it.
 * `key` names what it is about: `error:<category>|<code>|<constraint>` for a kind of CRITICAL
 * error, `check:<name>` for an integrity check. A raise is claimed when the alert is not
 * firing or its last raise is older than ALERT_DEDUP_WINDOW_SECONDS; a recovery (checks
 * only) when it is firing. One row per key, never swept: there are few.
 */
@Entity({ tableName: 'alert_states' })
export class AlertState {
  @PrimaryKey({ type: 'string', length: 400 })
  key!: string;

  @Property({ type: 'boolean' })
  firing!: boolean;

  @Property({ type: 'datetime' })
  lastRaisedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  lastRecoveredAt?: Date | null;
}
