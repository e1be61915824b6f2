import { describe, expect, it } from 'vitest';
import { DELETE_RULES, deleteRuleNamed } from '../../src/deletion/delete-rule';
import { ident, SQLSTATE } from '../../src/sql';
import { useTestDatabase } from '../support/test-database';

const db = useTestDatabase();

/** How PostgreSQL refuses a parent's delete under each rule that blocks it. */
const REFUSED_WITH: Readonly<Record<string, string>> = { RESTRICT: SQLSTATE.RESTRICT_VIOLATION, 'NO ACTION': SQLSTATE.FOREIGN_KEY_VIOLATION };

/** What PostgreSQL itself does under `rule`'s DDL: its confdeltype, and the child row after its parent's delete. */
async function underPostgres(ddl: string, tag: string) {
  const parent = ident(`rule_parent_${tag}`);
  const child = ident(`rule_child_${tag}`);
  const client = db.sql;
  try {
    await client.query('begin');
    await client.query(`create temporary table ${parent} (id int primary key)`);
    await client.query(`create temporary table ${child} (id int primary key, parent_id int references ${parent} ${ddl})`);
    await client.query(`insert into ${parent} values (1); insert into ${child} values (10, 1)`);
    const { rows: codes } = await client.query(`select confdeltype from pg_constraint where conrelid = $1::regclass and contype = 'f'`, [child]);
    await client.query('savepoint before_delete');
    const refusedWith = await client.query(`delete from ${parent} where id = 1`).then(
      () => undefined,
      (error: { code?: string }) => error.code,
    );
    if (refusedWith) await client.query('rollback to savepoint before_delete');
    const { rows: children } = await client.query(`select parent_id from ${child} where id = 10`);
    return { confdeltype: codes[0].confdeltype, refusedWith, child: children[0] ?? null };
  } finally {
    await client.query('rollback');
  }
}

describe('each delete rule, as PostgreSQL enforces it', () => {
  it.each(DELETE_RULES.map((rule) => [rule.name, rule] as const))(
    '%s: its DDL makes the confdeltype it names and does what its effect says',
    async (_name, rule) => {
      const seen = await underPostgres(rule.ddl, rule.confdeltype);
      expect(seen.confdeltype).toBe(rule.confdeltype);
      const effect = seen.refusedWith ? 'block' : seen.child === null ? 'delete' : 'nullify';
      expect(effect).toBe(rule.effect);
      if (rule.effect === 'block') expect(seen.refusedWith).toBe(REFUSED_WITH[rule.name]);
      if (rule.effect === 'nullify') expect(seen.child).toEqual({ parent_id: null });
    },
  );

  it('are the rules an entity may name, and no other', () => {
    expect(['cascade', 'set null', 'restrict', 'no action'].map((declared) => deleteRuleNamed(declared, 'x').name)).toEqual(
      DELETE_RULES.map((rule) => rule.name),
    );
    expect(() => deleteRuleNamed('set default', 'Booking.room')).toThrow(
      'Booking.room: unsupported deleteRule "set default"; declare one of cascade, set null, restrict, no action',
    );
  });
});
