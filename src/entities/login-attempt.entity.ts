import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A login attempt that counts against its key ("email:…" or "address:…") until its window
 * passes: the throttle every API process enforces together. Kept by the API for itself.
 */
@Entity({ tableName: 'login_attempts' })
@Index({ name: 'login_attempts_key_attempted_at_index', properties: ['key', 'attemptedAt'] })
@Check({ name: 'login_attempts_key_check', expression: "key ~ '^(email|address):'" })
export class LoginAttempt {
  @PrimaryKey({ type: 'bigint' })
  id!: string;

  @Property({ type: 'string', length: 400 })
  key!: string;

  @Property({ type: 'datetime' })
  attemptedAt!: Date;
}
