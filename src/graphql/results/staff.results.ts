import { Field, ID, Int, ObjectType } from 'type-graphql';
import { login } from '../../auth/login';
import { ApiToken } from '../../entities/api-token.entity';
import { User } from '../../entities/user.entity';
import {
  changePassword,
  createApiToken,
  createUser,
  deactivateUser,
  reactivateUser,
  resetPassword,
  revokeApiToken,
  updateUser,
} from '../../services/staff.service';
import { mutationResult, successOf } from './mutation-result';

@ObjectType({ description: 'The token is made: give its secret to whoever will use it, now; it is not shown again.' })
export class CreateApiTokenSuccess {
  static readonly showsASecretOnce = true;

  @Field(() => ApiToken, { description: 'The token as made, without its secret.' })
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

  @Field(() => Date, { description: 'When the session ends (SESSION_TTL_MINUTES after the login); log in again then.' })
  expiresAt!: Date;

  @Field(() => User, { description: 'The staff user logged in.' })
  user!: User;
}

@ObjectType({ description: "A password set; the user's other sessions are signed out." })
export class ChangePasswordSuccess {
  @Field(() => User, { description: 'The user whose password it is.' })
  user!: User;

  @Field(() => Int, { description: 'The sessions of the user this revoked: all but the one that made the change.' })
  sessionsRevoked!: number;
}

@ObjectType({ description: 'A password set by an administrator; every session of the user is signed out.' })
export class ResetPasswordSuccess {
  @Field(() => User, { description: 'The user whose password was set.' })
  user!: User;

  @Field(() => Int, { description: 'The live sessions of the user this revoked.' })
  sessionsRevoked!: number;
}

export const CreateUserSuccess = successOf('CreateUserSuccess', 'user', User);
export const UpdateUserSuccess = successOf('UpdateUserSuccess', 'user', User);
export const DeactivateUserSuccess = successOf('DeactivateUserSuccess', 'user', User);
export const ReactivateUserSuccess = successOf('ReactivateUserSuccess', 'user', User);
export const RevokeApiTokenSuccess = successOf('RevokeApiTokenSuccess', 'token', ApiToken);

export const LoginResult = mutationResult('Login', LoginSuccess, login);
export const CreateUserResult = mutationResult('CreateUser', CreateUserSuccess, createUser);
export const UpdateUserResult = mutationResult('UpdateUser', UpdateUserSuccess, updateUser);
export const DeactivateUserResult = mutationResult('DeactivateUser', DeactivateUserSuccess, deactivateUser);
export const ReactivateUserResult = mutationResult('ReactivateUser', ReactivateUserSuccess, reactivateUser);
export const ChangePasswordResult = mutationResult('ChangePassword', ChangePasswordSuccess, changePassword);
export const ResetPasswordResult = mutationResult('ResetPassword', ResetPasswordSuccess, resetPassword);
export const CreateApiTokenResult = mutationResult('CreateApiToken', CreateApiTokenSuccess, createApiToken);
export const RevokeApiTokenResult = mutationResult('RevokeApiToken', RevokeApiTokenSuccess, revokeApiToken);
