import type { Role } from '@gongzhi/shared';
import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import type { AppContext, Next } from '../../platform/context';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { verifyAccessToken } from './access-token';
import { Users, type UserRecord } from './user.model';

/** Route guards: who is calling (requireUser) and whether they hold a role (requireRole). */
export function createGuards({ config, conn }: AppDeps) {
  const users = Users(conn);
  // The one lookup every signed-in request makes, by _id alone, straight to the driver (a lean mongoose
  // query returns the same stored document after a query object, casting and hooks that cost a
  // twentieth of GET /me). Requests that reach this point in the same turn of the event loop share one
  // `$in` query (DataLoader, its cache off: every request still reads the user as it stands when it
  // arrives, so a revoked token is refused at once). Under load that is one query for many requests.
  const userById = new DataLoader<string, UserRecord | null>(
    async (ids) => {
      const found = await users.collection.find<UserRecord>({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).toArray();
      const byId = new Map(found.map((u) => [u._id.toHexString(), u]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    { cache: false, batchScheduleFn: (run) => setImmediate(run), maxBatchSize: 200 },
  );

  async function requireUser(ctx: AppContext, next: Next): Promise<void> {
    const match = /^Bearer ([\w.-]+)$/.exec(ctx.get('authorization'));
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', 401);
    const claims = verifyAccessToken(config, match[1]);
    // (the id is the 24-hex subject verifyAccessToken insists on)
    const user = await userById.load(claims.userId);
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
