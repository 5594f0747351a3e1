import { shiftApi, volunteerApi } from '@gongzhi/shared';
import { Types } from 'mongoose';
import { ApiRouter } from '../../../platform/api-router';
import type { Guards } from '../../identity/guards';
import type { HoursService } from './hours.service';

/** Hours into the ledger (confirm once, then corrections as new entries); a volunteer's hours and stars. No route edits an entry. */
export function hoursRoutes(guards: Guards, hours: HoursService): ApiRouter {
  const ids = (params: { id: string; signupId: string }) => [new Types.ObjectId(params.id), new Types.ObjectId(params.signupId)] as const;
  return new ApiRouter(guards)
    .mount(shiftApi.confirmHours, (ctx, { params, body }) => hours.confirmHours(ctx.state.user!, ...ids(params), body))
    .mount(shiftApi.correctHours, (ctx, { params, body }) => hours.correctHours(ctx.state.user!, ...ids(params), body))
    .mount(volunteerApi.myHours, (ctx) => hours.myHours(ctx.state.user!))
    .mount(volunteerApi.myStars, (ctx) => hours.myStarHistory(ctx.state.user!));
}
