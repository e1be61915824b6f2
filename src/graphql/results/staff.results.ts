import { Field, ObjectType } from 'type-graphql';
import { ApiToken } from '../../entities/api-token.entity';
import { User } from '../../entities/user.entity';
import { NotFoundError } from '../../errors/graphql-error-types';
import { mutationResult, successOf } from './mutation-result';

@ObjectType()
export class CreateApiTokenSuccess {
  @Field(() => ApiToken)
  token!: ApiToken;

  @Field(() => String, { description: 'The bearer secret. Shown only here, once; only its digest is stored.' })
  secret!: string;
}

export const CreateUserSuccess = successOf('CreateUserSuccess', 'user', User);
export const RevokeApiTokenSuccess = successOf('RevokeApiTokenSuccess', 'token', ApiToken);

export const CreateUserResult = mutationResult('CreateUser', CreateUserSuccess);
export const CreateApiTokenResult = mutationResult('CreateApiToken', CreateApiTokenSuccess, [NotFoundError]);
export const RevokeApiTokenResult = mutationResult('RevokeApiToken', RevokeApiTokenSuccess, [NotFoundError]);
