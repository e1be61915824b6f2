import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One committed change: what happened to which record, and its version after it.' })
export class Change {
  @Field(() => String, { description: 'Where this change is in the feed: pass it as `after` to read what came later.' })
  cursor!: string;

  @Field(() => String, {
    description:
      'BOOKING_CREATED, BOOKING_AMENDED, BOOKING_MOVED, BOOKING_CANCELLED, BOOKING_CHECKED_IN, BOOKING_CHECKED_OUT, BOOKING_NO_SHOW, PAYMENT_RECORDED, PAYMENT_REFUNDED; for the hotel also ROOM_CHANGED and RATE_CHANGED.',
  })
  kind!: string;

  @Field(() => String, { description: 'BOOKING, PAYMENT, ROOM or ROOM_TYPE.' })
  entity!: string;

  @Field(() => ID)
  entityId!: string;

  @Field(() => Int, { description: "The record's version after this change: 1 for its first, one more for each change since." })
  version!: number;

  @Field(() => Date)
  occurredAt!: Date;
}
