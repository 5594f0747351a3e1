import type { AuthTokens, LoginResponse } from '@gongzhi/shared';
import { Types } from 'mongoose';
import { claimKey } from '../../platform/claim';
import { now, nowMs } from '../../platform/clock';
import { isDuplicateKeyError } from '../../platform/database';
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

  /** Swap a refresh token for a new pair. An already-swapped token means theft: sign out everywhere. */
  async function refreshSession(refreshToken: string): Promise<AuthTokens> {
    const presented = hashRefreshToken(refreshToken);
    // Spend the token first, by an insert under a unique _id: FerretDB 1.24 evaluates the conditional
    // update below in two steps, so two refreshes with one token could otherwise both rotate it.
    // A token that was already spent, even a moment ago by a concurrent call, is reuse.
    if (!(await claimKey(conn, 'spent_refresh_tokens', presented, { at: now() }))) {
      const family = await families.findOne({ $or: [{ currentHash: presented }, { previousHashes: presented }] }).lean();
      if (family) await revokeEverySession(family.userId, 'reuse');
      throw new AppError(family ? 'REFRESH_TOKEN_REUSED' : 'REFRESH_TOKEN_INVALID', 401);
    }
    const next = newRefreshToken();
    const family = await families
      .findOneAndUpdate(
        { currentHash: presented, revokedAt: { $exists: false }, expiresAt: { $gt: now() } },
        { $set: { currentHash: next.hash, expiresAt: new Date(nowMs() + refreshTtlMs) }, $push: { previousHashes: presented } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!family) {
      const reused = await families.findOne({ previousHashes: presented }).lean();
      if (reused) {
        await revokeEverySession(reused.userId, 'reuse');
        throw new AppError('REFRESH_TOKEN_REUSED', 401);
      }
      throw new AppError('REFRESH_TOKEN_INVALID', 401);
    }
    const user = await users.findOne({ _id: family.userId, deletedAt: { $exists: false } }).lean();
    if (!user) throw new AppError('REFRESH_TOKEN_INVALID', 401);
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
          { $setOnInsert: { openid, tokenVersion: 0, createdAt: now() } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean();
    try {
      return (await upsert())!;
    } catch (err) {
      // Two first logins at once: one insert wins the unique openid index, the other reads it.
      if (isDuplicateKeyError(err)) return (await upsert())!;
      throw err;
    }
  }

  async function startSession(user: UserRecord): Promise<AuthTokens> {
    const refresh = newRefreshToken();
    await families.create({
      userId: user._id,
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
