import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * A record of an administrative act (a delete, a repair, a changed user, rate or policy):
 * who, what, on which record, why, and the fields it changed. It holds plain ids and
 * labels and no foreign key, so it outlives the rows it describes, the actor's included;
 * PostgreSQL refuses to change or delete it (audit_entries_append_only).
 */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'audit_entries' })
@Index({ name: 'audit_entries_entity_index', properties: ['entity', 'entityId'] })
@Index({ name: 'audit_entries_created_at_index', properties: ['createdAt'] })
export class AuditEntry {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** "user:3 (admin@hotel)" or "token:7 (channel manager)". */
  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  actor!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 60 })
  action!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 60 })
  entity!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 60, nullable: true })
  entityId?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** Each field the change touched: { field: { before, after } }. */
  @Property({ type: 'json', default: '{}' })
  changes: Opt<Record<string, { before: unknown; after: unknown }>> = {};

  @Field(() => GraphQLJSONObject)
  @Property({ type: 'json', default: '{}' })
  details: Opt<Record<string, unknown>> = {};

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
