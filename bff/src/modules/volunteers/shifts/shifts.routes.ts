import { CursorQuery, pageOf, ShiftListQuery, ShiftRosterView, ShiftView } from '@gongzhi/shared';
import { ApiRouter } from '../../../platform/api-router';
import type { Guards } from '../../identity/guards';
import type { ShiftQueries } from './shift-queries';
import type { createSignupService } from './signup.service';

/** Finding shifts, signing up and cancelling, the roster (issue 4). `/mine` is declared before `/:id`. */
export function shiftRoutes(guards: Guards, queries: ShiftQueries, signups: ReturnType<typeof createSignupService>): ApiRouter {
  const guard = guards.requireUser;
  const id = (ctx: { params?: Record<string, string> }) => ctx.params?.id;
  return new ApiRouter('/api/v1')
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
