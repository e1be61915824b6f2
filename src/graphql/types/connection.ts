import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import type { Page } from '../../db/keyset-page';

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
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
  @ObjectType(`${node.name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${node.name}Connection`)
  class PagedList implements Connection<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [node])
    nodes!: T[];

    @Field(() => PageInfo)
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
        pageInfo: { get: () => ({ hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null }), enumerable: true },
      });
    }
  }
  return PagedList;
}
