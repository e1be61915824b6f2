import { addDays } from '../../src/dates';

/** Contention: requests in a row that ask one room for (nearly) the same nights. */
export const CONTENTION_GROUP = 8;

export interface Stay {
  roomId: number;
  checkIn: string;
  checkOut: string;
}

/** Hands out the i-th stay of `stayNumber` on each call: 0, 1, 2, … */
function handOut(stayNumber: (i: number) => Stay): () => Stay {
  let issued = 0;
  return () => stayNumber(issued++);
}

/** Hands out one-night stays that never meet: round the rooms, then the next night. */
export const distinctStays = (roomIds: number[], firstNight: string): (() => Stay) =>
  handOut((i) => {
    const checkIn = addDays(firstNight, Math.floor(i / roomIds.length));
    return { roomId: roomIds[i % roomIds.length], checkIn, checkOut: addDays(checkIn, 1) };
  });

/**
 * Stays that collide: CONTENTION_GROUP requests in a row per room ask for one or two
 * nights starting on night `slot` or `slot + 1`, and the slot moves on, so fresh nights
 * keep opening while most requests find them taken — often by a transaction in flight.
 */
export const collidingStays = (roomIds: number[], firstNight: string): (() => Stay) =>
  handOut((i) => {
    const rooms = roomIds.length;
    const slot = Math.floor(i / (rooms * CONTENTION_GROUP));
    const turn = Math.floor(i / rooms) % CONTENTION_GROUP;
    const checkIn = addDays(firstNight, slot + (turn % 2));
    return { roomId: roomIds[i % rooms], checkIn, checkOut: addDays(checkIn, 1 + (Math.floor(turn / 2) % 2)) };
  });
