import { type ClassType, createUnionType, Field, ObjectType } from 'type-graphql';
import type { ErrorType } from '../../errors/classified-error';
import { ERRORS_OF_EVERY_OPERATION, RESULT_ERROR_TYPES } from '../../errors/error-types';

/** What the mutation boundary needs of a result union made here: its success type and the error types it holds. */
export interface ResultUnion {
  success: ClassType;
  errors: readonly ErrorType[];
}

const unions = new Map<string, ResultUnion>();

/** `CreateBookingSuccess` → `createBooking`: the mutation a result type belongs to. */
const mutationOf = (typeName: string): string => `${typeName[0].toLowerCase()}${typeName.slice(1).replace(/(Success|Result)$/, '')}`;

/**
 * What a result union says of itself, from what it holds: generated client docs show it on
 * every mutation, and an error type added to an operation shows up here by itself.
 */
function unionDescription(name: string, success: ClassType, errors: readonly ErrorType[]): string {
  return `What ${mutationOf(name)} answers: ${success.name} when it is done, or the error that stopped it, one of ${errors.map((type) => type.name).join(', ')}; nothing was changed then, unless the code is COMMIT_OUTCOME_UNKNOWN or CHANGE_SAVED. Switch on __typename.`;
}

/**
 * A success whose answer shows a secret that exists only in it (a session token, an API
 * token's secret) says so with `static showsASecretOnce = true`: it cannot be stored for a
 * replay, so its mutation takes no idempotency key.
 */
export const showsASecretOnce = (success: ClassType): boolean => (success as { showsASecretOnce?: boolean }).showsASecretOnce === true;

/**
 * `<Name>Result`: the success type, the errors the mutation's operation declares it can
 * end in, and the two every operation can meet (invalid input, a transient failure that
 * outlasted the retries).
 */
export function mutationResult(name: string, success: ClassType, operation: { readonly errors: readonly ErrorType[] }) {
  const undeclarable = operation.errors.filter((type) => !RESULT_ERROR_TYPES.includes(type));
  if (undeclarable.length) throw new Error(`${name}: ${undeclarable.map((type) => type.name).join(', ')} travel only as top-level errors`);
  const errors = [...new Set([...ERRORS_OF_EVERY_OPERATION, ...operation.errors])];
  unions.set(`${name}Result`, { success, errors });
  return createUnionType({
    name: `${name}Result`,
    description: unionDescription(name, success, errors),
    types: () => [success, ...(errors as unknown as ClassType[])] as const,
  });
}

/** A union made by mutationResult; undefined for any other union. */
export function resultUnion(unionName: string): ResultUnion | undefined {
  return unions.get(unionName);
}

/** `<Name>Success { <field>: <type>! }`, the shape of most successes. */
export function successOf<T extends object>(name: string, field: string, type: ClassType<T>): ClassType<Record<string, T>> {
  const mutation = mutationOf(name);
  @ObjectType(name, { description: `${mutation} is done and committed; \`${field}\` shows the result.` })
  class Success {}
  Field(() => type, { description: `The ${type.name} as ${mutation} left it.` })(Success.prototype, field);
  return Success as ClassType<Record<string, T>>;
}

/** An instance of a success type made by successOf, for its union to recognise. */
export function succeed<T extends object>(type: ClassType<Record<string, T>>, field: string, value: T): Record<string, T> {
  return Object.assign(new type(), { [field]: value });
}
