import { deleteGuardFor } from '../deletion/delete-guard';
import type { DeleteImpact } from '../deletion/delete-impact';
import { AuditEntry } from '../entities/audit-entry.entity';
import { DeleteRestricted, ImpactChanged, type NeedsFreshRead, NotFound } from '../errors/hotel-error';
import { InputCheck } from '../kernel/input-check';
import { actorLabel, type OperationContext } from '../kernel/operation-context';

/** Deletes that take the history of people or of the hotel's structure with them must say why. */
const REASON_REQUIRED = new Set(['USER', 'CUSTOMER', 'ROOM_TYPE']);

export interface DeleteRecordCommand {
  entity: string;
  id: string;
  impactToken?: string | null;
  reason?: string | null;
}

/**
 * A row inserted by a racing transaction after the guard counted, that PostgreSQL's own
 * foreign key then refused: the blockers are counted again once the delete has rolled back.
 */
class RestrictedByRace extends DeleteRestricted implements NeedsFreshRead {
  constructor(
    private readonly target: { entity: string; id: number },
    cause: unknown,
  ) {
    super([], undefined, { cause, constraint: (cause as { constraint?: string }).constraint });
  }

  async completeAfterRollback(em: OperationContext['em']): Promise<void> {
    const impact = await deleteGuardFor(em).impactOf(em, this.target.entity, this.target.id);
    this.blockers.push(...(impact?.blockers ?? []));
  }
}

/**
 * The one way records are deleted. In one transaction: lock the row, count the impact
 * again, refuse when a given token no longer matches (the impact changed since the
 * preview) or anything RESTRICTs it; otherwise delete the row and let PostgreSQL cascade,
 * forget what the cascade removed from the unit of work, and write the audit entry.
 */
export async function deleteRecord(ctx: OperationContext, command: DeleteRecordCommand): Promise<{ impact: DeleteImpact; audit: AuditEntry }> {
  const guard = deleteGuardFor(ctx.em);
  const check = new InputCheck();
  const id = check.id('id', command.id);
  const reason = check.text('reason', command.reason, { max: 1000 });
  if (REASON_REQUIRED.has(command.entity) && !reason)
    check.fail('reason', `A reason is required to delete a ${command.entity.toLowerCase().replaceAll('_', ' ')}.`);
  check.done();

  const table = guard.tableOf(command.entity);
  const primaryKey = guard.graph.primaryKeyOf(table);
  const locked = await ctx.em.execute(`select 1 from "${table}" where "${primaryKey}" = ? for update`, [id]);
  if (!locked.length) throw new NotFound(command.entity, id!);

  const impact = (await guard.impactOf(ctx.em, command.entity, id!))!;
  if (command.impactToken && command.impactToken !== impact.token) throw new ImpactChanged(impact);
  if (!impact.allowed) throw new DeleteRestricted(impact.blockers);

  try {
    await ctx.em.execute(`delete from "${table}" where "${primaryKey}" = ?`, [id]);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '23503' || code === '23001') throw new RestrictedByRace({ entity: command.entity, id: id! }, error);
    throw error;
  }
  forgetAffectedRows(ctx, impact);

  const audit = ctx.em.create(AuditEntry, {
    actor: actorLabel(ctx),
    action: 'DELETE',
    entity: command.entity,
    entityId: String(id),
    reason: reason ?? null,
    details: { impact: { deletes: impact.deletes, nullifies: impact.nullifies, token: impact.token } },
  });
  return { impact, audit };
}

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
