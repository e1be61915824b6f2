import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * It holds plain ids and labels and no foreign key, so it outlives the rows it describes,
 * the actor's included; PostgreSQL refuses to change or delete it (audit_entries_append_only).
 */
@ObjectType({
  simpleResolvers: true,
  description:
    'A record of an administrative act (a delete, a repair, a changed user, rate or policy): who, what, on which record, why, and the fields it changed. Never changed or deleted; it outlives the records it names.',
})
@Entity({ tableName: 'audit_entries' })
@Index({ name: 'audit_entries_entity_index', properties: ['entity', 'entityId'] })
@Index({ name: 'audit_entries_created_at_index', properties: ['createdAt'] })
export class AuditEntry {
  @Field(() => ID, { description: 'Unique among audit entries; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'Who acted, as a label that outlives them: "user:3 (admin@hotel)" or "token:7 (channel manager)".' })
  @Property({ type: 'string', length: 255 })
  actor!: string;

  @Field(() => String, { description: 'What was done: DELETE, REPAIR, UPDATE_ROOM, DEACTIVATE_USER, …' })
  @Property({ type: 'string', length: 60 })
  action!: string;

  @Field(() => String, { description: 'The kind of record acted on: ROOM, USER, BOOKING, INTEGRITY, …' })
  @Property({ type: 'string', length: 60 })
  entity!: string;

  @Field(() => String, { nullable: true, description: 'That record’s id (a check’s name for INTEGRITY); null for an act on no single record.' })
  @Property({ type: 'string', length: 60, nullable: true })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Why, as given with the act; null when none was.' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** Each field the change touched: { field: { before, after } }. */
  @Property({ type: 'json', default: '{}' })
  changes: Opt<Record<string, { before: unknown; after: unknown }>> = {};

  @Field(() => GraphQLJSONObject, { description: 'What else the act recorded, as a JSON object: counts, ids, a long check name.' })
  @Property({ type: 'json', default: '{}' })
  details: Opt<Record<string, unknown>> = {};

  @Field(() => Date, { description: 'When it happened.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
