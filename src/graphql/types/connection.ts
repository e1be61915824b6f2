import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import type { Page } from '../../db/keyset-page';

@ObjectType({
  simpleResolvers: true,
  description: 'Where a page sits in its list, and the cursors to read on from either end of it (Relay cursor connections).',
})
export class PageInfo {
  @Field(() => Boolean, {
    description:
      'Whether rows follow this page. Exact when paging forward (first/after); when paging backward, true if the page was read before a cursor (its row follows), false if it ends the list.',
  })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description:
      'Whether rows come before this page. Exact when paging backward (last/before); when paging forward, true if the page was read after a cursor (its row precedes), false if it starts the list.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the first row of this page, to pass as before for the page ahead of it; null for an empty page.',
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the last row of this page, to pass as after for the page that follows; null for an empty page.',
  })
  endCursor!: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/** `<Name>Connection` and `<Name>Edge` for one node type; one generic, every list. */
export function ConnectionType<T extends object>(node: ClassType<T>): ClassType<Connection<T>> & { fromPage(page: Page<T>): Connection<T> } {
  @ObjectType(`${node.name}Edge`, { simpleResolvers: true, description: `One ${node.name} of a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Where this row sits in the list: pass it as after (or before) to read on from it.' })
    cursor!: string;

    @Field(() => node, { description: `The ${node.name}.` })
    node!: T;
  }

  @ObjectType(`${node.name}Connection`, { description: `A page of ${node.name} rows in the list's stable order, with the cursors to read on.` })
  class PagedList implements Connection<T> {
    @Field(() => [Edge], { description: 'The rows of the page with their cursors.' })
    edges!: Edge[];

    @Field(() => [node], { description: 'The rows of the page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Whether more rows lie either side of the page, and its first and last cursors.' })
    pageInfo!: PageInfo;

    private count!: () => Promise<number>;

    @Field(() => Int, { description: 'All rows matching the filter; counted only when asked for.' })
    totalCount(): Promise<number> {
      return this.count();
    }

    static fromPage(page: Page<T>): PagedList {
      const list = Object.assign(new PagedList(), { nodes: page.nodes, count: page.totalCount });
      // Edges and cursors are built when a query asks for them, not for every page.
      return Object.defineProperties(list, {
        edges: { get: () => page.nodes.map((node, i) => ({ cursor: page.cursors[i], node })), enumerable: true },
        pageInfo: {
          get: () => ({
            hasNextPage: page.hasNextPage,
            hasPreviousPage: page.hasPreviousPage,
            startCursor: page.cursors[0] ?? null,
            endCursor: page.cursors.at(-1) ?? null,
          }),
          enumerable: true,
        },
      });
    }
  }
  return PagedList;
}
