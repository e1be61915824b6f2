import { Field, ObjectType } from 'type-graphql';
import { DeleteImpact } from '../deletion/delete-impact';
import { ClassifiedError } from './classified-error';
import { ErrorCode } from './error-code';

@ObjectType({ implements: ClassifiedError, description: 'What the delete would do is no longer what the impactToken describes; nothing was deleted.' })
export class ImpactChangedError extends ClassifiedError {
  static override readonly codes = [ErrorCode.IMPACT_CHANGED] as const;

  @Field(() => DeleteImpact, { description: 'The impact as it is now, with its new token: review it, then delete with that token if still wanted.' })
  readonly impact: DeleteImpact;

  constructor(impact: DeleteImpact) {
    super(ErrorCode.IMPACT_CHANGED, undefined);
    this.impact = impact;
  }
}
