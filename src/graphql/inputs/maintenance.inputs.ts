import { Field, ID, InputType } from 'type-graphql';
import { MaintenanceSeverity } from '../../entities/maintenance-request.entity';
import { DateScalar } from '../../scalars';

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
export class StartMaintenanceRequestInput {
  @Field(() => ID)
  requestId!: string;
}

@InputType()
export class AssignMaintenanceRequestInput {
  @Field(() => ID)
  requestId!: string;

  @Field(() => ID, { nullable: true, description: 'The active staff user to give it to; null gives it to nobody.' })
  assignedToId?: string | null;
}
