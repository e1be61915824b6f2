import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../../scalars';

@InputType({ description: 'The business date to close.' })
export class CloseBusinessDayInput {
  @Field(() => DateScalar, { description: 'The business date to close: it must be the current one, so a close asked twice acts once.' })
  businessDate!: string;
}
