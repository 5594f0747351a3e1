import { z } from 'zod';
import { defineRoute } from './contract';
import {
  AidAcceptBody, AidBlockBody, AidCategoryBody, AidCategoryView, AidCompleteBody, AidConfirmBody, AidFeedQuery, AidHandoverBody, AidMessageBody,
  AidMessageView, AidMineQuery, AidModerationBody, AidModerationItem, AidNicknameBody, AidPersonCard, AidReportedPerson, AidSuspensionView, AidPostBody, AidPostSummary, AidPostView, AidRatingBody,
  AidReportBody, AidRespondBody, AidSuspensionBody, AidUnansweredItem, CategoryCode, TimeBankTotals, TimeBankView,
} from './mutual-aid';
import { pageOf } from './reference';
import { IdParam, IdParams } from './route-params';

const post = { params: IdParams, notFound: 'AID_POST_NOT_FOUND' } as const;
const STAFF = ['community_staff', 'admin'] as const;

/** 社区互助: asks and offers, taking one on, the conversation, completion, the time bank, and safety. */
export const aidApi = {
  categories: defineRoute({ method: 'GET', path: '/aid/categories', summary: '互助类别', access: 'user', response: z.object({ items: z.array(AidCategoryView) }) }),
  setCategory: defineRoute({
    method: 'PUT', path: '/aid/categories/:code', summary: '新增或修改互助类别（街道管理员）', access: ['admin'],
    params: z.object({ code: CategoryCode }), body: AidCategoryBody, response: AidCategoryView,
  }),
  feed: defineRoute({ method: 'GET', path: '/aid/posts', summary: '本社区的求助和帮忙（最新、离我最近、按类别）', access: 'user', query: AidFeedQuery, response: pageOf(AidPostSummary) }),
  mine: defineRoute({ method: 'GET', path: '/aid/posts/mine', summary: '我发布的 / 我帮忙的', access: 'user', query: AidMineQuery, response: z.object({ items: z.array(AidPostSummary) }) }),
  unanswered: defineRoute({ method: 'GET', path: '/aid/unanswered', summary: '超过24小时无人响应的求助（社区工作人员）', access: STAFF, response: z.object({ items: z.array(AidUnansweredItem) }) }),
  create: defineRoute({ method: 'POST', path: '/aid/posts', summary: '发布求助或帮忙', access: 'user', body: AidPostBody, response: AidPostView, status: 201 }),
  update: defineRoute({ method: 'PUT', path: '/aid/posts/:id', summary: '修改（有人被接受之前）', access: 'user', ...post, body: AidPostBody, response: AidPostView }),
  detail: defineRoute({ method: 'GET', path: '/aid/posts/:id', summary: '互助详情（准确地点仅对被接受的帮忙人）', access: 'user', ...post, response: AidPostView }),
  close: defineRoute({ method: 'POST', path: '/aid/posts/:id/close', summary: '关闭', access: 'user', ...post, response: AidPostView }),
  respond: defineRoute({ method: 'POST', path: '/aid/posts/:id/responses', summary: '响应（我能帮 / 我需要）', access: 'user', ...post, body: AidRespondBody, response: AidPostView, status: 201 }),
  accept: defineRoute({ method: 'POST', path: '/aid/posts/:id/accept', summary: '接受一位响应人（只能一位）', access: 'user', ...post, body: AidAcceptBody, response: AidPostView }),
  messages: defineRoute({ method: 'GET', path: '/aid/posts/:id/messages', summary: '双方的对话', access: 'user', ...post, response: z.object({ items: z.array(AidMessageView) }) }),
  sendMessage: defineRoute({ method: 'POST', path: '/aid/posts/:id/messages', summary: '发送消息（内容安全检查）', access: 'user', ...post, body: AidMessageBody, response: AidMessageView, status: 201 }),
  complete: defineRoute({ method: 'POST', path: '/aid/posts/:id/complete', summary: '帮忙人标记完成（填写时长）', access: 'user', ...post, body: AidCompleteBody, response: AidPostView }),
  confirm: defineRoute({ method: 'POST', path: '/aid/posts/:id/confirm', summary: '发布人确认完成（确认时长，记入时间银行）', access: 'user', ...post, body: AidConfirmBody, response: AidPostView }),
  rate: defineRoute({ method: 'POST', path: '/aid/posts/:id/ratings', summary: '互相评价（各一次）', access: 'user', ...post, body: AidRatingBody, response: AidPostView, status: 201 }),
  handover: defineRoute({ method: 'POST', path: '/aid/posts/:id/handover', summary: '工作人员接手无人响应的求助（自行处理或转志愿服务）', access: STAFF, ...post, body: AidHandoverBody, response: AidPostView }),
  report: defineRoute({ method: 'POST', path: '/aid/reports', summary: '举报帖子、消息或用户', access: 'user', body: AidReportBody, response: z.object({ hidden: z.boolean() }), status: 201 }),
  moderation: defineRoute({ method: 'GET', path: '/aid/moderation', summary: '待审核（被多人举报而隐藏的内容）', access: STAFF, response: z.object({ items: z.array(AidModerationItem) }) }),
  moderate: defineRoute({
    method: 'POST', path: '/aid/moderation/:target/:id', summary: '恢复或移除（原因告知作者）', access: STAFF,
    params: z.object({ target: z.enum(['post', 'message']), id: IdParam }), notFound: 'AID_POST_NOT_FOUND', body: AidModerationBody, response: z.object({ state: z.string() }),
  }),
  sharePhone: defineRoute({ method: 'POST', path: '/aid/posts/:id/phone', summary: '向对方公开我的手机号（双方都公开后才可见）', access: 'user', ...post, response: AidPostView }),
  withholdPhone: defineRoute({ method: 'DELETE', path: '/aid/posts/:id/phone', summary: '不再向对方公开我的手机号', access: 'user', ...post, response: AidPostView }),
  reportedPeople: defineRoute({ method: 'GET', path: '/aid/moderation/people', summary: '被举报的用户（工作人员）', access: STAFF, response: z.object({ items: z.array(AidReportedPerson) }) }),
  suspensions: defineRoute({ method: 'GET', path: '/aid/suspensions', summary: '正在暂停互助的用户（工作人员）', access: STAFF, response: z.object({ items: z.array(AidSuspensionView) }) }),
  liftSuspension: defineRoute({ method: 'DELETE', path: '/aid/suspensions/:id', summary: '提前解除暂停', access: STAFF, params: IdParams, notFound: 'AID_PERSON_NOT_FOUND', status: 204 }),
  suspend: defineRoute({ method: 'POST', path: '/aid/suspensions', summary: '暂停某人使用社区互助（原因和截止日期）', access: STAFF, body: AidSuspensionBody, response: z.object({ until: z.string() }), status: 201 }),
  blocks: defineRoute({ method: 'GET', path: '/aid/blocks', summary: '我屏蔽的人', access: 'user', response: z.object({ items: z.array(AidPersonCard) }) }),
  block: defineRoute({ method: 'POST', path: '/aid/blocks', summary: '屏蔽某人（双方互不可见）', access: 'user', body: AidBlockBody, response: z.object({ blocked: z.literal(true) }), status: 201 }),
  unblock: defineRoute({ method: 'DELETE', path: '/aid/blocks/:id', summary: '取消屏蔽', access: 'user', params: IdParams, notFound: 'AID_PERSON_NOT_FOUND', status: 204 }),
  myCard: defineRoute({ method: 'GET', path: '/aid/me', summary: '我的互助名片', access: 'user', response: AidPersonCard }),
  setNickname: defineRoute({ method: 'PUT', path: '/aid/me/nickname', summary: '设置互助昵称（不能用真实姓名）', access: 'user', body: AidNicknameBody, response: AidPersonCard }),
  person: defineRoute({ method: 'GET', path: '/aid/people/:id', summary: '互助名片（昵称、社区、评价）', access: 'user', params: IdParams, notFound: 'AID_PERSON_NOT_FOUND', response: AidPersonCard }),
  timeBank: defineRoute({ method: 'GET', path: '/aid/time-bank', summary: '我的时间银行', access: 'user', response: TimeBankView }),
  timeBankTotals: defineRoute({ method: 'GET', path: '/aid/time-bank/communities', summary: '各社区时间银行合计（工作人员）', access: STAFF, response: TimeBankTotals }),
};
