import {
  AppealBody, AppealRulingBody, ComplaintSummaryView, ComplaintView, ContactBody, CursorQuery, DispatchBody, NoteBody, pageOf,
  PhoneCallbackBody, PublicNoteBody, QueueFilter, ReasonBody, RejectBody, ResolveBody, TaskFilter,
} from '@gongzhi/shared';
import type { z } from 'zod';
import { ApiRouter } from '../../platform/api-router';
import type { AppContext } from '../../platform/context';
import type { UserRecord } from '../identity/user.model';
import type { Guards } from '../identity/guards';
import type { ComplaintServices } from './complaint-services';

/** The staff workbench: the dispatch centre's queues and actions, the units' tasks and actions. */
export function staffComplaintRoutes(guards: Guards, { staff, dispatch, handling }: ComplaintServices): ApiRouter {
  const dispatcher = guards.requireRole('dispatcher');
  const unit = guards.requireRole('unit_staff', 'community_staff');
  const anyStaff = guards.requireRole('dispatcher', 'admin', 'unit_staff', 'community_staff');
  const router = new ApiRouter('/api/v1/staff')
    .route(
      {
        method: 'get', path: '/complaints', summary: '分拨中心工作队列',
        query: CursorQuery.extend({ filter: QueueFilter.default('intake') }), response: pageOf(ComplaintSummaryView), guard: dispatcher,
      },
      (ctx, { query }) => staff.listDispatchQueue(ctx.state.user!, query),
    )
    .route(
      {
        method: 'get', path: '/tasks', summary: '处置单位任务列表',
        query: CursorQuery.extend({ filter: TaskFilter.default('to_sign') }), response: pageOf(ComplaintSummaryView), guard: unit,
      },
      (ctx, { query }) => staff.listUnitTasks(ctx.state.user!, query),
    )
    .route({ method: 'get', path: '/complaints/:id', summary: '诉求详情（工作人员）', response: ComplaintView, guard: anyStaff }, (ctx) =>
      staff.viewForStaff(ctx.state.user!, ctx.params?.id, ctx.state.requestId),
    );

  // Each action: POST /staff/complaints/:id/<name> with its body, answered with the staff view.
  function action<B extends z.ZodType>(name: string, summary: string, body: B, guard: typeof unit, run: (user: UserRecord, id: string | undefined, body: z.infer<B>) => Promise<unknown>) {
    router.route({ method: 'post', path: `/complaints/:id/${name}`, summary, body, response: ComplaintView, guard }, (ctx: AppContext, input) =>
      run(ctx.state.user!, ctx.params?.id, input.body as z.infer<B>),
    );
  }
  action('accept', '受理', PublicNoteBody, dispatcher, (u, id, b) => dispatch.acceptComplaint(u, id, b));
  action('reject', '不予受理（说明理由与引导渠道）', RejectBody, dispatcher, (u, id, b) => dispatch.rejectComplaint(u, id, b));
  action('dispatch', '派单（主办单位、协办单位）', DispatchBody, dispatcher, (u, id, b) => dispatch.dispatchComplaint(u, id, b));
  action('supervise', '督办', NoteBody, dispatcher, (u, id, b) => dispatch.superviseComplaint(u, id, b.note));
  action('phone-callback', '电话回访', PhoneCallbackBody, dispatcher, (u, id, b) => dispatch.recordPhoneCallback(u, id, b));
  action('appeal-ruling', '裁定申诉', AppealRulingBody, dispatcher, (u, id, b) => dispatch.ruleOnAppeal(u, id, b));
  action('close', '结案', PublicNoteBody, dispatcher, (u, id, b) => dispatch.closeComplaint(u, id, b));
  action('sign', '签收', PublicNoteBody, unit, (u, id, b) => handling.signForTask(u, id, b));
  action('return', '退单', ReasonBody, unit, (u, id, b) => handling.returnTask(u, id, b.reason));
  action('contact', '记录首次联系', ContactBody, unit, (u, id, b) => handling.recordFirstContact(u, id, b));
  action('resolve', '办结', ResolveBody, unit, (u, id, b) => handling.resolveTask(u, id, b));
  action('appeal', '申诉（评价或派单）', AppealBody, unit, (u, id, b) => handling.appealTask(u, id, b));
  return router;
}
