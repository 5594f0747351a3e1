import { shiftApi, volunteerApi } from '@gongzhi/shared';
import { Types } from 'mongoose';
import { ApiRouter } from '../../../platform/api-router';
import type { Guards } from '../../identity/guards';
import type { RatingService } from './ratings.service';

/** The organiser rates each volunteer per shift; volunteers rate the shift. */
export function ratingRoutes(guards: Guards, ratings: RatingService): ApiRouter {
  const oid = (id: string) => new Types.ObjectId(id);
  return new ApiRouter(guards)
    .mount(shiftApi.rateVolunteer, (ctx, { params, body }) => ratings.rateVolunteer(ctx.state.user!, oid(params.id), oid(params.signupId), body))
    .mount(shiftApi.rateShift, (ctx, { params, body }) => ratings.rateShift(ctx.state.user!, oid(params.id), body))
    .mount(shiftApi.ratings, (ctx, { params }) => ratings.shiftRatings(ctx.state.user!, oid(params.id)))
    .mount(volunteerApi.myRating, (ctx) => ratings.myRating(ctx.state.user!));
}
