import { Field, ObjectType } from 'type-graphql';
import { Booking } from '../../entities/booking.entity';
import { NightAudit } from '../../entities/night-audit.entity';
import { DateScalar } from '../../scalars';
import { closeBusinessDay } from '../../services/night-audit';
import { mutationResult } from './mutation-result';

@ObjectType({ description: 'What closing a business day did.' })
export class CloseBusinessDaySuccess {
  @Field(() => NightAudit, { description: 'The record of the day closed.' })
  nightAudit!: NightAudit;

  @Field(() => [Booking], { description: 'The bookings marked NO_SHOW, each with its no-show fee on its folio.' })
  noShows!: Booking[];

  @Field(() => DateScalar, { description: 'The business date now: the day after the one closed.' })
  businessDate!: string;
}

export const CloseBusinessDayResult = mutationResult('CloseBusinessDay', CloseBusinessDaySuccess, closeBusinessDay);
