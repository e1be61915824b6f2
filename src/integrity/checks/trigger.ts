import { ErrorSeverity } from '../../errors/error-code';
import { literal } from '../../sql';
import { DECLARED_TRIGGERS, type DeclaredTrigger } from '../declared-triggers';
import { regclass } from './catalog';
import type { PlanChecks } from './check-source';
import { type CheckKind, type IntegrityCheck, IntegrityCheckKind, readyCheck } from './integrity-check';

export const TRIGGER: CheckKind = {
  kind: IntegrityCheckKind.TRIGGER,
  // A trigger gone or disabled lets through what it refused (an audit entry rewritten, a bill past its bound) from now on.
  severity: ErrorSeverity.HIGH,
  checks: 'the trigger exists on its table and fires (not disabled)',
  from: 'each trigger of `src/integrity/declared-triggers.ts`',
  repair: 'none: the migration that creates it, or `alter table … enable trigger`',
};

export function triggerCheck(trigger: DeclaredTrigger): IntegrityCheck {
  const found = `select t.tgenabled from pg_trigger t where t.tgrelid = ${regclass(trigger.table)} and t.tgname = ${literal(trigger.name)} and not t.tgisinternal`;
  // tgenabled: O fires in origin and local sessions, A always; D never, R only under session_replication_role = replica.
  const statement = `with t as (${found})
    select case when exists (select 1 from t where tgenabled in ('O', 'A')) then 0 else 1 end::bigint as n, '{}'::text[] as ids,
      case when not exists (select 1 from t) then 'The live database has no such trigger.'
           when not exists (select 1 from t where tgenabled in ('O', 'A')) then 'The trigger is disabled.' end as problem`;
  return readyCheck({
    name: `trigger:${trigger.table}.${trigger.name}`,
    kind: TRIGGER.kind,
    severity: TRIGGER.severity!,
    table: trigger.table,
    description: `The trigger ${trigger.name} on ${trigger.table} must exist and fire: ${trigger.keeps}.`,
    suggestedFix: `A missing trigger: run the migrations (npm start or the migrate step) on a copy restored with its triggers, or recreate it from the migration that defines it. A disabled one: alter table "${trigger.table}" enable trigger ${trigger.name}.`,
    statement: () => statement,
  });
}

export const planTriggerChecks: PlanChecks = () => DECLARED_TRIGGERS.map(triggerCheck);
