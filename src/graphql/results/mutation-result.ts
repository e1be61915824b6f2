import { type ClassType, createUnionType, Field, ObjectType } from 'type-graphql';
import { ServiceUnavailableError, ValidationError } from '../../errors/graphql-error-types';

/**
 * `<Name>Result`: the success type, the errors this mutation can return, and the two every
 * mutation can meet (invalid input, a transient failure that outlasted the retries).
 */
export function mutationResult(name: string, success: ClassType, errors: ClassType[] = []) {
  return createUnionType({
    name: `${name}Result`,
    types: () => [success, ValidationError, ...errors, ServiceUnavailableError] as const,
  });
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
