import type { CreateProjectBody, CreateShiftBody, CreateTeamBody } from '@gongzhi/shared';
import { Types } from 'mongoose';
import type { z } from 'zod';
import { now } from '../../../platform/clock';
import type { AppDeps } from '../../../platform/deps';
import { AppError } from '../../../platform/errors';
import { Users, type UserRecord } from '../../identity/user.model';
import { Communities } from '../../reference/reference.model';
import { isCommunityStaff, leadsTeam, requireCommunityStaff, requireOrganiser } from './organiser-access';
import { createTeamService, projectView } from './organisation-teams';
import { Projects, Teams, type TeamRecord } from './organisation.model';
import { Shifts } from '../shifts/shift.model';
import type { ShiftQueries } from '../shifts/shift-queries';

/** Community staff set up teams and projects; staff and team leaders publish shifts. */
export function createOrganisationService({ conn, cipher }: Pick<AppDeps, 'conn' | 'cipher'>, queries: ShiftQueries) {
  async function createTeam(user: UserRecord, body: z.infer<typeof CreateTeamBody>) {
    requireCommunityStaff(user, body.communityId);
    const leaders = [...new Set(body.leaderUserIds)].map((id) => new Types.ObjectId(id));
    if ((await Users(conn).countDocuments({ _id: { $in: leaders } })) !== leaders.length) {
      throw new AppError('VALIDATION_FAILED', 400, [{ path: 'body.leaderUserIds', message: '队长账号不存在' }]);
    }
    const team = await Teams(conn).create({
      communityId: await existingCommunity(body.communityId),
      name: body.name,
      leaderUserIds: leaders,
      createdBy: user._id,
      createdAt: now(),
    });
    return teamView(team.toObject());
  }

  async function createProject(user: UserRecord, body: z.infer<typeof CreateProjectBody>) {
    // a team's leaders may add projects to their own team; anything else is community staff's
    const leader = !isCommunityStaff(user, body.communityId) && body.teamId ? await leadsTeam(conn, user, body.teamId, body.communityId) : false;
    if (!leader) requireCommunityStaff(user, body.communityId);
    const communityId = await existingCommunity(body.communityId);
    if (body.teamId && !(await Teams(conn).exists({ _id: body.teamId, communityId }))) {
      throw new AppError('VALIDATION_FAILED', 400, [{ path: 'body.teamId', message: '该社区没有这支服务队' }]);
    }
    const project = await Projects(conn).create({
      communityId,
      ...(body.teamId ? { teamId: new Types.ObjectId(body.teamId) } : {}),
      title: body.title,
      description: body.description,
      createdBy: user._id,
      createdAt: now(),
    });
    return projectView(project.toObject());
  }

  async function createShift(user: UserRecord, rawProjectId: string, body: CreateShiftBody) {
    const project = await Projects(conn).findById(new Types.ObjectId(rawProjectId)).lean();
    if (!project) throw new AppError('NOT_FOUND', 404);
    await requireOrganiser(conn, user, project);
    const times = {
      startAt: new Date(body.startAt),
      endAt: new Date(body.endAt),
      signupDeadline: new Date(body.signupDeadline),
      cancelCutoff: new Date(body.cancelCutoff),
    };
    const problems = [
      ...(times.endAt <= times.startAt ? [{ path: 'body.endAt', message: '结束时间须晚于开始时间' }] : []),
      ...(times.signupDeadline > times.startAt ? [{ path: 'body.signupDeadline', message: '报名截止须不晚于开始时间' }] : []),
      ...(times.cancelCutoff > times.startAt ? [{ path: 'body.cancelCutoff', message: '取消截止须不晚于开始时间' }] : []),
      ...(times.endAt <= now() ? [{ path: 'body.endAt', message: '班次已经结束' }] : []),
    ];
    if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
    const community = await Communities(conn).findById(project.communityId, { name: 1 }).lean();
    const shift = await Shifts(conn).create({
      projectId: project._id,
      projectTitle: project.title,
      projectDescription: project.description,
      communityId: project.communityId,
      communityName: community?.name ?? '',
      ...(project.teamId ? { teamId: project.teamId } : {}),
      place: body.place,
      ...times,
      capacity: body.capacity,
      requiredSkills: body.requiredSkills,
      minStars: body.minStars,
      createdBy: user._id,
      createdAt: now(),
    });
    return queries.shiftDetail(user, shift._id.toString());
  }

  async function existingCommunity(id: string): Promise<Types.ObjectId> {
    const community = await Communities(conn).findById(id, { _id: 1 }).lean();
    if (!community) throw new AppError('COMMUNITY_NOT_FOUND', 404);
    return community._id;
  }

  return { createTeam, createProject, createShift, ...createTeamService({ conn, cipher }) };
}

function teamView(t: TeamRecord) {
  return { id: t._id.toString(), communityId: t.communityId.toString(), name: t.name, leaderUserIds: t.leaderUserIds.map(String) };
}
