import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLEnumType, type OperationDefinitionNode, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as operations from '../../web/src/api/operations';
import { DELETABLE_ENTITIES, tableOf } from '../../web/src/deletion/entities';
import { useTestDatabase } from '../support/test-database';

/** The console talks to the public API only: each of its documents must hold against the committed schema. */

const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));
const documents: [string, string][] = Object.entries(operations);

describe('the console’s GraphQL documents', () => {
  it('are every export of operations.ts, each one named operation', () => {
    expect(documents.map(([name]) => name).sort()).toEqual(
      ['AUDIT_ENTRIES', 'DELETE_IMPACT', 'DELETE_RECORD', 'ERROR_HISTORY', 'INTEGRITY_REPORT', 'LOGIN', 'ME', 'REPAIR_INTEGRITY', 'SIGN_OUT'].sort(),
    );
    for (const [, source] of documents) {
      const definitions = parse(source).definitions;
      expect(definitions).toHaveLength(1);
      expect((definitions[0] as OperationDefinitionNode).name?.value).toMatch(/^Console/);
    }
  });

  it.each(documents)('%s validates against schema/schema.graphql', (_name, source) => {
    expect(validate(schema, parse(source)).map((error) => error.message)).toEqual([]);
  });
});

describe('the kinds of record the delete view offers', () => {
  const db = useTestDatabase();

  it('are exactly the schema’s DeletableEntity', () => {
    const values = (schema.getType('DeletableEntity') as GraphQLEnumType).getValues().map((value) => value.name);
    expect([...DELETABLE_ENTITIES].sort()).toEqual(values.sort());
  });

  it('each name a table of the database, which is how sample ids and blockers link to their records', async () => {
    const rows = await db.rows<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public'`);
    const tables = new Set(rows.map((row) => row.table_name));
    expect(DELETABLE_ENTITIES.filter((entity) => !tables.has(tableOf(entity)))).toEqual([]);
  });
});
