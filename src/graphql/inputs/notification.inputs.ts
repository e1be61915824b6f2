import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class MarkNotificationReadInput {
  @Field(() => ID)
  notificationId!: string;
}

@InputType()
export class MarkAllNotificationsReadInput {
  @Field(() => ID, { nullable: true, description: "One guest's notifications only." })
  customerId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only those up to this notification (the newest the caller has seen), so one arriving meanwhile stays unread.',
  })
  throughId?: string | null;
}
