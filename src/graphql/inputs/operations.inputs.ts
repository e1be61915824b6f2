import { Field, ID, InputType, Int } from 'type-graphql';
import { HousekeepingTaskKind } from '../../entities/housekeeping-task.entity';
import { MaintenanceSeverity } from '../../entities/maintenance-request.entity';
import { DateScalar } from '../../scalars';

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
export class OpenMaintenanceRequestInput {
  @Field(() => ID)
  roomId!: string;

  @Field(() => String)
  description!: string;

  @Field(() => MaintenanceSeverity)
  severity!: MaintenanceSeverity;

  @Field(() => ID, { nullable: true })
  assignedToId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'First night the room cannot be sold.' })
  outOfOrderFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'First night it can be sold again.' })
  outOfOrderTo?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Take the room out of order now (refused while a guest is checked in).' })
  takeOutOfOrder?: boolean | null;
}

@InputType()
export class ResolveMaintenanceRequestInput {
  @Field(() => ID)
  requestId!: string;
}

@InputType()
export class JoinWaitlistInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => ID)
  roomTypeId!: string;

  @Field(() => DateScalar)
  checkIn!: string;

  @Field(() => DateScalar)
  checkOut!: string;

  @Field(() => Int)
  numGuests!: number;
}

@InputType()
export class MarkNotificationReadInput {
  @Field(() => ID)
  notificationId!: string;
}
