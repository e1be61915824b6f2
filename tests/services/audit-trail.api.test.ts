import { describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/dates';
import { FeeKind } from '../../src/entities/cancellation-policy.entity';
import { fixtures } from '../support/fixtures';
import { mutate, mutationDocument } from '../support/mutations';
import { useTestApi } from '../support/test-api';

const t = useTestApi();

interface Entry {
  action: string;
  entity: string;
  entityId: string | null;
  reason: string | null;
  changes: Record<string, { before: unknown; after: unknown }>;
}

/** The audit rows written while `work` ran, oldest first, as the table holds them. */
async function auditedBy(work: () => Promise<unknown>): Promise<Entry[]> {
  const [{ last }] = (await t.database.sql.query('select coalesce(max(id), 0) as last from audit_entries')).rows;
  await work();
  const { rows } = await t.database.sql.query('select action, entity, entity_id as "entityId", reason, changes from audit_entries where id > $1 order by id', [
    last,
  ]);
  return rows;
}

const ok = async (answer: Promise<Record<string, any>>) => {
  const result = await answer;
  expect(result.__typename).toMatch(/Success$/);
  return result;
};

describe('every administrative change leaves exactly one audit entry with the fields it changed', () => {
  it('room types and rooms: created, and changed in rate, capacity and status', async () => {
    let typeId = '';
    expect(
      await auditedBy(async () => {
        typeId = (await ok(mutate(t, 'createRoomType', { name: 'Audited suite', capacity: 2, baseRate: '180.00' }, 'roomType { id }'))).roomType.id;
      }),
    ).toEqual([
      {
        action: 'CREATE_ROOM_TYPE',
        entity: 'ROOM_TYPE',
        entityId: typeId,
        reason: null,
        changes: {
          name: { before: null, after: 'Audited suite' },
          capacity: { before: null, after: 2 },
          baseRate: { before: null, after: '180.00' },
          minStay: { before: null, after: 1 },
        },
      },
    ]);
    expect(await auditedBy(() => ok(mutate(t, 'updateRoomType', { id: typeId, baseRate: '195.00', capacity: 3 }, 'roomType { id }')))).toEqual([
      {
        action: 'UPDATE_ROOM_TYPE',
        entity: 'ROOM_TYPE',
        entityId: typeId,
        reason: null,
        changes: { baseRate: { before: '180.00', after: '195.00' }, capacity: { before: 2, after: 3 } },
      },
    ]);
    let roomId = '';
    const created = await auditedBy(async () => {
      roomId = (await ok(mutate(t, 'createRoom', { number: 'A-901', floor: 9, roomTypeId: typeId }, 'room { id }'))).room.id;
    });
    expect(created).toMatchObject([{ action: 'CREATE_ROOM', entity: 'ROOM', entityId: roomId, changes: { number: { before: null, after: 'A-901' } } }]);
    expect(await auditedBy(() => ok(mutate(t, 'updateRoom', { id: roomId, status: 'OUT_OF_SERVICE' }, 'room { id }', t.tokens.staff)))).toEqual([
      { action: 'UPDATE_ROOM', entity: 'ROOM', entityId: roomId, reason: null, changes: { status: { before: 'IN_SERVICE', after: 'OUT_OF_SERVICE' } } },
    ]);
  });

  it('policies, the night audit, a check-out owing money and a delete', async () => {
    const f = fixtures(t.em());
    const room = await f.room(await f.roomType({ baseRate: '90.00' }));
    const policy = await auditedBy(() =>
      ok(
        mutate(
          t,
          'setCancellationPolicy',
          { roomTypeId: String(room.roomType.id), freeUntilDays: 3, cancellationFeeKind: FeeKind.FIRST_NIGHT, noShowFeeKind: FeeKind.NONE },
          'policy { id }',
        ),
      ),
    );
    expect(policy).toMatchObject([
      { action: 'SET_CANCELLATION_POLICY', entity: 'CANCELLATION_POLICY', changes: { freeUntilDays: { before: null, after: 3 } } },
    ]);

    await t.database.sql.query(`update bookings set status = 'CANCELLED', total_amount = 0 where status = 'CONFIRMED'`);
    expect(await auditedBy(() => ok(mutate(t, 'closeBusinessDay', { businessDate: today() }, 'businessDate')))).toEqual([
      {
        action: 'CLOSE_BUSINESS_DAY',
        entity: 'BUSINESS_DAY',
        entityId: today(),
        reason: null,
        changes: { businessDate: { before: today(), after: addDays(today(), 1) } },
      },
    ]);
    await t.database.sql.query('update hotel_calendar set business_date = $1', [today()]);
    await t.database.sql.query('delete from night_audits');

    const stay = await f.booking(room, await f.customer(), -2, 2, { status: 'CHECKED_IN' as never });
    const owing = await auditedBy(() =>
      ok(mutate(t, 'checkOutBooking', { bookingId: String(stay.id), openBalanceReason: 'Company pays by transfer' }, 'booking { status }')),
    );
    expect(owing).toEqual([
      {
        action: 'CHECK_OUT_OWING',
        entity: 'BOOKING',
        entityId: String(stay.id),
        reason: 'Company pays by transfer',
        changes: { status: { before: 'CHECKED_IN', after: 'CHECKED_OUT' }, receivable: { before: null, after: '180.00' } },
      },
    ]);

    const gone = await f.customer();
    const deleted = await auditedBy(async () => {
      const answer = await t.graphql(mutationDocument('deleteRecord', { members: '__typename' }), {
        input: { entity: 'CUSTOMER', id: String(gone.id), reason: 'Duplicate' },
      });
      expect(answer.data?.deleteRecord.__typename).toBe('DeleteRecordSuccess');
    });
    expect(deleted).toEqual([{ action: 'DELETE', entity: 'CUSTOMER', entityId: String(gone.id), reason: 'Duplicate', changes: {} }]);
  });

  it('a refused change leaves no entry', async () => {
    expect(await auditedBy(() => mutate(t, 'updateRoomType', { id: '999999', baseRate: '1.00' }, 'roomType { id }'))).toEqual([]);
  });
});

describe('auditEntries', () => {
  const LIST = `query ($first: Int, $after: String, $filter: AuditEntryFilter) {
    auditEntries(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } nodes { id actor action entity entityId reason changes { field before after } createdAt } } }`;
  const list = async (variables: Record<string, unknown>, token = t.tokens.admin) => (await t.graphql(LIST, variables, { token })).data?.auditEntries;

  it('lists newest first, a page at a time, each entry with its before and after', async () => {
    const f = fixtures(t.em());
    const type = await f.roomType({ baseRate: '70.00' });
    for (const rate of ['71.00', '72.00', '73.00']) await ok(mutate(t, 'updateRoomType', { id: String(type.id), baseRate: rate }, 'roomType { id }'));
    const filter = { entity: 'ROOM_TYPE', entityId: String(type.id) };
    const first = await list({ first: 2, filter });
    expect(first.totalCount).toBe(3);
    expect(first.nodes.map((node: any) => node.changes)).toEqual([
      [{ field: 'baseRate', before: '72.00', after: '73.00' }],
      [{ field: 'baseRate', before: '71.00', after: '72.00' }],
    ]);
    expect(first.nodes[0]).toMatchObject({ actor: 'token:1 (test admin)', action: 'UPDATE_ROOM_TYPE', entity: 'ROOM_TYPE', entityId: String(type.id) });
    const second = await list({ first: 2, after: first.pageInfo.endCursor, filter });
    expect(second.nodes.map((node: any) => node.changes[0].after)).toEqual(['71.00']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by actor, action and time, and is for administrators only', async () => {
    const f = fixtures(t.em());
    const room = await f.room(await f.roomType());
    const before = new Date();
    await ok(mutate(t, 'updateRoom', { id: String(room.id), floor: 4 }, 'room { id }', t.tokens.staff));
    const byStaff = await list({ first: 10, filter: { actor: 'TEST STAFF', action: 'UPDATE_ROOM', from: before.toISOString() } });
    expect(byStaff.nodes.map((node: any) => [node.entityId, node.actor])).toEqual([[String(room.id), expect.stringMatching(/test staff/)]]);
    expect((await list({ first: 10, filter: { from: new Date(Date.now() + 60_000).toISOString() } })).nodes).toEqual([]);
    const staff = await t.graphql(LIST, { first: 1 }, { token: t.tokens.staff });
    expect(staff.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const reversed = await t.graphql(LIST, { first: 1, filter: { from: new Date().toISOString(), to: before.toISOString() } });
    expect(reversed.errors?.[0].message).toBe('filter.to must be after filter.from');
  });
});

describe('the audit table', () => {
  it('refuses UPDATE, DELETE and TRUNCATE in PostgreSQL, for the API’s own connection too', async () => {
    await ok(mutate(t, 'createRoomType', { name: 'Kept forever', capacity: 1, baseRate: '10.00' }, 'roomType { id }'));
    const [{ n }] = (await t.database.sql.query('select count(*)::int as n from audit_entries')).rows;
    for (const statement of [`update audit_entries set reason = 'rewritten'`, 'delete from audit_entries', 'truncate audit_entries']) {
      await expect(t.em().execute(statement)).rejects.toMatchObject({ code: '23514', constraint: 'audit_entries_append_only' });
      await expect(t.database.sql.query(statement)).rejects.toMatchObject({ code: '23514' });
    }
    const after = (await t.database.sql.query(`select count(*)::int as n, count(*) filter (where reason = 'rewritten')::int as rewritten from audit_entries`))
      .rows[0];
    expect(after).toEqual({ n, rewritten: 0 });
  });
});
