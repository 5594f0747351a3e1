import { recordAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { AppDeps } from '../../platform/deps';
import type { AuthService } from './auth.service';
import { Users, type UserRecord } from './user.model';

export function createAccountService({ conn }: AppDeps, auth: AuthService) {
  const users = Users(conn);

  /**
   * Account deletion (PIPL art. 47): the personal data and its keyed hashes go, the openid becomes
   * a tombstone so the same WeChat user starts afresh, every token dies. The audit trail stays,
   * holding nothing but the user id.
   */
  async function deleteAccount(user: UserRecord, requestId: string): Promise<void> {
    const id = user._id.toString();
    await users.updateOne(
      { _id: user._id },
      {
        $set: { openid: `deleted:${id}`, roles: [], deletedAt: now() },
        $unset: { realName: 1, consent: 1 },
        $inc: { tokenVersion: 1 },
      },
    );
    await auth.revokeEverySession(user._id, 'account_deleted');
    await recordAudit(conn, { actorId: id, action: 'user.deleted', subjectType: 'user', subjectId: id, requestId });
  }

  return { deleteAccount };
}
