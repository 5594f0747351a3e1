import { complaintsApi } from '@gongzhi/shared';
import { ApiRouter, type Middleware } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { ComplaintServices } from './complaint-services';

const REPLAYED = 'idempotent-replayed';

/** A retried creation returns the complaint made the first time, as 200 rather than 201. */
const answerReplaysWith200: Middleware = async (ctx, next) => {
  await next();
  if (ctx.response.get(REPLAYED) === 'true') ctx.status = 200;
};

/** The resident's complaint routes. */
export function complaintRoutes(guards: Guards, { intake, resident }: ComplaintServices): ApiRouter {
  return new ApiRouter(guards)
    .mount(complaintsApi.similar, (_ctx, { query }) => intake.findSimilar(query))
    .mount(
      complaintsApi.file,
      async (ctx, { body }) => {
        const { complaint, replayed } = await intake.fileComplaint(ctx.state.user!, body, ctx.get('idempotency-key') || undefined);
        if (replayed) ctx.set(REPLAYED, 'true');
        return complaint;
      },
      { use: [answerReplaysWith200] },
    )
    .mount(complaintsApi.mine, (ctx, { query }) => resident.listMyComplaints(ctx.state.user!, query))
    .mount(complaintsApi.detail, (ctx, { params }) => resident.viewMyComplaint(ctx.state.user!, params.id))
    .mount(complaintsApi.follow, (ctx, { params, body }) => intake.followComplaint(ctx.state.user!, params.id, body))
    .mount(complaintsApi.rate, (ctx, { params, body }) => resident.rateComplaint(ctx.state.user!, params.id, body))
    .mount(complaintsApi.sendBack, (ctx, { params, body }) => resident.sendBackForRedo(ctx.state.user!, params.id, body.reason));
}
