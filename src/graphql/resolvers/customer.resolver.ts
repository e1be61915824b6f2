import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { listScope, visibleOrNull } from '../../auth/visibility';
import { toId } from '../../db/ids';
import type { Detached } from '../../db/read-rows';
import { Customer } from '../../entities/customer.entity';
import { User } from '../../entities/user.entity';
import { listCustomers } from '../../services/customer.service';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/page.args';
import { related } from '../loaders';
import { rowShapeOf } from '../lookahead';
import { ConnectionType } from '../types/connection';
import { Deletability } from '../types/deletability.type';
import { deletabilityOf } from './deletability';

export const CustomerConnection = ConnectionType(Customer);

@Resolver(() => Customer)
export class CustomerResolver {
  @Authorized()
  @Query(() => CustomerConnection, { description: "Customers by name; a partner's own channel's only." })
  async customers(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('search', () => String, { nullable: true, description: 'Part of a name or email address.' }) search: string | undefined,
    @Ctx() { em, caller }: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const result = await listCustomers(em, search ?? undefined, { ...page, shape: rowShapeOf(info, em.getMetadata().get(Customer.name)) }, listScope(caller));
    return CustomerConnection.fromPage(result);
  }

  @Authorized()
  @Query(() => Customer, { nullable: true, description: 'Null when there is no such customer, or another partner supplied it.' })
  async customer(@Arg('id', () => ID, { description: 'The customer’s id.' }) id: string, @Ctx() { loaders, caller }: GraphQLContext) {
    const key = toId(id);
    return key ? visibleOrNull(caller, await loaders.customer.load(key)) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The staff account of a customer who is also staff.' })
  user(@Root() customer: Detached<Customer>, @Ctx() { loaders }: GraphQLContext) {
    return related(customer.user, loaders.user);
  }

  @FieldResolver(() => Deletability, { description: 'Whether deleting it is allowed now, and what blocks it.' })
  deletable(@Root() customer: Detached<Customer>, @Ctx() { loaders }: GraphQLContext) {
    return deletabilityOf(loaders, 'CUSTOMER', customer.id);
  }
}
