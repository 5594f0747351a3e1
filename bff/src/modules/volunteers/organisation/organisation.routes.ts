import { AppointLeaderBody, CreateProjectBody, CreateShiftBody, CreateTeamBody, LedTeamView, ProjectView, ShiftView, TeamListQuery, TeamSummaryView, TeamView } from '@gongzhi/shared';
import { z } from 'zod';
import { ApiRouter } from '../../../platform/api-router';
import type { Guards } from '../../identity/guards';
import type { createOrganisationService } from './organisation.service';

/** Teams, their leaders, projects and publishing shifts (issue 4). */
export function organisationRoutes(guards: Guards, organisation: ReturnType<typeof createOrganisationService>): ApiRouter {
  const guard = guards.requireUser;
  const id = (ctx: { params?: Record<string, string> }) => ctx.params?.id;
  return new ApiRouter('/api/v1')
    .route(
      { method: 'post', path: '/volunteer-teams', summary: '创建志愿服务队（社区工作人员）', body: CreateTeamBody, response: TeamView, status: 201, guard },
      (ctx, { body }) => organisation.createTeam(ctx.state.user!, body),
    )
    .route(
      { method: 'get', path: '/volunteer-teams', summary: '本社区的志愿服务队（社区工作人员）', query: TeamListQuery, response: z.object({ items: z.array(TeamSummaryView) }), guard },
      (ctx, { query }) => organisation.listTeams(ctx.state.user!, query.communityId),
    )
    .route({ method: 'get', path: '/volunteer-teams/mine', summary: '我带领的服务队及其项目', response: z.object({ items: z.array(LedTeamView) }), guard }, (ctx) =>
      organisation.teamsILead(ctx.state.user!),
    )
    .route(
      { method: 'post', path: '/volunteer-teams/:id/leaders', summary: '按志愿者编号任命队长（社区工作人员）', body: AppointLeaderBody, response: TeamSummaryView, guard },
      (ctx, { body }) => organisation.appointLeader(ctx.state.user!, id(ctx), body, ctx.state.requestId),
    )
    .route(
      { method: 'delete', path: '/volunteer-teams/:id/leaders/:leaderId', summary: '移除队长：按用户编号或志愿者编号（社区工作人员）', response: TeamSummaryView, guard },
      (ctx) => organisation.removeLeader(ctx.state.user!, id(ctx), ctx.params?.leaderId, ctx.state.requestId),
    )
    .route(
      { method: 'post', path: '/volunteer-projects', summary: '创建志愿服务项目（社区工作人员；队长可为本队创建）', body: CreateProjectBody, response: ProjectView, status: 201, guard },
      (ctx, { body }) => organisation.createProject(ctx.state.user!, body),
    )
    .route(
      { method: 'post', path: '/volunteer-projects/:id/shifts', summary: '发布班次（社区工作人员、服务队队长）', body: CreateShiftBody, response: ShiftView, status: 201, guard },
      (ctx, { body }) => organisation.createShift(ctx.state.user!, id(ctx), body),
    );
}
