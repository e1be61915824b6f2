import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor, type Page, type PageRequest, pageSize } from '../db/keyset-page';
import type { ChangeKind } from '../entities/change-event.entity';
import { RequestError } from '../errors/request-error';

/** One committed change, as the feed shows it. */
export interface Change {
  cursor: string;
  kind: ChangeKind;
  entity: string;
  entityId: string;
  version: number;
  occurredAt: Date;
}

/** A feed position: the transaction id and the event id within the order (tx_id, id), each a string of digits. */
function decode(after: string): [string, string] {
  const position = decodeCursor(after, 2);
  if (!position.every((part) => typeof part === 'string' && /^\d{1,20}$/.test(part))) throw new RequestError('after is not a cursor returned by this list');
  return position as [string, string];
}

/**
 * The events after `after`, in commit-safe order. Events are ordered by the id of the
 * transaction that wrote them, then their own id, and only events of transactions older
 * than the oldest still running (the snapshot's xmin) are shown: a transaction that began
 * earlier and commits later has the smaller transaction id, so it is held back until it
 * ends instead of landing behind a cursor that moved past a later one. A partner sees its
 * channel's bookings and payments only (`channel`); the hotel's roles see everything.
 */
export async function listChanges(em: EntityManager, request: PageRequest, channel: string | undefined): Promise<Page<Change>> {
  const size = pageSize(request.first);
  const [afterTx, afterId] = request.after ? decode(request.after) : ['0', '0'];
  const rows = await em.execute<
    { tx_id: string; id: string; kind: ChangeKind; entity: string; entity_id: string; version: number; occurred_at: string | Date }[]
  >(
    `select e.tx_id::text, e.id::text, e.kind, e.entity, e.entity_id, e.version, e.occurred_at from change_events e
     where e.tx_id < pg_snapshot_xmin(pg_current_snapshot()) and (e.tx_id, e.id) > (?::xid8, ?::bigint)
       and (?::text is null or e.channel = ?)
     order by e.tx_id, e.id limit ?`,
    [afterTx, afterId, channel ?? null, channel ?? null, size + 1],
  );
  const nodes = rows.slice(0, size).map((row) => ({
    cursor: encodeCursor([row.tx_id, row.id]),
    kind: row.kind,
    entity: row.entity,
    entityId: row.entity_id,
    version: row.version,
    // The connection hands timestamps back as text; the DateTime scalar wants an instant.
    occurredAt: new Date(row.occurred_at),
  }));
  return {
    nodes,
    cursors: nodes.map((node) => node.cursor),
    hasNextPage: rows.length > size,
    // Read forward only: a cursor's own event lies behind the page.
    hasPreviousPage: Boolean(request.after),
    totalCount: async () => {
      const [{ n }] = await em.execute<{ n: number }[]>(
        `select count(*)::int as n from change_events e where e.tx_id < pg_snapshot_xmin(pg_current_snapshot()) and (e.tx_id, e.id) > (?::xid8, ?::bigint) and (?::text is null or e.channel = ?)`,
        [afterTx, afterId, channel ?? null, channel ?? null],
      );
      return n;
    },
  };
}
