import { type ClassType, createUnionType, Field, ObjectType } from 'type-graphql';
import type { ErrorType } from '../../errors/classified-error';
import { ERRORS_OF_EVERY_OPERATION, RESULT_ERROR_TYPES } from '../../errors/error-types';

/** The error types of each result union made here, by the union's name; the mutation boundary reads them. */
const unionErrors = new Map<string, readonly ErrorType[]>();

/**
 * `<Name>Result`: the success type, the errors the mutation's operation declares it can
 * end in, and the two every operation can meet (invalid input, a transient failure that
 * outlasted the retries).
 */
export function mutationResult(name: string, success: ClassType, operation: { readonly errors: readonly ErrorType[] }) {
  const undeclarable = operation.errors.filter((type) => !RESULT_ERROR_TYPES.includes(type));
  if (undeclarable.length) throw new Error(`${name}: ${undeclarable.map((type) => type.name).join(', ')} travel only as top-level errors`);
  const errors = [...new Set([...ERRORS_OF_EVERY_OPERATION, ...operation.errors])];
  unionErrors.set(`${name}Result`, errors);
  return createUnionType({
    name: `${name}Result`,
    types: () => [success, ...(errors as unknown as ClassType[])] as const,
  });
}

/** The error types of a union made by mutationResult; undefined for any other union. */
export function resultUnionErrors(unionName: string): readonly ErrorType[] | undefined {
  return unionErrors.get(unionName);
}

/** `<Name>Success { <field>: <type>! }`, the shape of most successes. */
export function successOf<T extends object>(name: string, field: string, type: ClassType<T>): ClassType<Record<string, T>> {
  @ObjectType(name)
  class Success {}
  Field(() => type)(Success.prototype, field);
  return Success as ClassType<Record<string, T>>;
}

/** An instance of a success type made by successOf, for its union to recognise. */
export function succeed<T extends object>(type: ClassType<Record<string, T>>, field: string, value: T): Record<string, T> {
  return Object.assign(new type(), { [field]: value });
}
