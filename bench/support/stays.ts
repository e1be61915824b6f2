import { addDays } from '../../src/dates';

/** Contention: requests in a row that ask one room for (nearly) the same nights. */
export const CONTENTION_GROUP = 8;

export interface Stay {
  roomId: number;
  checkIn: string;
  checkOut: string;
}

/** Hands out one-night stays that never meet: round the rooms, then the next night. */
export class DistinctStays {
  private issued = 0;
  constructor(
    private readonly roomIds: number[],
    private readonly firstNight: string,
  ) {}

  next(): Stay {
    const i = this.issued++;
    const checkIn = addDays(this.firstNight, Math.floor(i / this.roomIds.length));
    return { roomId: this.roomIds[i % this.roomIds.length], checkIn, checkOut: addDays(checkIn, 1) };
  }
}

/**
 * Stays that collide: CONTENTION_GROUP requests in a row per room ask for one or two
 * nights starting on night `slot` or `slot + 1`, and the slot moves on, so fresh nights
 * keep opening while most requests find them taken — often by a transaction in flight.
 */
export class CollidingStays {
  private issued = 0;
  constructor(
    private readonly roomIds: number[],
    private readonly firstNight: string,
  ) {}

  next(): Stay {
    const i = this.issued++;
    const rooms = this.roomIds.length;
    const slot = Math.floor(i / (rooms * CONTENTION_GROUP));
    const turn = Math.floor(i / rooms) % CONTENTION_GROUP;
    const checkIn = addDays(this.firstNight, slot + (turn % 2));
    return { roomId: this.roomIds[i % rooms], checkIn, checkOut: addDays(checkIn, 1 + (Math.floor(turn / 2) % 2)) };
  }
}
