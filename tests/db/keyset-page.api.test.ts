import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, findPage, type Page, type PageRequest } from '../../src/db/keyset-page';
import { WHOLE_ROW } from '../../src/db/row-shape';
import { seedDemoHotel } from '../../src/demo/demo-seed';
import { Booking } from '../../src/entities/booking.entity';
import { Customer } from '../../src/entities/customer.entity';
import { useTestDatabase } from '../support/test-database';

/**
 * Backward pages (last/before) over the demo hotel: walked from the end to the start they
 * give the rows the forward walk gives, in the same order, by each of the three ways a
 * page is read (its own statement outside a transaction, the query builder inside one,
 * and whole entities when no shape is asked for).
 */

const db = useTestDatabase();
beforeAll(async () => {
  await seedDemoHotel(db.em(), 'EUR');
});

type Reader = { name: string; run: <R>(work: (em: EntityManager) => Promise<R>) => Promise<R>; shaped: boolean };
const READERS: Reader[] = [
  { name: 'its own statement', run: (work) => work(db.em()), shaped: true },
  { name: 'the query builder', run: (work) => db.em().transactional((tx) => work(tx)), shaped: true },
  { name: 'whole entities', run: (work) => work(db.em()), shaped: false },
];

interface List<T extends object> {
  name: string;
  entity: new () => T;
  where: FilterQuery<T>;
  order: (keyof T & string)[];
  direction: 'asc' | 'desc';
}
// Lists of a few pages (seven rows each) with ties on the leading keys, which the later keys break.
const LISTS = [
  {
    name: 'bookings of two rooms by check-in',
    entity: Booking,
    where: { room: { $in: [1, 11] } },
    order: ['checkIn', 'id'],
    direction: 'asc',
  } satisfies List<Booking>,
  { name: 'customers by name', entity: Customer, where: {}, order: ['lastName', 'firstName', 'id'], direction: 'asc' } satisfies List<Customer>,
  { name: 'bookings of two rooms newest first', entity: Booking, where: { room: { $in: [21, 33] } }, order: ['id'], direction: 'desc' } satisfies List<Booking>,
] as List<object>[];

const SIZE = 7;

function page<T extends object>(reader: Reader, list: List<T>, request: PageRequest): Promise<Page<T>> {
  return reader.run((em) =>
    findPage(em, list.entity, list.where, list.order, { ...request, ...(reader.shaped ? { shape: WHOLE_ROW } : {}) }, undefined, list.direction),
  );
}

const idsOf = (nodes: object[]) => nodes.map((node) => (node as { id: number }).id);

/** Every page forward from the start; each page's ids with its flags. */
async function forwardWalk<T extends object>(reader: Reader, list: List<T>) {
  const pages: { ids: number[]; hasNextPage: boolean; hasPreviousPage: boolean; cursors: string[] }[] = [];
  let after: string | null = null;
  do {
    const { nodes, cursors, hasNextPage, hasPreviousPage }: Page<T> = await page(reader, list, { first: SIZE, after });
    pages.push({ ids: idsOf(nodes), hasNextPage, hasPreviousPage, cursors: [...cursors] });
    after = hasNextPage ? cursors.at(-1)! : null;
  } while (after && pages.length < 100);
  return pages;
}

/** Every page backward from the end; in the order they were read (last page first). */
async function backwardWalk<T extends object>(reader: Reader, list: List<T>) {
  const pages: { ids: number[]; hasNextPage: boolean; hasPreviousPage: boolean }[] = [];
  let before: string | null = null;
  do {
    const { nodes, cursors, hasNextPage, hasPreviousPage }: Page<T> = await page(reader, list, { last: SIZE, before });
    pages.push({ ids: idsOf(nodes), hasNextPage, hasPreviousPage });
    before = hasPreviousPage ? cursors[0] : null;
  } while (before && pages.length < 100);
  return pages;
}

