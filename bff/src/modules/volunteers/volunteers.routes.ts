import {
  AppointLeaderBody, LedTeamView, TeamListQuery, TeamSummaryView,
  CreateProjectBody, CreateShiftBody, CreateTeamBody, CursorQuery, pageOf, ProjectView, RegisterVolunteerBody, ShiftListQuery,
  ShiftRosterView, ShiftView, TeamView, VolunteerProfileView,
} from '@gongzhi/shared';
import { z } from 'zod';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { VolunteerServices } from './volunteer-services';

/** Volunteer registration, teams, projects and shifts (issue 4). */
export function volunteerRoutes(guards: Guards, { registration, organisation, queries, signups }: VolunteerServices): ApiRouter {
  const guard = guards.requireUser;
  const id = (ctx: { params?: Record<string, string> }) => ctx.params?.id;
  return new ApiRouter('/api/v1')
    .route(
      { method: 'post', path: '/volunteers', summary: '注册志愿者（需实名；14–17岁需监护人同意）', body: RegisterVolunteerBody, response: VolunteerProfileView, status: 201, guard },
      (ctx, { body }) => registration.registerVolunteer(ctx.state.user!, body),
    )
    .route({ method: 'get', path: '/volunteers/me', summary: '我的志愿者档案（时长、星级）', response: VolunteerProfileView, guard }, (ctx) =>
      registration.myProfile(ctx.state.user!),
    )
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
    )
    .route({ method: 'get', path: '/volunteer-shifts', summary: '浏览班次（日期、社区、技能）', query: ShiftListQuery, response: pageOf(ShiftView), guard }, (ctx, { query }) =>
      queries.listShifts(ctx.state.user!, query),
    )
    .route({ method: 'get', path: '/volunteer-shifts/mine', summary: '我报名的班次', query: CursorQuery, response: pageOf(ShiftView), guard }, (ctx, { query }) =>
      queries.myShifts(ctx.state.user!, query),
    )
    .route({ method: 'get', path: '/volunteer-shifts/:id', summary: '班次详情', response: ShiftView, guard }, (ctx) => queries.shiftDetail(ctx.state.user!, id(ctx)))
    .route({ method: 'post', path: '/volunteer-shifts/:id/signup', summary: '报名（满员则候补）', response: ShiftView, guard }, (ctx) =>
      signups.signUpForShift(ctx.state.user!, id(ctx)),
    )
    .route({ method: 'post', path: '/volunteer-shifts/:id/cancel', summary: '取消报名（截止后记为未到岗）', response: ShiftView, guard }, (ctx) =>
      signups.cancelSignup(ctx.state.user!, id(ctx)),
    )
    .route({ method: 'get', path: '/volunteer-shifts/:id/roster', summary: '报名名单（组织者）', response: ShiftRosterView, guard }, (ctx) =>
      queries.roster(ctx.state.user!, id(ctx)),
    );
}
