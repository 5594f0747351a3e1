import { RateVolunteerBody, RatingView, ShiftRatingSummaryView } from '@gongzhi/shared';
import { ApiRouter } from '../../../platform/api-router';
import type { Guards } from '../../identity/guards';
import { objectIdOf } from '../organisation/organiser-access';
import type { RatingService } from './ratings.service';

/** The organiser rates each volunteer per shift; volunteers rate the shift. */
export function ratingRoutes(guards: Guards, ratings: RatingService): ApiRouter {
  const guard = guards.requireUser;
  const shiftId = (ctx: { params?: Record<string, string> }) => objectIdOf(ctx.params?.id, 'SHIFT_NOT_FOUND');
  return new ApiRouter('/api/v1')
    .route(
      { method: 'post', path: '/volunteer-shifts/:id/attendance/:signupId/rating', summary: '评价志愿者（组织者）', body: RateVolunteerBody, response: RatingView, status: 201, guard },
      (ctx, { body }) => ratings.rateVolunteer(ctx.state.user!, shiftId(ctx), objectIdOf(ctx.params?.signupId, 'NOT_FOUND'), body),
    )
    .route({ method: 'post', path: '/volunteer-shifts/:id/rating', summary: '评价本次服务（志愿者）', body: RateVolunteerBody, response: RatingView, status: 201, guard }, (ctx, { body }) =>
      ratings.rateShift(ctx.state.user!, shiftId(ctx), body),
    )
    .route({ method: 'get', path: '/volunteer-shifts/:id/ratings', summary: '本班次的志愿者评价（组织者）', response: ShiftRatingSummaryView, guard }, (ctx) =>
      ratings.shiftRatings(ctx.state.user!, shiftId(ctx)),
    )
    .route({ method: 'get', path: '/volunteers/me/rating', summary: '我获得的评价', response: ShiftRatingSummaryView, guard }, (ctx) => ratings.myRating(ctx.state.user!));
}
