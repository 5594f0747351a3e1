import { z } from 'zod';
import { defineRoute } from './contract';
import {
  EnterpriseBody, EnterpriseInvitationView, EnterpriseView, ItemBody, ItemView, JoinEnterpriseBody, MatchQuery, MatchView, MemberParams, MemberView, ReviewBody, ReviewQuery,
} from './enterprises';
import { IdParams } from './route-params';

const enterprise = { params: IdParams, notFound: 'ENTERPRISE_NOT_FOUND' } as const;
const OFFICERS = ['enterprise_officer', 'admin'] as const;

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
  items: defineRoute({ method: 'GET', path: '/enterprise-items', summary: '已发布的政策和服务', access: OFFICERS, response: z.object({ items: z.array(ItemView) }) }),
};
