import { shiftApi as api } from '@gongzhi/shared';
import { ApiRouter } from '../../../platform/api-router';
import type { Guards } from '../../identity/guards';
import type { ShiftQueries } from './shift-queries';
import type { createSignupService } from './signup.service';

/** Finding shifts, signing up and cancelling, the roster. `/mine` is mounted before `/:id`. */
export function shiftRoutes(guards: Guards, queries: ShiftQueries, signups: ReturnType<typeof createSignupService>): ApiRouter {
  return new ApiRouter(guards)
    .mount(api.list, (ctx, { query }) => queries.listShifts(ctx.state.user!, query))
    .mount(api.mine, (ctx, { query }) => queries.myShifts(ctx.state.user!, query))
    .mount(api.detail, (ctx, { params }) => queries.shiftDetail(ctx.state.user!, params.id))
    .mount(api.signUp, (ctx, { params }) => signups.signUpForShift(ctx.state.user!, params.id))
    .mount(api.cancel, (ctx, { params }) => signups.cancelSignup(ctx.state.user!, params.id))
    .mount(api.roster, (ctx, { params }) => queries.roster(ctx.state.user!, params.id));
}
