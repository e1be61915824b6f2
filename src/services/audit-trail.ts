import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { findPage, type Page, type PageRequest } from '../db/keyset-page';
import { AuditEntry } from '../entities/audit-entry.entity';
import { RequestError } from '../errors/request-error';
import { InputCheck } from '../kernel/input-check';
import { containsPattern } from '../sql';

export interface AuditFilter {
  /** Part of the actor's label, any case: "user:3", "admin@hotel", "token:7". */
  actor?: string | null;
  action?: string | null;
  entity?: string | null;
  entityId?: string | null;
  /** Entries written at or after this instant. */
  from?: Date | null;
  /** Entries written before this instant. */
  to?: Date | null;
}

/** The audit trail, newest first (by id, which grows with every entry), filtered, a page at a time. */
export function listAuditEntries(em: EntityManager, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
  if (filter.from && filter.to && filter.to <= filter.from) throw new RequestError('filter.to must be after filter.from');
  const check = new InputCheck('filter');
  const actor = check.text('actor', filter.actor, { min: 0, max: 255 });
  check.doneForQuery();
  const where: FilterQuery<AuditEntry> = {};
  if (actor) where.actor = { $ilike: containsPattern(actor) };
  if (filter.action) where.action = filter.action;
  if (filter.entity) where.entity = filter.entity;
  if (filter.entityId) where.entityId = filter.entityId;
  if (filter.from || filter.to) where.createdAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  return findPage(em, AuditEntry, where, ['id'], page, undefined, 'desc');
}
