import { WaitlistEntry } from '../../entities/waitlist-entry.entity';
import { joinWaitlist, withdrawWaitlistEntry } from '../../services/waitlist.service';
import { mutationResult, successOf } from './mutation-result';

export const JoinWaitlistSuccess = successOf('JoinWaitlistSuccess', 'entry', WaitlistEntry);
export const WithdrawWaitlistEntrySuccess = successOf('WithdrawWaitlistEntrySuccess', 'entry', WaitlistEntry);

export const JoinWaitlistResult = mutationResult('JoinWaitlist', JoinWaitlistSuccess, joinWaitlist);
export const WithdrawWaitlistEntryResult = mutationResult('WithdrawWaitlistEntry', WithdrawWaitlistEntrySuccess, withdrawWaitlistEntry);
