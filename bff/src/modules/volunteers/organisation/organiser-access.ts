import { Types, type Connection } from 'mongoose';
import { AppError } from '../../../platform/errors';
import type { UserRecord } from '../../identity/user.model';
import { Teams } from './organisation.model';

/**
 * Who runs what, in one place: community staff create teams and projects in their own community
 * and run its shifts; the leaders of a project's team run that project's shifts; street admins
 * run everything. Shifts themselves are public to every signed-in user; only running them is guarded.
 */
const isAdmin = (user: UserRecord) => (user.roles ?? []).some((b) => b.role === 'admin');

export function isCommunityStaff(user: UserRecord, communityId: Types.ObjectId | string): boolean {
  if (isAdmin(user)) return true;
  const id = communityId.toString();
  return (user.roles ?? []).some((b) => b.role === 'community_staff' && b.communityId === id);
}

export function requireCommunityStaff(user: UserRecord, communityId: Types.ObjectId | string): void {
  if (!isCommunityStaff(user, communityId)) throw new AppError('FORBIDDEN', 403);
}

/** Whether the user may run the shifts of a project (create shifts, see the roster). */
export async function canRun(conn: Connection, user: UserRecord, target: { communityId: Types.ObjectId; teamId?: Types.ObjectId | null }): Promise<boolean> {
  if (isCommunityStaff(user, target.communityId)) return true;
  if (!target.teamId) return false;
  return Boolean(await Teams(conn).exists({ _id: target.teamId, leaderUserIds: user._id }));
}

/** Whether the user leads this team of this community (leaders may add projects to their own team). */
export async function leadsTeam(conn: Connection, user: UserRecord, teamId: string, communityId: string): Promise<boolean> {
  return Boolean(await Teams(conn).exists({ _id: new Types.ObjectId(teamId), communityId: new Types.ObjectId(communityId), leaderUserIds: user._id }));
}

export async function requireOrganiser(conn: Connection, user: UserRecord, target: { communityId: Types.ObjectId; teamId?: Types.ObjectId | null }): Promise<void> {
  if (!(await canRun(conn, user, target))) throw new AppError('FORBIDDEN', 403);
}
