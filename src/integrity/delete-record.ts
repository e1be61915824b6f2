import { type DeleteGuard, deleteGuardFor } from '../deletion/delete-guard';
import type { DeleteImpact } from '../deletion/delete-impact';
import { ImpactChangedError } from '../errors/impact-changed-error';
import { NotFoundError } from '../errors/not-found-error';
import { RestrictedError } from '../errors/restricted-error';
import { inWords } from '../in-words';
import { audit } from '../kernel/audit';
import { InputCheck } from '../kernel/input-check';
import { operation } from '../kernel/operation';
import type { OperationContext } from '../kernel/operation-context';
import { ident, isForeignKeyViolation, pgFields } from '../sql';

/** Deletes that take the history of people or of the hotel's structure with them must say why. */
const REASON_REQUIRED = new Set(['USER', 'CUSTOMER', 'ROOM_TYPE']);

export interface DeleteRecordCommand {
  entity: string;
  id: string;
  impactToken?: string | null;
  reason?: string | null;
}

interface Target {
  entity: string;
  id: number;
  table: string;
  primaryKey: string;
}

/** Locks the row to delete, so nothing can be added under it between the count and the delete. */
async function lock(ctx: OperationContext, target: Target): Promise<void> {
  const locked = await ctx.em.execute(`select 1 from ${ident(target.table)} where ${ident(target.primaryKey)} = ? for update`, [target.id]);
  if (!locked.length) throw new NotFoundError(target.entity, target.id);
}

/** Refuses when a given token no longer matches (the impact changed since the preview) or anything RESTRICTs the delete. */
function decide(impact: DeleteImpact, impactToken: string | null | undefined): void {
  if (impactToken && impactToken !== impact.token) throw new ImpactChangedError(impact);
  if (!impact.allowed) throw new RestrictedError(impact.blockers);
}

/**
 * Deletes the row and lets PostgreSQL cascade. A row committed by another transaction after
 * the count can still make PostgreSQL's own foreign key refuse: the blockers are then
 * counted again once the delete has rolled back.
 */
async function act(ctx: OperationContext, guard: DeleteGuard, target: Target, impact: DeleteImpact): Promise<void> {
  try {
    await ctx.em.execute(`delete from ${ident(target.table)} where ${ident(target.primaryKey)} = ?`, [target.id]);
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    throw new RestrictedError(async (em) => (await guard.impactOf(em, target.entity, target.id))?.blockers ?? [], {
      cause: error,
      constraint: pgFields(error)?.constraint,
    });
  }
  forgetAffectedRows(ctx, impact);
}

/**
 * The one way records are deleted, in one transaction and in the phases of Django's
 * Collector: the guard knows the graph; lock the row; count what the delete does; decide
 * (the token, the blockers); act (delete, forget what PostgreSQL removed, audit).
 */
export const deleteRecord = operation([NotFoundError, RestrictedError, ImpactChangedError], async (ctx, command: DeleteRecordCommand) => {
  const guard = deleteGuardFor(ctx.em);
  const check = new InputCheck();
  const id = check.id('id', command.id);
  const reason = check.text('reason', command.reason, { max: 1000 });
  if (REASON_REQUIRED.has(command.entity) && !reason) check.fail('reason', `A reason is required to delete a ${inWords(command.entity)}.`);
  check.done();

  const table = guard.tableOf(command.entity);
  const target = { entity: command.entity, id: id!, table, primaryKey: guard.graph.primaryKeyOf(table) };
  await lock(ctx, target);
  const impact = (await guard.impactOf(ctx.em, target.entity, target.id))!;
  decide(impact, command.impactToken);
  await act(ctx, guard, target, impact);

  const entry = audit(ctx, {
    action: 'DELETE',
    entity: command.entity,
    entityId: String(id),
    reason: reason ?? null,
    details: { impact: { deletes: impact.deletes, nullifies: impact.nullifies, token: impact.token } },
  });
  return { impact, audit: entry };
});

/**
 * PostgreSQL removed and nulled rows behind the ORM's back. Any of them the unit of work
 * still holds is stale: it is dropped from the identity map so no later flush in this
 * transaction writes it back or trusts its references.
 */
function forgetAffectedRows(ctx: OperationContext, impact: DeleteImpact): void {
  const tables = new Set([...impact.deletes, ...impact.nullifies].map((entry) => entry.table));
  const uow = ctx.em.getUnitOfWork();
  for (const entity of [...uow.getIdentityMap()]) {
    const meta = ctx.em.getMetadata().find(entity.constructor.name);
    if (meta && tables.has(meta.tableName)) uow.unsetIdentity(entity);
  }
}
