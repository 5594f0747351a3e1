import { proposalsApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { ProposalService } from './proposals.service';

/** Resident proposals (issue 12). `mine` and `queue` are mounted before `detail`: they are no proposal id. */
export function proposalRoutes(guards: Guards, proposals: ProposalService): ApiRouter {
  return new ApiRouter(guards)
    .mount(proposalsApi.mine, (ctx, { query }) => proposals.mine(ctx.state.user!, query))
    .mount(proposalsApi.queue, (ctx, { query }) => proposals.queue(ctx.state.user!, query))
    .mount(proposalsApi.list, (ctx, { query }) => proposals.list(ctx.state.user!, query))
    .mount(proposalsApi.create, (ctx, { body }) => proposals.propose(ctx.state.user!, body))
    .mount(proposalsApi.detail, (ctx, { params }) => proposals.detail(ctx.state.user!, params.id))
    .mount(proposalsApi.support, (ctx, { params }) => proposals.support(ctx.state.user!, params.id))
    .mount(proposalsApi.withdraw, (ctx, { params }) => proposals.withdraw(ctx.state.user!, params.id))
    .mount(proposalsApi.answer, (ctx, { params, body }) => proposals.answer(ctx.state.user!, params.id, body))
    .mount(proposalsApi.progress, (ctx, { params, body }) => proposals.reportProgress(ctx.state.user!, params.id, body))
    .mount(proposalsApi.settings, (ctx, { params }) => proposals.settings(ctx.state.user!, params.communityId))
    .mount(proposalsApi.updateSettings, (ctx, { params, body }) => proposals.updateSettings(ctx.state.user!, params.communityId, body));
}
