import { Authorized, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../entities/role';
import { User } from '../../entities/user.entity';
import type { GraphQLContext } from '../context';

@ObjectType({ description: 'The caller, as its bearer token identifies it.' })
export class Me {
  @Field(() => Role, { description: 'What the caller may do.' })
  role!: Role;

  @Field(() => String, { description: 'The name of the token the caller sent ("session" for a login session).' })
  tokenName!: string;

  @Field(() => String, { nullable: true, description: "A partner's booking channel." })
  channel!: string | null;

  userId!: number | null;
}

@Resolver(() => Me)
export class MeResolver {
  @Authorized()
  @Query(() => Me, { description: 'Who the caller is: the role, token and staff user its bearer token stands for.' })
  me(@Ctx() { caller }: GraphQLContext): Me {
    // The auth checker has established the caller.
    const { role, tokenName, channel, userId } = caller!;
    return Object.assign(new Me(), { role, tokenName, channel, userId });
  }

  @FieldResolver(() => User, { nullable: true, description: 'The staff user behind a session token.' })
  user(@Root() me: Me, @Ctx() { loaders }: GraphQLContext) {
    return me.userId ? loaders.user.load(me.userId) : null;
  }
}
