import { Field, ID, InputType } from 'type-graphql';
import { HousekeepingTaskKind } from '../../entities/housekeeping-task.entity';

@InputType()
export class CreateHousekeepingTaskInput {
  @Field(() => ID)
  roomId!: string;

  @Field(() => HousekeepingTaskKind)
  kind!: HousekeepingTaskKind;

  @Field(() => ID, { nullable: true })
  assignedToId?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;
}

@InputType()
export class CompleteHousekeepingTaskInput {
  @Field(() => ID)
  taskId!: string;
}

@InputType()
export class AssignHousekeepingTaskInput {
  @Field(() => ID)
  taskId!: string;

  @Field(() => ID, { nullable: true, description: 'The active staff user to give it to; null gives it to nobody.' })
  assignedToId?: string | null;
}
