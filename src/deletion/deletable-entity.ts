import { AuditEntry, HOTEL_ENTITIES, Invoice, NightAudit } from '../entities';

/** Append-only records: deleting them would defeat their purpose (audit, fiscal retention, the days closed). */
const APPEND_ONLY: readonly Function[] = [AuditEntry, Invoice, NightAudit];

/** RoomType → ROOM_TYPE */
export function entityConstant(className: string): string {
  return className.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export const DELETABLE_ENTITY_CLASSES = HOTEL_ENTITIES.filter((entity) => !APPEND_ONLY.includes(entity));

/** One value per deletable entity of the model, derived from the entity list. */
export const DeletableEntity: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(DELETABLE_ENTITY_CLASSES.map((entity) => [entityConstant(entity.name), entityConstant(entity.name)])),
);
export type DeletableEntity = string;
