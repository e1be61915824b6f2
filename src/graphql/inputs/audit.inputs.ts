import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Which audit entries to list; every condition given must hold.' })
export class AuditEntryFilter {
  @Field(() => String, { nullable: true, description: 'Part of the actor’s label, any case: "user:3", "admin@hotel.test", "token:7".' })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'The action exactly: DELETE, REPAIR, UPDATE_ROOM, DEACTIVATE_USER, …' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'The kind of record exactly: ROOM, USER, BOOKING, INTEGRITY, …' })
  entity?: string | null;

  @Field(() => ID, { nullable: true, description: 'The record’s id (with entity).' })
  entityId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Entries written at or after this instant.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Entries written before this instant.' })
  to?: Date | null;
}
