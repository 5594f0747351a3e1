import { z } from 'zod';
import { defineRoute, type RouteContract } from './contract';
import { IdParams } from './route-params';
import {
  AppealBody, AppealRulingBody, ComplaintSummaryView, ComplaintView, ContactBody, CreateComplaintBody, DispatchBody, FollowComplaintBody, NoteBody,
  PhoneCallbackBody, PublicNoteBody, QueueFilter, RateComplaintBody, ReasonBody, RejectBody, ResolveBody, SendBackBody, SimilarComplaintsQuery,
  TaskFilter,
} from './complaints';
import type { Role } from './identity';
import { CursorQuery, pageOf } from './reference';

const one = { params: IdParams, notFound: 'COMPLAINT_NOT_FOUND', response: ComplaintView } as const;

/** The resident's side: filing (or following a nearby one), their list, the detail, rating, sending back. */
export const complaintsApi = {
  similar: defineRoute({
    method: 'GET', path: '/complaints/similar', summary: '附近的同类诉求（50米、7天内，可关注）', access: 'user',
    query: SimilarComplaintsQuery, response: z.object({ items: z.array(ComplaintSummaryView) }),
  }),
  file: defineRoute({
    method: 'POST', path: '/complaints', summary: '提交诉求（需 Idempotency-Key 请求头）', access: 'user',
    body: CreateComplaintBody, response: ComplaintView, status: 201,
  }),
  mine: defineRoute({
    method: 'GET', path: '/complaints/mine', summary: '我的诉求（含关注的）', access: 'user', query: CursorQuery, response: pageOf(ComplaintSummaryView),
  }),
  detail: defineRoute({ method: 'GET', path: '/complaints/:id', summary: '诉求详情（居民）', access: 'user', ...one }),
  follow: defineRoute({
    method: 'POST', path: '/complaints/:id/follow', summary: '关注已有诉求（须为同类、50米内、7天内的未办结诉求；只可见公开信息）', access: 'user',
    body: FollowComplaintBody, ...one,
  }),
  rate: defineRoute({ method: 'POST', path: '/complaints/:id/rating', summary: '评价办理结果', access: 'user', body: RateComplaintBody, ...one }),
  sendBack: defineRoute({ method: 'POST', path: '/complaints/:id/send-back', summary: '不满意，退回重办', access: 'user', body: SendBackBody, ...one }),
};

const DISPATCHER = ['dispatcher'] as const satisfies readonly Role[];
const UNIT = ['unit_staff', 'community_staff'] as const satisfies readonly Role[];
export const ANY_STAFF = ['dispatcher', 'admin', 'unit_staff', 'community_staff'] as const satisfies readonly Role[];

/** Each staff action: POST /staff/complaints/:id/<name> with its body, answered with the staff view. */
const action = <const B extends z.ZodType, const A extends readonly Role[]>(name: string, summary: string, body: B, access: A) =>
  defineRoute({ method: 'POST', path: `/staff/complaints/:id/${name}`, summary, access, body, ...one }) satisfies RouteContract;

/** The staff workbench: the dispatch centre's queue and actions, the units' tasks and actions. */
export const staffComplaintsApi = {
  queue: defineRoute({
    method: 'GET', path: '/staff/complaints', summary: '分拨中心工作队列', access: DISPATCHER,
    query: CursorQuery.extend({ filter: QueueFilter.default('intake') }), response: pageOf(ComplaintSummaryView),
  }),
  tasks: defineRoute({
    method: 'GET', path: '/staff/tasks', summary: '处置单位任务列表', access: UNIT,
    query: CursorQuery.extend({ filter: TaskFilter.default('to_sign') }), response: pageOf(ComplaintSummaryView),
  }),
  detail: defineRoute({ method: 'GET', path: '/staff/complaints/:id', summary: '诉求详情（工作人员）', access: ANY_STAFF, ...one }),
  accept: action('accept', '受理', PublicNoteBody, DISPATCHER),
  reject: action('reject', '不予受理（说明理由与引导渠道）', RejectBody, DISPATCHER),
  dispatch: action('dispatch', '派单（主办单位、协办单位）', DispatchBody, DISPATCHER),
  supervise: action('supervise', '督办', NoteBody, DISPATCHER),
  phoneCallback: action('phone-callback', '电话回访', PhoneCallbackBody, DISPATCHER),
  appealRuling: action('appeal-ruling', '裁定申诉', AppealRulingBody, DISPATCHER),
  close: action('close', '结案', PublicNoteBody, DISPATCHER),
  sign: action('sign', '签收', PublicNoteBody, UNIT),
  return: action('return', '退单', ReasonBody, UNIT),
  contact: action('contact', '记录首次联系', ContactBody, UNIT),
  resolve: action('resolve', '办结', ResolveBody, UNIT),
  appeal: action('appeal', '申诉（评价或派单）', AppealBody, UNIT),
};
