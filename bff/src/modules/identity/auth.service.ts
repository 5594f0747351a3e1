import type { AuthTokens, LoginResponse } from '@gongzhi/shared';
import { Types } from 'mongoose';
import { claimKey } from '../../platform/claim';
import { now, nowMs } from '../../platform/clock';
import { retryUpsert } from '../../platform/unique-race';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { signAccessToken } from './access-token';
import { RefreshFamilies, type RefreshFamily } from './refresh-family.model';
import { familyIdOf, hashRefreshToken, newRefreshToken } from './refresh-token';
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
   * The session family a presented token belongs to, current or already rotated: by `_id` when the
   * token names it (checked against the hashes here), else by the hashes (tokens from before).
   */
  async function familyOf(refreshToken: string, presented: string): Promise<RefreshFamily | null> {
    const id = familyIdOf(refreshToken);
    if (!id) return families.findOne({ $or: [{ currentHash: presented }, { previousHashes: presented }] }).lean<RefreshFamily>();
    const family = await families.findById(id).lean<RefreshFamily>();
    return family && (family.currentHash === presented || family.previousHashes.includes(presented)) ? family : null;
  }

  /** Swap a refresh token for a new pair. An already-swapped token means theft: sign out everywhere. */
  async function refreshSession(refreshToken: string): Promise<AuthTokens> {
    const presented = hashRefreshToken(refreshToken);
    // Spend the token first, by an insert under a unique _id: FerretDB 1.24 evaluates a conditional
    // update in two steps, so two refreshes with one token could otherwise both rotate it. A token
    // that was already spent, even a moment ago by a concurrent call, is reuse. Once spent, this call
    // is the only one rotating the family from this token.
    const spentNow = await claimKey(conn, 'spent_refresh_tokens', presented, { at: now() });
    const family = await familyOf(refreshToken, presented);
    if (!spentNow) {
      if (family) await revokeEverySession(family.userId, 'reuse');
      throw new AppError(family ? 'REFRESH_TOKEN_REUSED' : 'REFRESH_TOKEN_INVALID', 401);
    }
    if (!family) throw new AppError('REFRESH_TOKEN_INVALID', 401);
    if (family.currentHash !== presented) {
      await revokeEverySession(family.userId, 'reuse');
      throw new AppError('REFRESH_TOKEN_REUSED', 401);
    }
    if (family.revokedAt || family.expiresAt <= now()) throw new AppError('REFRESH_TOKEN_INVALID', 401);
    // A reuse detected by a concurrent call revokes the family too, but FerretDB writes a whole
    // document back, so the rotation below can undo that revokedAt; the user's tokenVersion, bumped
    // by the same revocation, is what ends the session for good.
    const user = await users.findById(family.userId).lean();
    if (!user || user.deletedAt || (family.tokenVersion ?? 0) !== user.tokenVersion) throw new AppError('REFRESH_TOKEN_INVALID', 401);
    const next = newRefreshToken(family._id);
    await families.updateOne(
      { _id: family._id },
      { $set: { currentHash: next.hash, expiresAt: new Date(nowMs() + refreshTtlMs) }, $push: { previousHashes: presented } },
    );
    return { accessToken: accessTokenFor(user), refreshToken: next.token, expiresIn: config.auth.accessTokenTtlSeconds };
  }

  /** Ends this session only; an unknown or already-ended token is not an error. */
  async function logout(refreshToken: string): Promise<void> {
    const presented = hashRefreshToken(refreshToken);
    const family = await familyOf(refreshToken, presented);
    if (!family || family.currentHash !== presented || family.revokedAt) return;
    await families.updateOne({ _id: family._id }, { $set: { revokedAt: now(), revokedReason: 'logout' } });
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
    const familyId = new Types.ObjectId();
    const refresh = newRefreshToken(familyId);
    await families.create({
      _id: familyId,
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
