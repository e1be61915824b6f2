import { beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../../src/auth/api-tokens';
import { Role } from '../../../src/entities/role';
import { fixtures } from '../../support/fixtures';
import { useTestApi } from '../../support/test-api';

/**
 * The users list: everything for an ADMIN, an assignee picker for STAFF (ids and names of
 * active users, found by name), nothing for a partner. The users are made here, on a fresh
 * database, so every list is exactly known.
 */

let ids: Record<'ada' | 'bruno' | 'carla' | 'dora' | 'emil', string>;

const t = useTestApi();
beforeAll(async () => {
  const f = fixtures(t.em());
  const made = {
    ada: await f.user({ name: 'Ada Night', email: 'ada.night@hotel.test', role: Role.ADMIN }),
    bruno: await f.user({ name: 'Bruno 50% Desk', email: 'bruno@frontdesk.test' }),
    carla: await f.user({ name: 'carla Day', email: 'carla@hotel.test' }),
    dora: await f.user({ name: 'Dora Gone', email: 'dora@hotel.test' }),
    emil: await f.user({ name: 'Émil Keys', email: 'emil.night@hotel.test' }),
  };
  await t.database.sql.query('update users set active = false where id = $1', [made.dora.id]);
  ids = Object.fromEntries(Object.entries(made).map(([key, user]) => [key, String(user.id)])) as typeof ids;
});

const USERS = `query ($first: Int, $after: String, $filter: UserFilterInput) {
  users(first: $first, after: $after, filter: $filter) { totalCount nodes { id name email role active } pageInfo { hasNextPage endCursor } } }`;
const PICKER = `query ($filter: UserFilterInput) { users(filter: $filter) { totalCount nodes { id name } edges { cursor node { id name } } pageInfo { hasNextPage } } }`;

const list = async (variables: Record<string, unknown>, token = t.tokens.admin, query = USERS) => {
  const response = await t.graphql(query, variables, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.users;
};
const namesOf = (connection: { nodes: { name: string }[] }) => connection.nodes.map((node) => node.name);
const codesOf = (response: { errors?: { extensions: Record<string, unknown> }[] }) => response.errors?.map((error) => error.extensions.code);

describe('users, as an ADMIN', () => {
  it('lists every staff account by name (as PostgreSQL orders it), then id, with all its fields', async () => {
    const all = await list({});
    expect(all.totalCount).toBe(5);
    expect(all.nodes[0]).toEqual({ id: ids.ada, name: 'Ada Night', email: 'ada.night@hotel.test', role: 'ADMIN', active: true });
    expect(all.nodes.find((node: { id: string }) => node.id === ids.dora)).toMatchObject({ active: false });
    const ordered = await t.database.rows<{ name: string }>('select name from users order by name, id');
    expect(namesOf(all)).toEqual(ordered.map((row) => row.name));
  });

  it('filters by role, by active, and searches names and emails in any case', async () => {
    expect(namesOf(await list({ filter: { role: 'ADMIN' } }))).toEqual(['Ada Night']);
    expect(namesOf(await list({ filter: { active: false } }))).toEqual(['Dora Gone']);
    expect((await list({ filter: { active: true } })).totalCount).toBe(4);
    expect(namesOf(await list({ filter: { search: 'NIGHT' } })).sort()).toEqual(['Ada Night', 'Émil Keys']);
    expect(namesOf(await list({ filter: { search: 'frontdesk' } }))).toEqual(['Bruno 50% Desk']);
    expect(namesOf(await list({ filter: { search: 'night', role: 'STAFF' } }))).toEqual(['Émil Keys']);
    // Wildcards are text: "%" finds the one name holding it, "_" none.
    expect(namesOf(await list({ filter: { search: '50%' } }))).toEqual(['Bruno 50% Desk']);
    expect((await list({ filter: { search: '_' } })).totalCount).toBe(0);
  });

  it('refuses a search longer than 200 characters or holding control characters', async () => {
    for (const search of ['x'.repeat(201), 'a\u0000b']) {
      const response = await t.graphql(USERS, { filter: { search } });
      expect(response.data).toBeNull();
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    }
    expect((await list({ filter: { search: 'x'.repeat(200) } })).totalCount).toBe(0);
  });

  it('pages through the list: every user once, in order, without gaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: { nodes: { name: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = await list({ first: 2, after });
      seen.push(...namesOf(page));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(namesOf(await list({})));
  });
});

describe('users, as STAFF (an assignee picker)', () => {
  it('lists the ids and names of active users only', async () => {
    const picker = await list({}, t.tokens.staff, PICKER);
    expect(picker.totalCount).toBe(4);
    expect(picker.nodes.map((node: { id: string }) => node.id)).not.toContain(ids.dora);
    expect(picker.nodes[0]).toEqual({ id: ids.ada, name: 'Ada Night' });
    expect(picker.edges.map((edge: { node: unknown }) => edge.node)).toEqual(picker.nodes);
  });

  it('searches names only: an email address cannot be spelled out by searching', async () => {
    expect(namesOf(await list({ filter: { search: 'keys' } }, t.tokens.staff, PICKER))).toEqual(['Émil Keys']);
    expect((await list({ filter: { search: 'frontdesk' } }, t.tokens.staff, PICKER)).totalCount).toBe(0);
    expect((await list({ filter: { search: 'hotel.test' } }, t.tokens.staff, PICKER)).totalCount).toBe(0);
  });

  it('is FORBIDDEN to select anything but id and name, directly, through a fragment or computed', async () => {
    for (const query of [
      '{ users { nodes { id name email } } }',
      '{ users { nodes { role } } }',
      '{ users { edges { node { active } } } }',
      '{ users { nodes { ...who } } } fragment who on User { name createdAt }',
      '{ users { nodes { id ... on User { email } } } }',
      '{ users { nodes { deletable { allowed } } } }',
    ]) {
      const response = await t.graphql(query, {}, { token: t.tokens.staff });
      expect({ query, data: response.data, codes: codesOf(response) }).toEqual({ query, data: null, codes: ['FORBIDDEN'] });
    }
    // Refused before any row is read; an ADMIN's same request reads them.
    expect(await t.queries.count(() => t.graphql('{ users { nodes { email } } }', {}, { token: t.tokens.staff }))).toBe(0);
    expect(await t.queries.count(() => t.graphql('{ users { nodes { email } } }', {}, { token: t.tokens.admin }))).toBeGreaterThan(0);
  });

  it('is FORBIDDEN to filter by role or for deactivated users', async () => {
    for (const filter of [{ role: 'ADMIN' }, { active: false }]) {
      const response = await t.graphql(PICKER, { filter }, { token: t.tokens.staff });
      expect(response.data).toBeNull();
      expect(codesOf(response)).toEqual(['FORBIDDEN']);
    }
    expect((await list({ filter: { active: true } }, t.tokens.staff, PICKER)).totalCount).toBe(4);
  });

  it('leaves STAFF reading users as before everywhere else: its own user, with email and role', async () => {
    const em = t.em();
    const session = issueToken(em, { name: 'carla phone', role: Role.STAFF, userId: Number(ids.carla) });
    await em.flush();
    const response = await t.graphql('{ me { user { id name email role active } } }', {}, { token: session.secret });
    expect(response.errors).toBeUndefined();
    expect(response.data?.me.user).toEqual({ id: ids.carla, name: 'carla Day', email: 'carla@hotel.test', role: 'STAFF', active: true });
  });
});

describe('users, as a PARTNER', () => {
  it('is FORBIDDEN, whatever is selected', async () => {
    for (const query of ['{ users { nodes { id name } } }', '{ users { totalCount } }']) {
      const response = await t.graphql(query, {}, { token: t.tokens.partner });
      expect(response.data).toBeNull();
      expect(codesOf(response)).toEqual(['FORBIDDEN']);
    }
  });
});
