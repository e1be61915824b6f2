import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class MarkNotificationReadInput {
  @Field(() => ID)
  notificationId!: string;
}
