import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ChangeKind } from '../../entities/change-event.entity';

@ObjectType({ description: 'One committed change: what happened to which record, and its version after it.' })
export class Change {
  @Field(() => String, { description: 'Where this change is in the feed: pass it as `after` to read what came later.' })
  cursor!: string;

  @Field(() => ChangeKind, {
    description: 'What happened. A partner is shown the kinds of its bookings and payments only, never ROOM_CHANGED or RATE_CHANGED.',
  })
  kind!: ChangeKind;

  @Field(() => String, { description: 'BOOKING, PAYMENT, ROOM or ROOM_TYPE.' })
  entity!: string;

  @Field(() => ID, { description: 'The id of the record that changed: a booking, payment, room or room type.' })
  entityId!: string;

  @Field(() => Int, { description: "The record's version after this change: 1 for its first, one more for each change since." })
  version!: number;

  @Field(() => Date, { description: 'When the transaction that made the change wrote it.' })
  occurredAt!: Date;
}
