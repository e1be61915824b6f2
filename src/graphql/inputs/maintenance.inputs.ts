import { Field, ID, InputType } from 'type-graphql';
import { MaintenanceSeverity } from '../../entities/maintenance-request.entity';
import { DateScalar } from '../../scalars';

@InputType({ description: 'A fault to report in a room, and the nights it takes the room off sale, if any.' })
export class OpenMaintenanceRequestInput {
  @Field(() => ID, { description: 'The room.' })
  roomId!: string;

  @Field(() => String, { description: 'What is wrong, not blank.' })
  description!: string;

  @Field(() => MaintenanceSeverity, { description: 'How urgent it is.' })
  severity!: MaintenanceSeverity;

  @Field(() => ID, { nullable: true, description: 'The active staff user to give it to (who is notified); nobody when left out.' })
  assignedToId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'First night the room cannot be sold.' })
  outOfOrderFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'First night it can be sold again.' })
  outOfOrderTo?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Take the room out of order now (refused while a guest is checked in).' })
  takeOutOfOrder?: boolean | null;
}

@InputType({ description: 'The request fixed.' })
export class ResolveMaintenanceRequestInput {
  @Field(() => ID, { description: 'The request, OPEN or IN_PROGRESS.' })
  requestId!: string;
}

@InputType({ description: 'The request work begins on.' })
export class StartMaintenanceRequestInput {
  @Field(() => ID, { description: 'The request, OPEN.' })
  requestId!: string;
}

@InputType({ description: 'An unresolved request, and whom to give it to.' })
export class AssignMaintenanceRequestInput {
  @Field(() => ID, { description: 'The request, OPEN or IN_PROGRESS.' })
  requestId!: string;

  @Field(() => ID, { nullable: true, description: 'The active staff user to give it to; null gives it to nobody.' })
  assignedToId?: string | null;
}
