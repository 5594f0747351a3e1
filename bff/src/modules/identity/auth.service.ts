import type { AuthTokens, LoginResponse } from '@gongzhi/shared';
import { Types } from 'mongoose';
import { now, nowMs } from '../../platform/clock';
import { retryUpsert } from '../../platform/unique-race';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { signAccessToken } from './access-token';
import { RefreshFamilies } from './refresh-family.model';
import { hashRefreshToken, newRefreshToken } from './refresh-token';
import { Users, type UserRecord } from './user.model';
import { toUserView } from './user-view';
import { withWechatCode } from './wechat-errors';

export function createAuthService(deps: AppDeps) {
  const { config, conn, wechat, cipher } = deps;
  const users = Users(conn);
  const families = RefreshFamilies(conn);
  const refreshTtlMs = config.auth.refreshTokenTtlDays * 86_400_000;

  /** WeChat login: the code proves the openid; the first login creates the account. */
  async function loginWithWechat(code: string): Promise<LoginResponse> {
    const session = await withWechatCode(() => wechat.code2Session(code), 'WECHAT_CODE_INVALID');
    const user = await findOrCreateUser(session.openid);
    const tokens = await startSession(user);
    return { ...tokens, user: toUserView(user, cipher) };
  }

  /**
   * Swaps a refresh token for a new pair. The swap is the spend: one conditional update from the
   * presented token (current, not revoked, not expired) to the next, so among calls presenting one
   * token at the same moment exactly one rotates it. A token found among the family's earlier ones,
   * even one rotated a moment ago by a concurrent call, is reuse (a stolen token): sign out everywhere.
   */
  async function refreshSession(refreshToken: string): Promise<AuthTokens> {
    const presented = hashRefreshToken(refreshToken);
    const at = now();
    const next = newRefreshToken();
    const family = await families
      .findOneAndUpdate(
        { currentHash: presented, revokedAt: { $exists: false }, expiresAt: { $gt: at } },
        { $set: { currentHash: next.hash, expiresAt: new Date(at.getTime() + refreshTtlMs) }, $push: { previousHashes: presented } },
      )
      .lean();
    if (!family) {
      const spent = await families.findOne({ previousHashes: presented }, { userId: 1 }).lean();
      if (spent) await revokeEverySession(spent.userId, 'reuse');
      throw new AppError(spent ? 'REFRESH_TOKEN_REUSED' : 'REFRESH_TOKEN_INVALID', 401);
    }
    // a reuse or an account deletion bumps the user's tokenVersion: that ends this session too
    const user = await users.findById(family.userId).lean();
    if (!user || user.deletedAt || (family.tokenVersion ?? 0) !== user.tokenVersion) throw new AppError('REFRESH_TOKEN_INVALID', 401);
    return { accessToken: accessTokenFor(user), refreshToken: next.token, expiresIn: config.auth.accessTokenTtlSeconds };
  }

  /** Ends this session only; an unknown or already-ended token is not an error. */
  async function logout(refreshToken: string): Promise<void> {
    await families.updateOne(
      { currentHash: hashRefreshToken(refreshToken), revokedAt: { $exists: false } },
      { $set: { revokedAt: now(), revokedReason: 'logout' } },
    );
  }

  /** Revokes every refresh session and, through tokenVersion, every access token of a user. */
  async function revokeEverySession(userId: Types.ObjectId, reason: 'reuse' | 'account_deleted'): Promise<void> {
    await families.updateMany({ userId, revokedAt: { $exists: false } }, { $set: { revokedAt: now(), revokedReason: reason } });
    if (reason === 'reuse') await users.updateOne({ _id: userId }, { $inc: { tokenVersion: 1 } });
  }

  async function findOrCreateUser(openid: string): Promise<UserRecord> {
    const upsert = () =>
      users
        .findOneAndUpdate(
          { openid },
          // _id from here: an id DocumentDB makes for an upsert need not sort in creation order
          { $setOnInsert: { _id: new Types.ObjectId(), openid, tokenVersion: 0, createdAt: now() } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean();
    // Two first logins at once: one insert wins the unique openid index, the other's retry reads it.
    return (await retryUpsert(() => upsert().exec()))!;
  }

  async function startSession(user: UserRecord): Promise<AuthTokens> {
    const refresh = newRefreshToken();
    await families.create({
      userId: user._id,
      tokenVersion: user.tokenVersion,
      currentHash: refresh.hash,
      previousHashes: [],
      createdAt: now(),
      expiresAt: new Date(nowMs() + refreshTtlMs),
    });
    return { accessToken: accessTokenFor(user), refreshToken: refresh.token, expiresIn: config.auth.accessTokenTtlSeconds };
  }

  function accessTokenFor(user: UserRecord): string {
    return signAccessToken(config, { userId: user._id.toString(), tokenVersion: user.tokenVersion });
  }

  return { loginWithWechat, refreshSession, logout, revokeEverySession };
}

export type AuthService = ReturnType<typeof createAuthService>;
