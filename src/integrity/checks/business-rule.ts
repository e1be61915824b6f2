import { BUSINESS_RULES } from '../business-rules';
import type { PlanChecks } from './check-source';
import { type CheckKind, countingStatement, IntegrityCheckKind, readyCheck } from './integrity-check';

export const RULE: CheckKind = {
  kind: IntegrityCheckKind.RULE,
  checks: 'a business rule no single constraint states holds',
  from: 'the list in `src/integrity/business-rules.ts`',
  repair: 'none, the fix says how; a rule over a table the database derives (the room-type inventory) is rebuilt from its sources',
};

export const planBusinessRuleChecks: PlanChecks = () =>
  BUSINESS_RULES.map((rule) =>
    readyCheck({
      name: `rule:${rule.name}`,
      kind: RULE.kind,
      severity: rule.severity,
      description: rule.description,
      suggestedFix: rule.suggestedFix,
      statement: (limit) => countingStatement(rule.violations, limit),
      violations: rule.violations,
      scoped: rule.scoped && {
        tables: rule.scoped.tables,
        statement: (scope, carried, limit) => countingStatement(rule.scoped!.violations(scope, carried), limit),
      },
    }),
  );
