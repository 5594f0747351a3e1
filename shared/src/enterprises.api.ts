import { z } from 'zod';
import { defineRoute } from './contract';
import {
  BundleBody, BundleView, Criteria, EnterpriseBody, EnterpriseInvitationView, MatchPreview, EnterpriseView, ItemBody, ItemView, JoinEnterpriseBody, MatchQuery, MatchView, MemberParams, MemberView, ReviewBody, ReviewQuery,
} from './enterprises';
import { CaseBody, CaseNoteBody, CaseQueueQuery, CaseRatingBody, CaseSummary, CaseView, EnterpriseDashboard, FavouriteParams, IntentBody } from './enterprise-desk';
import { IdParams } from './route-params';

const enterprise = { params: IdParams, notFound: 'ENTERPRISE_NOT_FOUND' } as const;
const OFFICERS = ['enterprise_officer', 'admin'] as const;
const deskCase = { params: IdParams, notFound: 'ENTERPRISE_CASE_NOT_FOUND' } as const;

/** 企业服务: enterprises register and are verified; officers publish items; verified enterprises see what they qualify for and why. */
export const enterprisesApi = {
  register: defineRoute({ method: 'POST', path: '/enterprises', summary: '登记企业（实名居民；一个信用代码一家企业）', access: 'user', body: EnterpriseBody, response: EnterpriseView, status: 201 }),
  mine: defineRoute({ method: 'GET', path: '/enterprises/mine', summary: '我所在的企业', access: 'user', response: z.object({ items: z.array(EnterpriseView) }) }),
  review: defineRoute({ method: 'GET', path: '/enterprises/review', summary: '待审核 / 已审核的企业（企业服务部）', access: OFFICERS, query: ReviewQuery, response: z.object({ items: z.array(EnterpriseView) }) }),
  detail: defineRoute({ method: 'GET', path: '/enterprises/:id', summary: '企业信息（本企业成员和企业服务部）', access: 'user', ...enterprise, response: EnterpriseView }),
  decide: defineRoute({ method: 'POST', path: '/enterprises/:id/review', summary: '认证或驳回（写明原因）', access: OFFICERS, ...enterprise, body: ReviewBody, response: EnterpriseView }),
  matches: defineRoute({ method: 'GET', path: '/enterprises/:id/matches', summary: '为我匹配：每项政策是否符合，逐条说明原因', access: 'user', ...enterprise, query: MatchQuery, response: z.object({ items: z.array(MatchView) }) }),
  invite: defineRoute({ method: 'POST', path: '/enterprises/:id/invitations', summary: '邀请同事（企业管理员；邀请码7天有效，用一次）', access: 'user', ...enterprise, response: EnterpriseInvitationView, status: 201 }),
  join: defineRoute({ method: 'POST', path: '/enterprises/join', summary: '凭邀请码加入企业', access: 'user', body: JoinEnterpriseBody, response: EnterpriseView }),
  members: defineRoute({ method: 'GET', path: '/enterprises/:id/members', summary: '企业成员', access: 'user', ...enterprise, response: z.object({ items: z.array(MemberView) }) }),
  removeMember: defineRoute({
    method: 'DELETE', path: '/enterprises/:id/members/:userId', summary: '移除成员或自己退出（此后不能再代表企业）', access: 'user',
    params: MemberParams, notFound: 'ENTERPRISE_NOT_FOUND', status: 204,
  }),
  publishItem: defineRoute({ method: 'POST', path: '/enterprise-items', summary: '发布政策、金融产品或人才服务（企业服务部）', access: OFFICERS, body: ItemBody, response: ItemView, status: 201 }),
  previewItem: defineRoute({ method: 'POST', path: '/enterprise-items/preview', summary: '发布前预览：按这些条件能匹配多少家已认证企业', access: OFFICERS, body: z.strictObject({ criteria: Criteria }), response: MatchPreview }),
  updateItem: defineRoute({ method: 'PUT', path: '/enterprise-items/:id', summary: '修改（新版本；已匹配的企业看到改了什么）', access: OFFICERS, params: IdParams, notFound: 'ENTERPRISE_ITEM_NOT_FOUND', body: ItemBody, response: ItemView }),
  bundles: defineRoute({ method: 'GET', path: '/enterprise-bundles', summary: '资源包', access: 'user', response: z.object({ items: z.array(BundleView) }) }),
  createBundle: defineRoute({ method: 'POST', path: '/enterprise-bundles', summary: '新建资源包（企业服务部）', access: OFFICERS, body: BundleBody, response: BundleView, status: 201 }),
  updateBundle: defineRoute({ method: 'PUT', path: '/enterprise-bundles/:id', summary: '修改资源包', access: OFFICERS, params: IdParams, notFound: 'ENTERPRISE_BUNDLE_NOT_FOUND', body: BundleBody, response: BundleView }),
  items: defineRoute({ method: 'GET', path: '/enterprise-items', summary: '已发布的政策和服务', access: OFFICERS, response: z.object({ items: z.array(ItemView) }) }),
  // ---- 企业服务台, favourites and 意向申报 ----
  openCase: defineRoute({ method: 'POST', path: '/enterprises/:id/cases', summary: '向企业服务台咨询或求助（可关联一项政策）', access: 'user', ...enterprise, body: CaseBody, response: CaseView, status: 201 }),
  cases: defineRoute({ method: 'GET', path: '/enterprises/:id/cases', summary: '本企业的服务台事项', access: 'user', ...enterprise, response: z.object({ items: z.array(CaseSummary) }) }),
  intent: defineRoute({
    method: 'POST', path: '/enterprises/:id/intents/:itemId', summary: '意向申报：开启一件关于该政策的服务台事项（每项一次）', access: 'user',
    params: FavouriteParams, notFound: 'ENTERPRISE_NOT_FOUND', body: IntentBody, response: CaseView, status: 201,
  }),
  favourites: defineRoute({ method: 'GET', path: '/enterprises/:id/favourites', summary: '收藏的政策和服务', access: 'user', ...enterprise, response: z.object({ items: z.array(ItemView) }) }),
  favourite: defineRoute({ method: 'PUT', path: '/enterprises/:id/favourites/:itemId', summary: '收藏', access: 'user', params: FavouriteParams, notFound: 'ENTERPRISE_NOT_FOUND', status: 204 }),
  unfavourite: defineRoute({ method: 'DELETE', path: '/enterprises/:id/favourites/:itemId', summary: '取消收藏', access: 'user', params: FavouriteParams, notFound: 'ENTERPRISE_NOT_FOUND', status: 204 }),
  caseQueue: defineRoute({ method: 'GET', path: '/enterprise-cases', summary: '服务台事项（企业服务部；可按状态、超期筛选）', access: OFFICERS, query: CaseQueueQuery, response: z.object({ items: z.array(CaseSummary) }) }),
  caseDetail: defineRoute({ method: 'GET', path: '/enterprise-cases/:id', summary: '服务台事项详情（本企业成员和企业服务部）', access: 'user', ...deskCase, response: CaseView }),
  reply: defineRoute({ method: 'POST', path: '/enterprise-cases/:id/reply', summary: '答复（企业服务部）', access: OFFICERS, ...deskCase, body: CaseNoteBody, response: CaseView }),
  followUp: defineRoute({ method: 'POST', path: '/enterprise-cases/:id/follow-up', summary: '追问（企业；重新计算答复期限）', access: 'user', ...deskCase, body: CaseNoteBody, response: CaseView }),
  closeCase: defineRoute({ method: 'POST', path: '/enterprise-cases/:id/close', summary: '结束事项（企业）', access: 'user', ...deskCase, response: CaseView }),
  rateCase: defineRoute({ method: 'POST', path: '/enterprise-cases/:id/rating', summary: '评价答复（企业，一次）', access: 'user', ...deskCase, body: CaseRatingBody, response: CaseView, status: 201 }),
  dashboard: defineRoute({ method: 'GET', path: '/enterprise-dashboard', summary: '企业服务看板（企业服务部）', access: OFFICERS, response: EnterpriseDashboard }),
};
