import { z } from 'zod';
import { BudgetBallotBody, BudgetRoundDraftBody, BudgetRoundSummaryView, BudgetRoundView } from './budgeting';
import { defineRoute } from './contract';
import { IdParams } from './route-params';

const round = { params: IdParams, notFound: 'BUDGET_ROUND_NOT_FOUND' } as const;
/** Community staff for their community, the street admin for any; the service checks the scope. */
const MANAGERS = ['community_staff', 'admin'] as const;

/** 民生微实事 budgeting rounds: staff open one for a community; its residents vote once within the budget. */
export const budgetingApi = {
  create: defineRoute({
    method: 'POST', path: '/budget-rounds', summary: '起草民生微实事预算投票（社区工作人员：本社区；街道管理员：任一社区）', access: MANAGERS,
    body: BudgetRoundDraftBody, response: BudgetRoundView, status: 201,
  }),
  update: defineRoute({ method: 'PUT', path: '/budget-rounds/:id', summary: '修改预算投票草稿', access: MANAGERS, ...round, body: BudgetRoundDraftBody, response: BudgetRoundView }),
  publish: defineRoute({ method: 'POST', path: '/budget-rounds/:id/publish', summary: '发布预算投票（此后不能修改）', access: MANAGERS, ...round, response: BudgetRoundView }),
  close: defineRoute({ method: 'POST', path: '/budget-rounds/:id/close', summary: '结束预算投票', access: MANAGERS, ...round, response: BudgetRoundView }),
  managed: defineRoute({
    method: 'GET', path: '/budget-rounds/managed', summary: '我管理的预算投票（含草稿）', access: MANAGERS, response: z.object({ items: z.array(BudgetRoundSummaryView) }),
  }),
  open: defineRoute({
    method: 'GET', path: '/budget-rounds', summary: '我所在社区的预算投票（进行中和已结束）', access: 'user', response: z.object({ items: z.array(BudgetRoundSummaryView) }),
  }),
  detail: defineRoute({ method: 'GET', path: '/budget-rounds/:id', summary: '预算投票详情（结束后含结果）', access: 'user', ...round, response: BudgetRoundView }),
  vote: defineRoute({
    method: 'POST', path: '/budget-rounds/:id/ballots', summary: '投票（每人一次，所选项目总费用不超过预算；选票与投票人分开保存）', access: 'user', ...round,
    body: BudgetBallotBody, response: z.object({ counted: z.literal(true) }), status: 201,
  }),
  ballotsCsv: defineRoute({
    method: 'GET', path: '/budget-rounds/:id/ballots.csv', summary: '匿名选票 CSV（结束后公开；结果中的摘要即此文件的 SHA-256）', access: 'user', ...round, raw: 'csv',
  }),
};
