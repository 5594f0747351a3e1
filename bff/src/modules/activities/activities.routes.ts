import { activitiesApi, paymentsApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import { answerWechatPayNotification } from '../payments/wechatpay-notify';
import type { ActivityService } from './activities.service';

/** 活动 (issue 14). Fixed paths (/activities/managed, /mine) are mounted before /activities/:id. */
export function activityRoutes(guards: Guards, activities: ActivityService): ApiRouter {
  return new ApiRouter(guards)
    .mount(activitiesApi.managed, (ctx) => activities.managedActivities(ctx.state.user!))
    .mount(activitiesApi.mine, (ctx) => activities.myActivities(ctx.state.user!))
    .mount(activitiesApi.list, (ctx, { query }) => activities.listActivities(ctx.state.user!, query.price))
    .mount(activitiesApi.create, (ctx, { body }) => activities.createActivity(ctx.state.user!, body))
    .mount(activitiesApi.update, (ctx, { params, body }) => activities.updateActivity(ctx.state.user!, params.id, body))
    .mount(activitiesApi.publish, (ctx, { params }) => activities.publishActivity(ctx.state.user!, params.id))
    .mount(activitiesApi.cancel, (ctx, { params, body }) => activities.cancelActivity(ctx.state.user!, params.id, body.reason))
    .mount(activitiesApi.detail, (ctx, { params }) => activities.activityDetail(ctx.state.user!, params.id))
    .mount(activitiesApi.register, (ctx, { params }) => activities.register(ctx.state.user!, params.id))
    .mount(activitiesApi.pay, (ctx, { params }) => activities.pay(ctx.state.user!, params.id))
    .mount(activitiesApi.withdraw, (ctx, { params }) => activities.withdraw(ctx.state.user!, params.id))
    .mount(activitiesApi.roster, (ctx, { params }) => activities.roster(ctx.state.user!, params.id))
    .mount(activitiesApi.rosterCsv, async (ctx, { params }) => {
      const csv = await activities.rosterCsv(ctx.state.user!, params.id);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.attachment(`activity-${params.id}-roster.csv`);
      return csv;
    })
    .mount(activitiesApi.qr, (ctx, { params }) => activities.qr(ctx.state.user!, params.id))
    .mount(activitiesApi.checkIn, (ctx, { params, body }) => activities.checkIn(ctx.state.user!, params.id, body.token))
    .mount(paymentsApi.reconciliation, async (ctx, { query }) => {
      const found = await activities.payments.reconciliationFor(ctx.state.user!, query.date);
      if (!found) return { date: query.date, done: false, billRows: 0, paymentsHere: 0, refundsHere: 0, differences: [] };
      const { _id, at, differences, ...counts } = found;
      return { date: _id, done: true, at: at.toISOString(), ...counts, differences: differences.map((d) => ({ ...d, activityId: d.activityId?.toHexString() })) };
    })
    // WeChat Pay's notify_url: verified and answered as WeChat Pay expects by the payments module; never reaches the contract's endpoint
    .mount(paymentsApi.notify, async () => undefined, { use: [answerWechatPayNotification(activities.payments.gateway, activities.payments.onNotification)] });
}
