import {
  ComplaintSummaryView, ComplaintView, CreateComplaintBody, CursorQuery, FollowComplaintBody, pageOf, RateComplaintBody, SendBackBody, SimilarComplaintsQuery,
} from '@gongzhi/shared';
import { z } from 'zod';
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
  const guard = guards.requireUser;
  const id = (ctx: { params?: Record<string, string> }) => ctx.params?.id;
  return new ApiRouter('/api/v1')
    .route(
      {
        method: 'get', path: '/complaints/similar', summary: '附近的同类诉求（50米、7天内，可关注）',
        query: SimilarComplaintsQuery, response: z.object({ items: z.array(ComplaintSummaryView) }), guard,
      },
      (_ctx, { query }) => intake.findSimilar(query),
    )
    .route(
      {
        method: 'post', path: '/complaints', summary: '提交诉求（需 Idempotency-Key 请求头）',
        body: CreateComplaintBody, response: ComplaintView, status: 201, guard, use: [answerReplaysWith200],
      },
      async (ctx, { body }) => {
        const { complaint, replayed } = await intake.fileComplaint(ctx.state.user!, body, ctx.get('idempotency-key') || undefined);
        if (replayed) ctx.set(REPLAYED, 'true');
        return complaint;
      },
    )
    .route(
      { method: 'get', path: '/complaints/mine', summary: '我的诉求（含关注的）', query: CursorQuery, response: pageOf(ComplaintSummaryView), guard },
      (ctx, { query }) => resident.listMyComplaints(ctx.state.user!, query),
    )
    .route({ method: 'get', path: '/complaints/:id', summary: '诉求详情（居民）', response: ComplaintView, guard }, (ctx) =>
      resident.viewMyComplaint(ctx.state.user!, id(ctx)),
    )
    .route(
      {
        method: 'post', path: '/complaints/:id/follow', summary: '关注已有诉求（须为同类、50米内、7天内的未办结诉求；只可见公开信息）',
        body: FollowComplaintBody, response: ComplaintView, guard,
      },
      (ctx, { body }) => intake.followComplaint(ctx.state.user!, id(ctx), body),
    )
    .route(
      { method: 'post', path: '/complaints/:id/rating', summary: '评价办理结果', body: RateComplaintBody, response: ComplaintView, guard },
      (ctx, { body }) => resident.rateComplaint(ctx.state.user!, id(ctx), body),
    )
    .route(
      { method: 'post', path: '/complaints/:id/send-back', summary: '不满意，退回重办', body: SendBackBody, response: ComplaintView, guard },
      (ctx, { body }) => resident.sendBackForRedo(ctx.state.user!, id(ctx), body.reason),
    );
}
