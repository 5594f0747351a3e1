import { ConfirmHoursBody, ConfirmHoursResult, MyHoursView, StarHistoryView } from '@gongzhi/shared';
import { ApiRouter } from '../../../platform/api-router';
import type { Guards } from '../../identity/guards';
import type { HoursService } from './hours.service';
import { objectIdOf } from '../organisation/organiser-access';

/** Hours into the ledger (confirm once, then corrections as new entries); a volunteer's hours and stars. No route edits an entry. */
export function hoursRoutes(guards: Guards, hours: HoursService): ApiRouter {
  const guard = guards.requireUser;
  const ids = (ctx: { params?: Record<string, string> }) =>
    [objectIdOf(ctx.params?.id, 'SHIFT_NOT_FOUND'), objectIdOf(ctx.params?.signupId, 'NOT_FOUND')] as const;
  return new ApiRouter('/api/v1')
    .route(
      { method: 'post', path: '/volunteer-shifts/:id/attendance/:signupId/confirm', summary: '确认服务时长（调整需填原因）', body: ConfirmHoursBody, response: ConfirmHoursResult, status: 201, guard },
      (ctx, { body }) => hours.confirmHours(ctx.state.user!, ...ids(ctx), body),
    )
    .route(
      { method: 'post', path: '/volunteer-shifts/:id/attendance/:signupId/corrections', summary: '更正已确认的时长（追加一条更正记录）', body: ConfirmHoursBody, response: ConfirmHoursResult, status: 201, guard },
      (ctx, { body }) => hours.correctHours(ctx.state.user!, ...ids(ctx), body),
    )
    .route({ method: 'get', path: '/volunteers/me/hours', summary: '我的服务时长记录', response: MyHoursView, guard }, (ctx) => hours.myHours(ctx.state.user!))
    .route({ method: 'get', path: '/volunteers/me/stars', summary: '我的星级记录', response: StarHistoryView, guard }, (ctx) => hours.myStarHistory(ctx.state.user!));
}
