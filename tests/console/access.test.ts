import { type FieldNode, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ACCESS_MATRIX, PUBLIC } from '../../src/auth/access-policy';
import { Role } from '../../src/entities/role';
import { DELETE_CONFIRM, SESSION_FIELDS, VIEWS } from '../../web/src/access';
import * as operations from '../../web/src/api/operations';

/** The console's navigation offers a role exactly the views the API lets it use: src/auth/access-policy.ts decides, not the console. */

function rolesOf(field: string, type: 'Query' | 'Mutation'): readonly string[] {
  const access = ACCESS_MATRIX[type][field];
  if (!access) throw new Error(`${type}.${field} is not in the access matrix`);
  return access === PUBLIC ? Object.values(Role) : access;
}

/** The roles that may call every one of `fields`, wherever (query or mutation) each lives. */
function rolesForAll(fields: readonly string[]): string[] {
  return Object.values(Role).filter((role) => fields.every((field) => rolesOf(field, field in ACCESS_MATRIX.Query ? 'Query' : 'Mutation').includes(role)));
}

describe('the console’s views', () => {
  it.each(VIEWS.map((view) => [view.path, view] as const))('%s is open to exactly the roles the API allows for every field it calls', (_path, view) => {
    expect([...view.roles].sort()).toEqual(rolesForAll(view.fields).sort());
  });

  it('confirms a delete for exactly the roles deleteRecord allows', () => {
    expect([...DELETE_CONFIRM.roles]).toEqual(rolesForAll(DELETE_CONFIRM.fields));
  });

  it('declare every root field the console’s documents call', () => {
    const declared = new Set<string>([...VIEWS.flatMap((view) => view.fields), ...DELETE_CONFIRM.fields, ...SESSION_FIELDS, 'login']);
    const called = (Object.values(operations) as string[]).flatMap((source) =>
      (parse(source).definitions[0] as OperationDefinitionNode).selectionSet.selections.map((selection) => (selection as FieldNode).name.value),
    );
    expect(called.filter((field) => !declared.has(field))).toEqual([]);
  });

  it('leave STAFF the delete preview alone, and PARTNER (who has no staff login) nothing', () => {
    expect(VIEWS.filter((view) => view.roles.includes(Role.STAFF)).map((view) => view.path)).toEqual(['delete']);
    expect(VIEWS.filter((view) => view.roles.includes(Role.PARTNER))).toEqual([]);
  });
});
