import type { UserLifecycle } from '../../platform/user-lifecycle.ts';
import { handOverTasks } from './decision-service.ts';

/**
 * 离职交接: what a leaving person was asked to decide (now or at a later step of a running
 * approval) goes to whoever takes over their work — to the tenant's admins when their customers go
 * to a pool — so no approval waits for someone who is gone. A hand-over of chosen customers only
 * is not a departure from the approvals.
 */
export const approvalsLifecycle: UserLifecycle = {
  name: 'approvals',
  departure: async (tx, ctx) =>
    ctx.customerIds
      ? 0
      : handOverTasks(tx, ctx.actor, ctx.fromUserId, 'userId' in ctx.target ? ctx.target.userId : null),
};
