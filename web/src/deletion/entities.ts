/**
 * The kinds of record deleteImpact takes (the schema's enum DeletableEntity; checked against
 * it by tests/console/operations.test.ts), in the order the picker offers them.
 */
export const DELETABLE_ENTITIES = [
  'CUSTOMER',
  'BOOKING',
  'PAYMENT',
  'FOLIO_ITEM',
  'ROOM',
  'ROOM_TYPE',
  'USER',
  'API_TOKEN',
  'BOOKING_LOG',
  'CANCELLATION_POLICY',
  'HOUSEKEEPING_TASK',
  'LOYALTY_TRANSACTION',
  'MAINTENANCE_REQUEST',
  'NOTIFICATION',
  'RATE_SEASON',
  'RECEIVABLE',
  'WAITLIST_ENTRY',
  'WEBHOOK_ENDPOINT',
] as const;

export type DeletableEntity = (typeof DELETABLE_ENTITIES)[number];

/** An entity's table, by the schema's naming (ROOM_TYPE: room_types, WAITLIST_ENTRY: waitlist_entries). */
export function tableOf(entity: DeletableEntity): string {
  const snake = entity.toLowerCase();
  return snake.endsWith('y') ? `${snake.slice(0, -1)}ies` : `${snake}s`;
}

/** The entity whose rows a table holds, when the console can preview deleting them. */
export function entityOfTable(table: string): DeletableEntity | undefined {
  return DELETABLE_ENTITIES.find((entity) => tableOf(entity) === table);
}

/** A record's own view in the console: the delete preview of that row. */
export function recordPath(entity: DeletableEntity, id: string): string {
  return `delete?entity=${entity}&id=${encodeURIComponent(id)}`;
}
