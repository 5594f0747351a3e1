import type { Role } from '@gongzhi/shared';
import type { AppContext, Next } from '../../platform/context';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { readById } from '../../platform/reads-by-id';
import { verifyAccessToken } from './access-token';
import { Users, type UserRecord } from './user.model';

/** Route guards: who is calling (requireUser) and whether they hold a role (requireRole). */
export function createGuards({ config, conn }: AppDeps) {
  const users = Users(conn);
  // The one lookup every signed-in request makes, by _id alone, straight to the driver; requests that
  // arrive together share one query (platform/reads-by-id.ts), each still reading its user as it stands.
  const userById = readById<UserRecord>(conn, users.collection.collectionName);

  async function requireUser(ctx: AppContext, next: Next): Promise<void> {
    const match = /^Bearer ([\w.-]+)$/.exec(ctx.get('authorization'));
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', 401);
    const claims = verifyAccessToken(config, match[1]);
    // (the id is the 24-hex subject verifyAccessToken insists on)
    const user = await userById(claims.userId);
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
