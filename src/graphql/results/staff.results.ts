import { Field, ID, ObjectType } from 'type-graphql';
import { login } from '../../auth/login';
import { ApiToken } from '../../entities/api-token.entity';
import { User } from '../../entities/user.entity';
import { createApiToken, createUser, revokeApiToken } from '../../services/staff.service';
import { mutationResult, successOf } from './mutation-result';

@ObjectType()
export class CreateApiTokenSuccess {
  static readonly showsASecretOnce = true;

  @Field(() => ApiToken)
  token!: ApiToken;

  @Field(() => String, { description: 'The bearer secret. Shown only here, once; only its digest is stored.' })
  secret!: string;
}

@ObjectType({ description: 'A staff session: send `token` as `Authorization: Bearer <token>` until `expiresAt`.' })
export class LoginSuccess {
  static readonly showsASecretOnce = true;

  @Field(() => String, { description: 'The bearer secret of the session. Shown only here, once; only its digest is stored.' })
  token!: string;

  @Field(() => ID, { description: 'The id of the session token, for revokeApiToken (logging out).' })
  tokenId!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => User)
  user!: User;
}

export const CreateUserSuccess = successOf('CreateUserSuccess', 'user', User);
export const RevokeApiTokenSuccess = successOf('RevokeApiTokenSuccess', 'token', ApiToken);

export const LoginResult = mutationResult('Login', LoginSuccess, login);
export const CreateUserResult = mutationResult('CreateUser', CreateUserSuccess, createUser);
export const CreateApiTokenResult = mutationResult('CreateApiToken', CreateApiTokenSuccess, createApiToken);
export const RevokeApiTokenResult = mutationResult('RevokeApiToken', RevokeApiTokenSuccess, revokeApiToken);
