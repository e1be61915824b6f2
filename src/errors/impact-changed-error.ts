import { Field, ObjectType } from 'type-graphql';
import { DeleteImpact } from '../deletion/delete-impact';
import { ClassifiedError } from './classified-error';
import { ErrorCode } from './error-code';

/** What a delete would do is no longer what its preview's token describes; `impact` is the new preview. */
@ObjectType({ implements: ClassifiedError })
export class ImpactChangedError extends ClassifiedError {
  static override readonly codes = [ErrorCode.IMPACT_CHANGED] as const;

  @Field(() => DeleteImpact)
  readonly impact: DeleteImpact;

  constructor(impact: DeleteImpact) {
    super(ErrorCode.IMPACT_CHANGED, undefined);
    this.impact = impact;
  }
}
