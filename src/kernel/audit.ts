import { AuditEntry } from '../entities/audit-entry.entity';
import { actorLabel, type OperationContext } from './operation-context';

/** One field an administrative change touched: its value before and after (null where it did not exist). */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

export interface AuditedChange {
  /** What was done, in capitals: UPDATE_ROOM, DEACTIVATE_USER, … */
  action: string;
  /** The kind of record, as DeletableEntity names it (ROOM, USER, …) or a concept (BUSINESS_DAY, INTEGRITY). */
  entity: string;
  entityId: string | number | null;
  reason?: string | null;
  /** The record's audited fields before the change; null for a record created. */
  before?: Readonly<Record<string, unknown>> | null;
  /** The same fields after; null for a record removed. */
  after?: Readonly<Record<string, unknown>> | null;
  /** What else the entry should say (an impact, counts). */
  details?: Record<string, unknown>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields whose value differs between `before` and `after`, each with both values; secrets never reach here. */
export function changedFields(before: Readonly<Record<string, unknown>> | null | undefined, after: Readonly<Record<string, unknown>> | null | undefined) {
  const changes: Record<string, FieldChange> = {};
  for (const field of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const was = before?.[field] ?? null;
    const is = after?.[field] ?? null;
    if (!same(was, is)) changes[field] = { before: was, after: is };
  }
  return changes;
}

/**
 * Records an administrative change in the audit trail, in the transaction of the change:
 * who, what, on which record, why, and the fields that changed. The one way an audit entry
 * is written; the table refuses UPDATE and DELETE (a trigger), so what is written stays.
 */
export function audit(ctx: OperationContext, change: AuditedChange): AuditEntry {
  return ctx.em.create(AuditEntry, {
    actor: actorLabel(ctx),
    action: change.action,
    entity: change.entity,
    entityId: change.entityId === null ? null : String(change.entityId),
    reason: change.reason ?? null,
    changes: changedFields(change.before, change.after),
    details: change.details ?? {},
  });
}
