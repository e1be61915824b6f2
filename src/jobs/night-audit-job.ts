import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { ControlPool } from '../db/control-pool';
import { DEFAULT_TRANSACTION_OPTIONS, inTransaction } from '../db/transaction';
import { BusinessRuleError } from '../errors/business-rule-error';
import type { Logger } from '../logging/logger';
import { closeBusinessDay, dueThrough } from '../services/night-audit';
import type { Job } from './scheduler';

/** Days one run closes at most: a hotel whose API was down for a month catches up a month per run, not unbounded. */
const MOST_DAYS_PER_RUN = 31;

/**
 * The scheduled night audit: each minute one process (the scheduler's claim) closes every
 * business date that NIGHT_AUDIT_AT says is over, one transaction per day. A close another
 * process or a person made meanwhile is refused by closeBusinessDay itself, so a day is
 * never closed twice.
 */
export function nightAuditJob(orm: MikroORM, control: ControlPool, config: Config, logger: Logger): Job {
  return {
    name: 'night audit',
    intervalMs: 60_000,
    run: async () => {
      const through = dueThrough(new Date(), config.hotelTimeZone, config.nightAuditAt!);
      const closed: string[] = [];
      while (closed.length < MOST_DAYS_PER_RUN) {
        const [{ business_date: businessDate }] = await control.query<{ business_date: string }>('select business_date::text from hotel_calendar where id = 1');
        if (businessDate > through) break;
        try {
          await inTransaction(orm.em.fork(), (em) => closeBusinessDay({ em, caller: null, config, logger }, { businessDate, scheduled: true }), {
            ...DEFAULT_TRANSACTION_OPTIONS,
            logger,
          });
          closed.push(businessDate);
        } catch (error) {
          if (error instanceof BusinessRuleError) break;
          throw error;
        }
      }
      return { closed };
    },
  };
}
