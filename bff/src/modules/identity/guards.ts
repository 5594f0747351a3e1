import type { Role } from '@gongzhi/shared';
import { Types } from 'mongoose';
import type { AppContext, Next } from '../../platform/context';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { verifyAccessToken } from './access-token';
import { Users, type UserRecord } from './user.model';

/** Route guards: who is calling (requireUser) and whether they hold a role (requireRole). */
export function createGuards({ config, conn }: AppDeps) {
  const users = Users(conn);

  async function requireUser(ctx: AppContext, next: Next): Promise<void> {
    const match = /^Bearer ([\w.-]+)$/.exec(ctx.get('authorization'));
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', 401);
    const claims = verifyAccessToken(config, match[1]);
    // By _id alone, straight to the driver: the one lookup every signed-in request makes must stay
    // the cheapest query there is. A lean mongoose query returns the same stored document, after a
    // query object, casting and middleware hooks that cost a twentieth of GET /me. (The id is the
    // 24-hex subject verifyAccessToken insists on.)
    const user = await users.collection.findOne<UserRecord>({ _id: new Types.ObjectId(claims.userId) });
    // A bumped tokenVersion (deletion, detected token theft) revokes every token issued before it.
    if (!user || user.deletedAt || user.tokenVersion !== claims.tokenVersion) throw new AppError('TOKEN_INVALID', 401);
    ctx.state.user = user;
    await next();
  }

  function requireRole(...roles: Role[]) {
    return async function requireRoleOf(ctx: AppContext, next: Next): Promise<void> {
      await requireUser(ctx, async () => {
        if (!(ctx.state.user!.roles ?? []).some((b) => roles.includes(b.role))) throw new AppError('FORBIDDEN', 403);
        await next();
      });
    };
  }

  return { requireUser, requireRole };
}

export type Guards = ReturnType<typeof createGuards>;
