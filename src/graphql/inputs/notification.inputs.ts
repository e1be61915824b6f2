import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'The notification to mark read.' })
export class MarkNotificationReadInput {
  @Field(() => ID, { description: 'A notification of the caller’s inbox (an ADMIN: any).' })
  notificationId!: string;
}

@InputType({ description: 'Which unread notifications to mark read: the caller’s whole inbox when both fields are left out.' })
export class MarkAllNotificationsReadInput {
  @Field(() => ID, { nullable: true, description: "One guest's notifications only." })
  customerId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only those up to this notification (the newest the caller has seen), so one arriving meanwhile stays unread.',
  })
  throughId?: string | null;
}
