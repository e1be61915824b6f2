import { PrimaryKey } from '@mikro-orm/core';

/**
 * The kind of an error, as every table that counts errors keys it: category, code and
 * constraint name (empty for none). Each table adds the rest of its key after these.
 */
export abstract class ErrorKindKey {
  @PrimaryKey({ type: 'string', length: 40 })
  category!: string;

  @PrimaryKey({ type: 'string', length: 60 })
  code!: string;

  @PrimaryKey({ type: 'string', length: 100 })
  constraintName!: string;
}
