import { Cascade, Entity, ManyToOne, PrimaryKey, type Rel } from '@mikro-orm/core';
import { defineConfig, MikroORM } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { applyForeignKeyConventions } from '../../src/entities/foreign-key-conventions';

@Entity({ tableName: 'parents' })
class Parent {
  @PrimaryKey({ type: 'integer' })
  id!: number;
}

@Entity({ tableName: 'declared_children' })
class DeclaredChild {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Parent, { deleteRule: 'cascade' })
  parent!: Rel<Parent>;
}

@Entity({ tableName: 'silent_children' })
class SilentChild {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Parent)
  parent!: Rel<Parent>;
}

@Entity({ tableName: 'removing_children' })
class RemovingChild {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Parent, { deleteRule: 'cascade', cascade: [Cascade.PERSIST, Cascade.REMOVE] })
  parent!: Rel<Parent>;
}

const discover = (entities: Function[]) =>
  MikroORM.initSync(
    defineConfig({ clientUrl: 'postgresql://127.0.0.1:1/none', connect: false, entities, discovery: { onMetadata: applyForeignKeyConventions } }),
  ).getMetadata();

describe('the foreign key conventions applied at discovery', () => {
  it('index every foreign key column of a relation that declares its deleteRule', () => {
    expect(discover([Parent, DeclaredChild]).get('DeclaredChild').properties.parent.index).toBe(true);
  });

  it('refuse a relation without a deleteRule, and one asking MikroORM to delete rows itself', () => {
    expect(() => discover([Parent, SilentChild])).toThrow('SilentChild.parent declares no deleteRule');
    expect(() => discover([Parent, RemovingChild])).toThrow('RemovingChild.parent asks MikroORM to delete rows');
  });
});
