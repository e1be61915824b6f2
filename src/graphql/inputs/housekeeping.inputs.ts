import { Field, ID, InputType } from 'type-graphql';
import { HousekeepingTaskKind } from '../../entities/housekeeping-task.entity';

@InputType({ description: 'Housekeeping work to do in a room.' })
export class CreateHousekeepingTaskInput {
  @Field(() => ID, { description: 'The room.' })
  roomId!: string;

  @Field(() => HousekeepingTaskKind, { description: 'What is to be done.' })
  kind!: HousekeepingTaskKind;

  @Field(() => ID, { nullable: true, description: 'The active staff user to give it to (who is notified); nobody when left out.' })
  assignedToId?: string | null;

  @Field(() => String, { nullable: true, description: 'Free text for whoever does it.' })
  notes?: string | null;
}

@InputType({ description: 'The task done.' })
export class CompleteHousekeepingTaskInput {
  @Field(() => ID, { description: 'The task, OPEN.' })
  taskId!: string;
}

@InputType({ description: 'An open task, and whom to give it to.' })
export class AssignHousekeepingTaskInput {
  @Field(() => ID, { description: 'The task, OPEN.' })
  taskId!: string;

  @Field(() => ID, { nullable: true, description: 'The active staff user to give it to; null gives it to nobody.' })
  assignedToId?: string | null;
}
