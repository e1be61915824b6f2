import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, InterfaceType } from 'type-graphql';
import { CLASSIFICATION } from './classification';
import { ErrorCategory, ErrorCode, ErrorSeverity } from './error-code';

export interface ClassifiedErrorOptions {
  /** The database constraint behind the error, for logs and frequency; never shown to clients. */
  constraint?: string;
  cause?: unknown;
}

/**
 * An expected failure. Each subclass is one GraphQL type and owns its `codes`; the code
 * gives category, severity and retryability from the one classification table. Services
 * throw these; a mutation's result union returns the very object thrown, and anywhere
 * else it becomes a classified top-level error. Everything that is not a ClassifiedError
 * is unexpected and gets masked.
 *
 * Not an Error subclass, on purpose: graphql-js treats any resolver value that is an
 * Error as a thrown one, so an Error could never be a member of a union. It still has a
 * name, a message and a stack for the log.
 */
@InterfaceType('ClassifiedError', { description: 'An expected failure, classified. `message` is safe to show a user.' })
export abstract class ClassifiedError {
  /** The codes this type answers with; every code belongs to exactly one type. */
  static readonly codes: readonly ErrorCode[] = [];

  /** Whether `code` is one of this type's. */
  static owns<T extends { readonly codes: readonly ErrorCode[] }>(this: T, code: ErrorCode): code is T['codes'][number] {
    // biome-ignore lint/complexity/noThisInStatic: each type answers for its own codes
    return this.codes.includes(code);
  }

  @Field(() => ErrorCode, { description: 'The stable code to switch on; its value’s description in ErrorCode says what to do.' })
  readonly code: ErrorCode;

  @Field(() => String, { description: 'What went wrong, safe to show a user: never SQL, a stack or internals.' })
  readonly message: string;

  readonly name: string;
  declare readonly stack?: string;
  readonly cause?: unknown;
  readonly constraint?: string;

  protected constructor(code: ErrorCode, message: string | undefined, options: ClassifiedErrorOptions = {}) {
    const { codes } = new.target as unknown as typeof ClassifiedError;
    if (!codes.includes(code)) throw new Error(`${new.target.name} does not answer ${code}; its codes are ${codes.join(', ')}`);
    this.code = code;
    this.message = message ?? CLASSIFICATION[code].message;
    this.name = new.target.name;
    this.cause = options.cause;
    this.constraint = options.constraint;
    Error.captureStackTrace(this, new.target);
  }

  @Field(() => ErrorCategory, { description: 'What kind of failure it is; follows from the code.' })
  get category(): ErrorCategory {
    return CLASSIFICATION[this.code].category;
  }

  @Field(() => ErrorSeverity, { description: 'How serious it is for the hotel’s operators; follows from the code.' })
  get severity(): ErrorSeverity {
    return CLASSIFICATION[this.code].severity;
  }

  @Field(() => Boolean, { description: 'Whether the same request may succeed if simply sent again (after retryAfterMs, where there is one).' })
  get retryable(): boolean {
    return CLASSIFICATION[this.code].retryable;
  }

  /**
   * True when the error can say more once its transaction has rolled back, reading with a
   * fresh EntityManager (which committed rows it collided with): see completeAfterRollback.
   */
  get readsAfterRollback(): boolean {
    return false;
  }

  /** Reads what readsAfterRollback promises. */
  async completeAfterRollback(_em: EntityManager): Promise<void> {}

  toString(): string {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

/** A concrete type of classified error, as operations declare what they can end in. */
export type ErrorType = (abstract new (...args: never[]) => ClassifiedError) & { readonly codes: readonly ErrorCode[] };

/** What an error can only tell once its transaction has rolled back, read then with a fresh EntityManager. */
export type ReadAfterRollback<T> = (em: EntityManager) => Promise<T>;
