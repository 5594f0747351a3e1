import { staffComplaintsApi as api } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { ComplaintServices } from './complaint-services';

/** The staff workbench: the dispatch centre's queues and actions, the units' tasks and actions. */
export function staffComplaintRoutes(guards: Guards, { staff, dispatch, handling }: ComplaintServices): ApiRouter {
  const user = (ctx: { state: { user?: import('../identity/user.model').UserRecord } }) => ctx.state.user!;
  return new ApiRouter(guards)
    .mount(api.queue, (ctx, { query }) => staff.listDispatchQueue(user(ctx), query))
    .mount(api.tasks, (ctx, { query }) => staff.listUnitTasks(user(ctx), query))
    .mount(api.detail, (ctx, { params }) => staff.viewForStaff(user(ctx), params.id, ctx.state.requestId))
    .mount(api.accept, (ctx, { params, body }) => dispatch.acceptComplaint(user(ctx), params.id, body))
    .mount(api.reject, (ctx, { params, body }) => dispatch.rejectComplaint(user(ctx), params.id, body))
    .mount(api.dispatch, (ctx, { params, body }) => dispatch.dispatchComplaint(user(ctx), params.id, body))
    .mount(api.supervise, (ctx, { params, body }) => dispatch.superviseComplaint(user(ctx), params.id, body.note))
    .mount(api.phoneCallback, (ctx, { params, body }) => dispatch.recordPhoneCallback(user(ctx), params.id, body))
    .mount(api.appealRuling, (ctx, { params, body }) => dispatch.ruleOnAppeal(user(ctx), params.id, body))
    .mount(api.close, (ctx, { params, body }) => dispatch.closeComplaint(user(ctx), params.id, body))
    .mount(api.sign, (ctx, { params, body }) => handling.signForTask(user(ctx), params.id, body))
    .mount(api.return, (ctx, { params, body }) => handling.returnTask(user(ctx), params.id, body.reason))
    .mount(api.contact, (ctx, { params, body }) => handling.recordFirstContact(user(ctx), params.id, body))
    .mount(api.resolve, (ctx, { params, body }) => handling.resolveTask(user(ctx), params.id, body))
    .mount(api.appeal, (ctx, { params, body }) => handling.appealTask(user(ctx), params.id, body));
}
