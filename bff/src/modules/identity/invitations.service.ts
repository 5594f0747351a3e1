import { createHash, randomInt } from 'node:crypto';
import { ROLE_SCOPE, type CreateInvitationBody, type RoleBinding, type UserView } from '@gongzhi/shared';
import { recordAudit } from '../../platform/audit';
import { now, nowMs } from '../../platform/clock';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { Communities, Units } from '../reference/reference.model';
import { Invitations } from './invitation.model';
import { Users, type UserRecord } from './user.model';
import { toUserView } from './user-view';

// No 0/O/1/I: the code is read aloud or typed from a screen. 12 characters = 60 bits.
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const hashCode = (code: string) => createHash('sha256').update(code.trim().toUpperCase()).digest('hex');

export function createInvitationService({ conn, config, cipher }: AppDeps) {
  const invitations = Invitations(conn);
  const users = Users(conn);

  /** An admin invites a staff member: the role and its scope are fixed now, bound on redemption. */
  async function createInvitation(admin: UserRecord, body: CreateInvitationBody, requestId: string) {
    const binding = await bindingFor(body);
    const code = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const expiresAt = new Date(nowMs() + config.invitations.ttlHours * 3_600_000);
    const invitation = await invitations.create({ codeHash: hashCode(code), ...binding, createdBy: admin._id, createdAt: now(), expiresAt });
    await recordAudit(conn, {
      actorId: admin._id.toString(),
      action: 'invitation.created',
      subjectType: 'invitation',
      subjectId: invitation._id.toString(),
      requestId,
      details: { role: binding.role, scope: binding.communityId ?? binding.unitId ?? 'street' },
    });
    return { code, role: binding.role, expiresAt: expiresAt.toISOString() };
  }

  /**
   * A signed-in user spends a code once, before it expires, and gains its role. Spending is one
   * conditional update (unspent, or spent by this same user → spent by this user), found by the code's
   * hash (a unique index): among people redeeming one code at once exactly one wins, and the winner's
   * retry after a lost reply binds the role instead of finding the code spent.
   */
  async function redeemInvitation(user: UserRecord, code: string, requestId: string): Promise<UserView> {
    const invitation = await invitations
      .findOneAndUpdate(
        { codeHash: hashCode(code), expiresAt: { $gt: now() }, $or: [{ redeemedBy: { $exists: false } }, { redeemedBy: user._id }] },
        { $set: { redeemedBy: user._id }, $min: { redeemedAt: now() } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!invitation) throw new AppError('INVITATION_INVALID', 400);
    const binding: RoleBinding = { role: invitation.role, communityId: invitation.communityId, unitId: invitation.unitId };
    const updated = await users
      .findOneAndUpdate({ _id: user._id }, { $addToSet: { roles: withoutUndefined(binding) } }, { returnDocument: 'after' })
      .lean();
    await recordAudit(conn, {
      actorId: user._id.toString(),
      action: 'invitation.redeemed',
      subjectType: 'invitation',
      subjectId: invitation._id.toString(),
      requestId,
      details: { role: invitation.role },
    });
    return toUserView(updated!, cipher);
  }

  async function bindingFor(body: CreateInvitationBody): Promise<RoleBinding> {
    const scope = ROLE_SCOPE[body.role];
    const needs = (field: 'communityId' | 'unitId', wanted: boolean) => {
      if (Boolean(body[field]) !== wanted) {
        throw new AppError('VALIDATION_FAILED', 400, [{ path: `body.${field}`, message: wanted ? '该角色必须指定' : '该角色不能指定' }]);
      }
    };
    needs('communityId', scope === 'community');
    needs('unitId', scope === 'unit');
    if (body.communityId && !(await Communities(conn).exists({ _id: body.communityId }))) throw new AppError('COMMUNITY_NOT_FOUND', 404);
    if (body.unitId && !(await Units(conn).exists({ _id: body.unitId }))) throw new AppError('UNIT_NOT_FOUND', 404);
    return withoutUndefined({ role: body.role, communityId: body.communityId, unitId: body.unitId });
  }

  return { createInvitation, redeemInvitation };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
