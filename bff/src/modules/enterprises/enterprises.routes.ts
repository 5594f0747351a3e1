import { enterprisesApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { EnterpriseService } from './enterprises.service';
import type { ServiceDesk } from './service-desk';

/** 企业服务 (issue 15). /enterprises/mine and /review are mounted before /enterprises/:id. */
export function enterpriseRoutes(guards: Guards, enterprises: EnterpriseService, desk: ServiceDesk): ApiRouter {
  return new ApiRouter(guards)
    .mount(enterprisesApi.mine, (ctx) => enterprises.mine(ctx.state.user!))
    .mount(enterprisesApi.review, (_ctx, { query }) => enterprises.reviewList(query.state))
    .mount(enterprisesApi.join, (ctx, { body }) => enterprises.join(ctx.state.user!, body.code))
    .mount(enterprisesApi.register, (ctx, { body }) => enterprises.register(ctx.state.user!, body))
    .mount(enterprisesApi.detail, (ctx, { params }) => enterprises.detail(ctx.state.user!, params.id))
    .mount(enterprisesApi.decide, (ctx, { params, body }) => enterprises.decide(ctx.state.user!, params.id, body))
    .mount(enterprisesApi.invite, (ctx, { params }) => enterprises.invite(ctx.state.user!, params.id))
    .mount(enterprisesApi.members, (ctx, { params }) => enterprises.memberList(ctx.state.user!, params.id))
    .mount(enterprisesApi.removeMember, async (ctx, { params }) => {
      await enterprises.removeMember(ctx.state.user!, params.id, params.userId);
    })
    .mount(enterprisesApi.matches, (ctx, { params, query }) => enterprises.matches(ctx.state.user!, params.id, query.kind, query.bundle))
    .mount(enterprisesApi.previewItem, (_ctx, { body }) => enterprises.previewCriteria(body.criteria))
    .mount(enterprisesApi.updateItem, (ctx, { params, body }) => enterprises.updateItem(ctx.state.user!, params.id, body))
    .mount(enterprisesApi.bundles, () => enterprises.listBundles())
    .mount(enterprisesApi.createBundle, (ctx, { body }) => enterprises.saveBundle(ctx.state.user!, null, body))
    .mount(enterprisesApi.updateBundle, (ctx, { params, body }) => enterprises.saveBundle(ctx.state.user!, params.id, body))
    .mount(enterprisesApi.publishItem, (ctx, { body }) => enterprises.publishItem(ctx.state.user!, body))
    .mount(enterprisesApi.items, () => enterprises.listItems())
    .mount(enterprisesApi.openCase, (ctx, { params, body }) => desk.openCase(ctx.state.user!, params.id, body))
    .mount(enterprisesApi.cases, (ctx, { params }) => desk.enterpriseCases(ctx.state.user!, params.id))
    .mount(enterprisesApi.intent, (ctx, { params, body }) => desk.declareIntent(ctx.state.user!, params.id, params.itemId, body.text))
    .mount(enterprisesApi.favourites, (ctx, { params }) => desk.favouriteItems(ctx.state.user!, params.id))
    .mount(enterprisesApi.favourite, async (ctx, { params }) => {
      await desk.favourite(ctx.state.user!, params.id, params.itemId, true);
    })
    .mount(enterprisesApi.unfavourite, async (ctx, { params }) => {
      await desk.favourite(ctx.state.user!, params.id, params.itemId, false);
    })
    .mount(enterprisesApi.caseQueue, (_ctx, { query }) => desk.queue(query))
    .mount(enterprisesApi.caseDetail, (ctx, { params }) => desk.detail(ctx.state.user!, params.id))
    .mount(enterprisesApi.reply, (ctx, { params, body }) => desk.reply(ctx.state.user!, params.id, body))
    .mount(enterprisesApi.followUp, (ctx, { params, body }) => desk.followUp(ctx.state.user!, params.id, body))
    .mount(enterprisesApi.closeCase, (ctx, { params }) => desk.closeCase(ctx.state.user!, params.id))
    .mount(enterprisesApi.rateCase, (ctx, { params, body }) => desk.rateCase(ctx.state.user!, params.id, body))
    .mount(enterprisesApi.dashboard, () => desk.dashboard());
}
