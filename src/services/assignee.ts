import { User } from '../entities/user.entity';
import { BusinessRuleError } from '../errors/business-rule-error';
import { NotFoundError } from '../errors/not-found-error';
import type { OperationContext } from '../kernel/operation-context';

/** The staff user a task or a request is given to: one that exists and is active, since a deactivated account would never see it. */
export async function assigneeOf(ctx: OperationContext, userId: number): Promise<User> {
  const user = await ctx.em.findOne(User, { id: userId });
  if (!user) throw new NotFoundError('User', userId);
  if (!user.active) throw new BusinessRuleError('assignee_active', `${user.name} is deactivated; give the work to an active user.`);
  return user;
}
