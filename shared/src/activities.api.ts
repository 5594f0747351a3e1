import { ActivityDraftBody, ActivityIdList, ActivityPaymentView, ReconciliationQuery, ReconciliationView, ActivityListQuery, ActivityQrView, ActivityView, CancelActivityBody, CheckInBody, RosterView } from './activities';
import { defineRoute } from './contract';
import { IdParams } from './route-params';

const activity = { params: IdParams, notFound: 'ACTIVITY_NOT_FOUND' } as const;
/** A community's party committee for its community; the street admin for any. */
const ORGANISERS = ['party_committee', 'admin'] as const;

/** 活动: party committees publish; residents register (capacity, waitlist), cancel and check in. */
export const activitiesApi = {
  create: defineRoute({ method: 'POST', path: '/activities', summary: '起草活动（社区党委）', access: ORGANISERS, body: ActivityDraftBody, response: ActivityView, status: 201 }),
  update: defineRoute({ method: 'PUT', path: '/activities/:id', summary: '修改活动（发布后修改时间或地点会通知已报名的人）', access: ORGANISERS, ...activity, body: ActivityDraftBody, response: ActivityView }),
  publish: defineRoute({ method: 'POST', path: '/activities/:id/publish', summary: '发布活动', access: ORGANISERS, ...activity, response: ActivityView }),
  cancel: defineRoute({ method: 'POST', path: '/activities/:id/cancel', summary: '取消活动（通知所有报名的人）', access: ORGANISERS, ...activity, body: CancelActivityBody, response: ActivityView }),
  managed: defineRoute({ method: 'GET', path: '/activities/managed', summary: '我组织的活动（含草稿）', access: ORGANISERS, response: ActivityIdList }),
  mine: defineRoute({ method: 'GET', path: '/activities/mine', summary: '我报名的活动', access: 'user', response: ActivityIdList }),
  list: defineRoute({ method: 'GET', path: '/activities', summary: '可报名的活动（即将开始，本社区、全街道和面向所有人的）', access: 'user', query: ActivityListQuery, response: ActivityIdList }),
  detail: defineRoute({ method: 'GET', path: '/activities/:id', summary: '活动详情', access: 'user', ...activity, response: ActivityView }),
  register: defineRoute({ method: 'POST', path: '/activities/:id/registrations', summary: '报名（满员则候补）', access: 'user', ...activity, response: ActivityView, status: 201 }),
  pay: defineRoute({ method: 'POST', path: '/activities/:id/payment', summary: '支付报名费或押金（名额保留15分钟）：返回 wx.requestPayment 的签名参数', access: 'user', ...activity, response: ActivityPaymentView }),
  withdraw: defineRoute({ method: 'POST', path: '/activities/:id/registrations/cancel', summary: '取消报名（取消截止前）', access: 'user', ...activity, response: ActivityView }),
  roster: defineRoute({ method: 'GET', path: '/activities/:id/roster', summary: '报名名单（组织方）', access: ORGANISERS, ...activity, response: RosterView }),
  rosterCsv: defineRoute({ method: 'GET', path: '/activities/:id/roster.csv', summary: '报名名单 CSV（组织方）', access: ORGANISERS, ...activity, raw: 'csv' }),
  qr: defineRoute({ method: 'GET', path: '/activities/:id/qr', summary: '签到码（组织方，每30秒更新）', access: ORGANISERS, ...activity, response: ActivityQrView }),
  checkIn: defineRoute({ method: 'POST', path: '/activities/:id/check-in', summary: '扫码签到', access: 'user', ...activity, body: CheckInBody, response: ActivityView }),
};

/** WeChat Pay's notify_url: payment and refund results, signed and encrypted by WeChat Pay (never by a person). */
export const paymentsApi = {
  reconciliation: defineRoute({
    method: 'GET', path: '/payments/reconciliation', summary: '对账：某日微信支付账单与本平台订单、退款的差异（街道管理员全部；社区党委本社区活动的）', access: ORGANISERS, query: ReconciliationQuery, response: ReconciliationView,
  }),
  notify: defineRoute({ method: 'POST', path: '/payments/wechatpay/notify', summary: '微信支付结果通知（支付成功、退款结果）', access: 'public', status: 204 }),
};
