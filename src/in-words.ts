/**
 * An identifier as words for a message: "OUT_OF_ORDER" → "out of order", "RoomType" and
 * "ROOM_TYPE" → "room type".
 */
export function inWords(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
}
