import { staffComplaintsApi as api } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { ComplaintServices } from './complaint-services';

/** The staff workbench: the dispatch centre's queues and actions, the units' tasks and actions. */
export function staffComplaintRoutes(guards: Guards, { staff, dispatch, handling }: ComplaintServices): ApiRouter {
  return new ApiRouter(guards)
    .mount(api.queue, (ctx, { query }) => staff.listDispatchQueue(ctx.state.user!, query))
    .mount(api.tasks, (ctx, { query }) => staff.listUnitTasks(ctx.state.user!, query))
    .mount(api.detail, (ctx, { params }) => staff.viewForStaff(ctx.state.user!, params.id, ctx.state.requestId))
    .mount(api.accept, (ctx, { params, body }) => dispatch.acceptComplaint(ctx.state.user!, params.id, body))
    .mount(api.reject, (ctx, { params, body }) => dispatch.rejectComplaint(ctx.state.user!, params.id, body))
    .mount(api.dispatch, (ctx, { params, body }) => dispatch.dispatchComplaint(ctx.state.user!, params.id, body))
    .mount(api.supervise, (ctx, { params, body }) => dispatch.superviseComplaint(ctx.state.user!, params.id, body.note))
    .mount(api.phoneCallback, (ctx, { params, body }) => dispatch.recordPhoneCallback(ctx.state.user!, params.id, body))
    .mount(api.appealRuling, (ctx, { params, body }) => dispatch.ruleOnAppeal(ctx.state.user!, params.id, body))
    .mount(api.close, (ctx, { params, body }) => dispatch.closeComplaint(ctx.state.user!, params.id, body))
    .mount(api.sign, (ctx, { params, body }) => handling.signForTask(ctx.state.user!, params.id, body))
    .mount(api.return, (ctx, { params, body }) => handling.returnTask(ctx.state.user!, params.id, body.reason))
    .mount(api.contact, (ctx, { params, body }) => handling.recordFirstContact(ctx.state.user!, params.id, body))
    .mount(api.resolve, (ctx, { params, body }) => handling.resolveTask(ctx.state.user!, params.id, body))
    .mount(api.appeal, (ctx, { params, body }) => handling.appealTask(ctx.state.user!, params.id, body));
}
