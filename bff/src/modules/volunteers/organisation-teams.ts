import { maskName, type AppointLeaderBody, type LedTeamView, type TeamSummaryView } from '@gongzhi/shared';
import type { Types } from 'mongoose';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { Users, type UserRecord } from '../identity/user.model';
import { objectIdOf, requireCommunityStaff } from './organiser-access';
import { Projects, Teams, type ProjectRecord, type TeamRecord } from './organisation.model';
import { Volunteers } from './volunteer.model';

/** Teams as staff manage them (list, appoint a leader by volunteer number) and as leaders find them. */
export function createTeamService({ conn, cipher }: Pick<AppDeps, 'conn' | 'cipher'>) {
  async function listTeams(user: UserRecord, communityId: string): Promise<{ items: TeamSummaryView[] }> {
    requireCommunityStaff(user, communityId);
    const teams = await Teams(conn).find({ communityId: objectIdOf(communityId, 'NOT_FOUND') }).sort({ createdAt: 1, _id: 1 }).lean();
    return { items: await summariesOf(teams) };
  }

  async function appointLeader(user: UserRecord, rawTeamId: string | undefined, body: AppointLeaderBody): Promise<TeamSummaryView> {
    const team = await Teams(conn).findById(objectIdOf(rawTeamId, 'NOT_FOUND')).lean();
    if (!team) throw new AppError('NOT_FOUND', 404);
    requireCommunityStaff(user, team.communityId);
    // the body is validated to a plain string, so no operator reaches this filter
    const volunteer = await Volunteers(conn).findOne({ volunteerNumber: body.volunteerNumber }, { userId: 1 }).lean();
    if (!volunteer) throw new AppError('VOLUNTEER_NOT_REGISTERED', 404, [{ path: 'body.volunteerNumber', message: '没有这个志愿者编号' }]);
    // $addToSet: appointing the same volunteer twice changes nothing
    const updated = await Teams(conn)
      .findOneAndUpdate({ _id: team._id }, { $addToSet: { leaderUserIds: volunteer.userId } }, { returnDocument: 'after' })
      .lean();
    const [summary] = await summariesOf([updated ?? team]);
    return summary!;
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
      leaders: t.leaderUserIds.map((id) => ({ volunteerNumber: numberOf.get(id.toString()) ?? null, name: nameOf.get(id.toString()) ?? '' })),
    }));
  }

  return { listTeams, appointLeader, teamsILead };
}

export function projectView(p: ProjectRecord) {
  return { id: p._id.toString(), communityId: p.communityId.toString(), teamId: p.teamId?.toString() ?? null, title: p.title, description: p.description };
}
