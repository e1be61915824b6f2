import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Detached } from '../../db/read-rows';
import { AuditEntry } from '../../entities/audit-entry.entity';
import { listAuditEntries } from '../../services/audit-trail';
import type { GraphQLContext } from '../context';
import { AuditEntryFilter } from '../inputs/audit.inputs';
import { PageArgs } from '../inputs/page.args';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';
import { FieldChange } from '../types/field-change.type';

export const AuditEntryConnection = ConnectionType(AuditEntry);

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @Authorized()
  @Query(() => AuditEntryConnection, { description: 'The audit trail of administrative changes, newest first. Entries are never changed or deleted.' })
  async auditEntries(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AuditEntryFilter, { nullable: true, description: 'Which entries; every one when left out.' }) filter: AuditEntryFilter | undefined,
    @Ctx() { em }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const result = await listAuditEntries(em, filter ?? {}, { ...page, shape: rowShapeOf(info, em.getMetadata().get(AuditEntry.name)) });
    return AuditEntryConnection.fromPage(result);
  }

  @FieldResolver(() => [FieldChange], {
    description: 'The fields the change touched, before and after; empty for an act that changes no field (a delete, a repair).',
  })
  changes(@Root() entry: Detached<AuditEntry>): FieldChange[] {
    return Object.entries(entry.changes ?? {}).map(([field, change]) =>
      Object.assign(new FieldChange(), { field, before: change.before, after: change.after }),
    );
  }
}