describe('paging backward', () => {
  for (const list of LISTS) {
    for (const reader of READERS) {
      it(`${list.name}, by ${reader.name}: walked back from the end, the same rows in the same order as forward`, async () => {
        const forward = await forwardWalk(reader, list);
        const rows = forward.flatMap((p) => p.ids);
        expect(rows.length).toBe(await db.em().count(list.entity, list.where));
        expect(rows.length).toBeGreaterThan(2 * SIZE);
        expect(new Set(rows).size).toBe(rows.length);

        const backward = await backwardWalk(reader, list);
        expect([...backward].reverse().flatMap((p) => p.ids)).toEqual(rows);
        // Backward pages are full from the end; the one that reaches the start holds the rest.
        expect(backward.slice(0, -1).every((p) => p.ids.length === SIZE)).toBe(true);
        expect(backward.at(-1)!.ids.length).toBe(rows.length % SIZE || SIZE);
        // The end of the list has nothing after it; every page read before a cursor has.
        expect(backward.map((p) => p.hasNextPage)).toEqual(backward.map((_, i) => i > 0));
        expect(backward.map((p) => p.hasPreviousPage)).toEqual(backward.map((_, i) => i < backward.length - 1));
        // Forward, the mirror image.
        expect(forward.map((p) => p.hasPreviousPage)).toEqual(forward.map((_, i) => i > 0));
        expect(forward.map((p) => p.hasNextPage)).toEqual(forward.map((_, i) => i < forward.length - 1));
      });
    }
  }

  const [bookings] = LISTS;
  const [own] = READERS;

  it('turns back from any page: the page before a forward page is the forward page before it', async () => {
    const forward = await forwardWalk(own, bookings);
    for (let i = 1; i < forward.length; i++) {
      const back = await page(own, bookings, { last: SIZE, before: forward[i].cursors[0] });
      expect(idsOf(back.nodes)).toEqual(forward[i - 1].ids);
      expect(back.hasPreviousPage).toBe(i > 1);
      expect(back.hasNextPage).toBe(true);
    }
  });

  it('before the first row: an empty page with nothing before it', async () => {
    const [first] = await forwardWalk(own, bookings);
    const back = await page(own, bookings, { last: SIZE, before: first.cursors[0] });
    expect(back.nodes).toEqual([]);
    expect(back.cursors).toEqual([]);
    expect(back.hasPreviousPage).toBe(false);
    expect(back.hasNextPage).toBe(true);
  });

  it('the whole list in one backward page when last covers it; one row fewer leaves a previous page', async () => {
    const rows = (await forwardWalk(own, bookings)).flatMap((p) => p.ids);
    const all = await page(own, bookings, { last: rows.length });
    expect(idsOf(all.nodes)).toEqual(rows);
    expect([all.hasPreviousPage, all.hasNextPage]).toEqual([false, false]);
    const allButOne = await page(own, bookings, { last: rows.length - 1 });
    expect(idsOf(allButOne.nodes)).toEqual(rows.slice(1));
    expect([allButOne.hasPreviousPage, allButOne.hasNextPage]).toEqual([true, false]);
    const tail = await page(own, bookings, { last: 3 });
    expect(idsOf(tail.nodes)).toEqual(rows.slice(-3));
    expect([tail.hasPreviousPage, tail.hasNextPage]).toEqual([true, false]);
  });

  it('a backward page of the default size when only before is given', async () => {
    const rows = (await forwardWalk(own, bookings)).flatMap((p) => p.ids);
    expect(rows.length).toBeGreaterThan(DEFAULT_PAGE_SIZE + 1);
    const lastPage = await page(own, bookings, { last: 1 });
    const back = await page(own, bookings, { before: lastPage.cursors[0] });
    expect(idsOf(back.nodes)).toEqual(rows.slice(-DEFAULT_PAGE_SIZE - 1, -1));
  });
});

describe('refusals', () => {
  const [bookings] = LISTS;
  const [own] = READERS;
  const refusal = (request: PageRequest) =>
    page(own, bookings, request).then(
      () => 'no refusal',
      (error: Error) => error.message,
    );

  it('refuses a request mixing the two directions, naming the arguments', async () => {
    const cursor = (await page(own, bookings, { first: 1 })).cursors[0];
    expect(await refusal({ first: 5, last: 5 })).toBe(
      'first and last cannot be used together: page forward with first and after, or backward with last and before',
    );
    expect(await refusal({ after: cursor, before: cursor })).toBe(
      'after and before cannot be used together: page forward with first and after, or backward with last and before',
    );
    expect(await refusal({ first: 5, before: cursor })).toBe(
      'first and before cannot be used together: page forward with first and after, or backward with last and before',
    );
    expect(await refusal({ last: 5, after: cursor })).toBe(
      'after and last cannot be used together: page forward with first and after, or backward with last and before',
    );
  });

  it('refuses a backward size out of range and a before that is not a cursor', async () => {
    expect(await refusal({ last: 0 })).toBe('last must be between 1 and 100, got 0');
    expect(await refusal({ last: 101 })).toBe('last must be between 1 and 100, got 101');
    expect(await refusal({ last: 2, before: 'bm90IGEgY3Vyc29y' })).toBe('before is not a cursor returned by this list');
  });

  it('treats null arguments as absent, as clients paging both ways send them', async () => {
    const both = await page(own, bookings, { first: null, after: null, last: 2, before: null });
    expect(both.nodes.length).toBe(2);
    expect(both.hasNextPage).toBe(false);
  });
});
