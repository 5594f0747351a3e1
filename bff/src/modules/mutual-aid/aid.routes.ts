import { Types } from 'mongoose';
import { aidApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { AidSafety } from './aid-safety';
import type { AidService } from './aid.service';

/** 社区互助 (issue 13). Fixed paths (/aid/posts/mine) are mounted before /aid/posts/:id. */
export function aidRoutes(guards: Guards, aid: AidService, safety: AidSafety): ApiRouter {
  return new ApiRouter(guards)
    .mount(aidApi.categories, () => aid.categories())
    .mount(aidApi.setCategory, (_ctx, { params, body }) => aid.setCategory(params.code, body))
    .mount(aidApi.mine, (ctx, { query }) => aid.mine(ctx.state.user!, query.role))
    .mount(aidApi.feed, (ctx, { query }) => aid.feed(ctx.state.user!, query))
    .mount(aidApi.unanswered, (ctx) => safety.unanswered(ctx.state.user!))
    .mount(aidApi.create, (ctx, { body }) => aid.createPost(ctx.state.user!, body))
    .mount(aidApi.update, (ctx, { params, body }) => aid.updatePost(ctx.state.user!, params.id, body))
    .mount(aidApi.detail, (ctx, { params }) => aid.postDetail(ctx.state.user!, params.id))
    .mount(aidApi.close, (ctx, { params }) => aid.closePost(ctx.state.user!, params.id))
    .mount(aidApi.respond, (ctx, { params, body }) => aid.respond(ctx.state.user!, params.id, body.note))
    .mount(aidApi.accept, (ctx, { params, body }) => aid.accept(ctx.state.user!, params.id, body.responderId))
    .mount(aidApi.messages, (ctx, { params }) => aid.messages(ctx.state.user!, params.id))
    .mount(aidApi.sendMessage, (ctx, { params, body }) => aid.sendMessage(ctx.state.user!, params.id, body))
    .mount(aidApi.complete, (ctx, { params, body }) => aid.complete(ctx.state.user!, params.id, body.hours))
    .mount(aidApi.confirm, (ctx, { params, body }) => aid.confirm(ctx.state.user!, params.id, body.hours))
    .mount(aidApi.rate, (ctx, { params, body }) => aid.rate(ctx.state.user!, params.id, body))
    .mount(aidApi.handover, (ctx, { params, body }) => safety.handover(ctx.state.user!, params.id, body.note))
    .mount(aidApi.report, (ctx, { body }) => safety.report(ctx.state.user!, body))
    .mount(aidApi.moderation, (ctx) => safety.moderationQueue(ctx.state.user!))
    .mount(aidApi.moderate, (ctx, { params, body }) => safety.moderate(ctx.state.user!, params.target, params.id, body))
    .mount(aidApi.sharePhone, (ctx, { params }) => aid.setPhoneShared(ctx.state.user!, params.id, true))
    .mount(aidApi.withholdPhone, (ctx, { params }) => aid.setPhoneShared(ctx.state.user!, params.id, false))
    .mount(aidApi.reportedPeople, (ctx) => safety.reportedPeople(ctx.state.user!))
    .mount(aidApi.suspensions, (ctx) => safety.suspensions(ctx.state.user!))
    .mount(aidApi.liftSuspension, async (ctx, { params }) => {
      await safety.liftSuspension(ctx.state.user!, params.id);
    })
    .mount(aidApi.suspend, (ctx, { body }) => safety.suspend(ctx.state.user!, body))
    .mount(aidApi.blocks, (ctx) => aid.people.myBlocks(ctx.state.user!))
    .mount(aidApi.block, (ctx, { body }) => aid.people.block(ctx.state.user!, body.userId))
    .mount(aidApi.unblock, async (ctx, { params }) => {
      await aid.people.unblock(ctx.state.user!, params.id);
    })
    .mount(aidApi.myCard, (ctx) => aid.people.card(ctx.state.user!._id))
    .mount(aidApi.setNickname, (ctx, { body }) => aid.setNickname(ctx.state.user!, body.nickname))
    .mount(aidApi.person, (_ctx, { params }) => aid.people.card(new Types.ObjectId(params.id)))
    .mount(aidApi.timeBankTotals, (ctx) => safety.timeBankTotals(ctx.state.user!))
    .mount(aidApi.timeBank, (ctx) => aid.myTimeBank(ctx.state.user!));
}
