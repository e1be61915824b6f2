import { WaitlistEntry } from '../../entities/waitlist-entry.entity';
import { joinWaitlist } from '../../services/waitlist.service';
import { mutationResult, successOf } from './mutation-result';

export const JoinWaitlistSuccess = successOf('JoinWaitlistSuccess', 'entry', WaitlistEntry);

export const JoinWaitlistResult = mutationResult('JoinWaitlist', JoinWaitlistSuccess, joinWaitlist);
