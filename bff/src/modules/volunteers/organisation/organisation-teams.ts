import { maskName, VolunteerNumber, type AppointLeaderBody, type LedTeamView, type TeamSummaryView } from '@gongzhi/shared';
import { Types } from 'mongoose';
import { recordAudit } from '../../../platform/audit';
import type { AppDeps } from '../../../platform/deps';
import { AppError } from '../../../platform/errors';
import { Users, type UserRecord } from '../../identity/user.model';
import { requireCommunityStaff } from './organiser-access';
import { Projects, Teams, type ProjectRecord, type TeamRecord } from './organisation.model';
import { Volunteers } from '../registration/volunteer.model';

/** Teams as staff manage them (list, appoint a leader by volunteer number) and as leaders find them. */
export function createTeamService({ conn, cipher }: Pick<AppDeps, 'conn' | 'cipher'>) {
  async function listTeams(user: UserRecord, communityId: string): Promise<{ items: TeamSummaryView[] }> {
    requireCommunityStaff(user, communityId);
    const teams = await Teams(conn).find({ communityId: new Types.ObjectId(communityId) }).sort({ createdAt: 1, _id: 1 }).lean();
    return { items: await summariesOf(teams) };
  }

  async function appointLeader(user: UserRecord, rawTeamId: string, body: AppointLeaderBody, requestId?: string): Promise<TeamSummaryView> {
    const team = await staffTeam(user, rawTeamId);
    const leaderId = await userIdOfVolunteer(body.volunteerNumber, 'body.volunteerNumber');
    // appointing someone who already leads the team changes nothing
    const { after, changed } = await changeLeaders(team, { leaderUserIds: { $ne: leaderId } }, { $addToSet: { leaderUserIds: leaderId } });
    if (changed) await auditLeader('volunteer_team.leader_appointed', user, after, leaderId, requestId);
    const [summary] = await summariesOf([after]);
    return summary!;
  }

  /**
   * Takes a leader off the team. Whether someone may run a team's shifts is read from the team on
   * every request (organiser-access.ts), so the removed leader is refused from the next request on.
   * Removing someone who does not lead the team changes nothing, so a repeated tap is harmless.
   * The leader is named by user id (what TeamLeaderView.id carries: leaders named at the team's
   * creation need not be registered volunteers) or, as before, by volunteer number.
   */
  async function removeLeader(user: UserRecord, rawTeamId: string, rawLeader: string, requestId?: string): Promise<TeamSummaryView> {
    const team = await staffTeam(user, rawTeamId);
    const leaderId = await leaderIdOf(rawLeader);
    const { after, changed } = await changeLeaders(team, { leaderUserIds: leaderId }, { $pull: { leaderUserIds: leaderId } });
    if (changed) await auditLeader('volunteer_team.leader_removed', user, after, leaderId, requestId);
    const [summary] = await summariesOf([after]);
    return summary!;
  }

  async function staffTeam(user: UserRecord, rawTeamId: string): Promise<TeamRecord> {
    const team = await Teams(conn).findById(new Types.ObjectId(rawTeamId)).lean();
    if (!team) throw new AppError('NOT_FOUND', 404);
    requireCommunityStaff(user, team.communityId);
    return team;
  }

  async function leaderIdOf(raw: string): Promise<Types.ObjectId> {
    if (/^[0-9a-f]{24}$/.test(raw)) return new Types.ObjectId(raw);
    const number = VolunteerNumber.safeParse(raw);
    if (!number.success) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'params.leaderId', message: '请以用户编号或志愿者编号（GZV 加 10 位数字）指明队长' }]);
    return userIdOfVolunteer(number.data, 'params.leaderId');
  }

  async function userIdOfVolunteer(volunteerNumber: string, path: string): Promise<Types.ObjectId> {
    // validated to a plain string of the number's shape, so no operator reaches this filter
    const volunteer = await Volunteers(conn).findOne({ volunteerNumber }, { userId: 1 }).lean();
    if (!volunteer) throw new AppError('VOLUNTEER_NOT_REGISTERED', 404, [{ path, message: '没有这个志愿者编号' }]);
    return volunteer.userId;
  }

  /**
   * One change of the leaders, applied only while the team still `needs` it: one conditional update
   * ($addToSet and $pull are atomic), so simultaneous appointments and removals all land, and a
   * repeated one finds nothing to do. Returns the team as it is afterwards either way.
   */
  async function changeLeaders(
    team: TeamRecord,
    needs: Record<string, unknown>,
    update: { $addToSet: { leaderUserIds: Types.ObjectId } } | { $pull: { leaderUserIds: Types.ObjectId } },
  ): Promise<{ after: TeamRecord; changed: boolean }> {
    const changed = await Teams(conn).findOneAndUpdate({ _id: team._id, ...needs }, update, { returnDocument: 'after' }).lean();
    return changed ? { after: changed, changed: true } : { after: await reread(team._id), changed: false };
  }

  async function reread(teamId: Types.ObjectId): Promise<TeamRecord> {
    const team = await Teams(conn).findById(teamId).lean();
    if (!team) throw new AppError('NOT_FOUND', 404);
    return team;
  }

  async function auditLeader(action: string, user: UserRecord, team: TeamRecord, leaderId: Types.ObjectId, requestId?: string) {
    // ids only: the audit log outlives account deletion as an anonymised trail
    await recordAudit(conn, {
      actorId: user._id.toString(),
      action,
      subjectType: 'volunteer_team',
      subjectId: team._id.toString(),
      requestId,
      details: { leaderUserId: leaderId.toString(), communityId: team.communityId.toString() },
    });
  }

  async function teamsILead(user: UserRecord): Promise<{ items: LedTeamView[] }> {
    const teams = await Teams(conn).find({ leaderUserIds: user._id }).sort({ createdAt: 1, _id: 1 }).lean();
    const projects = teams.length ? await Projects(conn).find({ teamId: { $in: teams.map((t) => t._id) } }).sort({ createdAt: 1, _id: 1 }).lean() : [];
    return {
      items: teams.map((t) => ({
        id: t._id.toString(),
        communityId: t.communityId.toString(),
        name: t.name,
        projects: projects.filter((p) => p.teamId?.equals(t._id)).map(projectView),
      })),
    };
  }

  async function summariesOf(teams: TeamRecord[]): Promise<TeamSummaryView[]> {
    const leaderIds: Types.ObjectId[] = [...new Map(teams.flatMap((t) => t.leaderUserIds).map((id) => [id.toString(), id])).values()];
    const [volunteers, users] = leaderIds.length
      ? await Promise.all([
          Volunteers(conn).find({ userId: { $in: leaderIds } }, { userId: 1, volunteerNumber: 1 }).lean(),
          Users(conn).find({ _id: { $in: leaderIds } }, { realName: 1 }).lean(),
        ])
      : [[], []];
    const numberOf = new Map(volunteers.map((v) => [v.userId.toString(), v.volunteerNumber]));
    const nameOf = new Map(users.map((u) => [u._id.toString(), u.realName ? maskName(cipher.decrypt(u.realName.nameCipher)) : '']));
    return teams.map((t) => ({
      id: t._id.toString(),
      communityId: t.communityId.toString(),
      name: t.name,
      leaders: t.leaderUserIds.map((id) => ({ id: id.toString(), volunteerNumber: numberOf.get(id.toString()) ?? null, name: nameOf.get(id.toString()) ?? '' })),
    }));
  }

  return { listTeams, appointLeader, removeLeader, teamsILead };
}

export function projectView(p: ProjectRecord) {
  return { id: p._id.toString(), communityId: p.communityId.toString(), teamId: p.teamId?.toString() ?? null, title: p.title, description: p.description };
}
