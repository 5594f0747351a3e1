import { z } from 'zod';
import { defineRoute } from './contract';
import { BallotBody, PollDraftBody, PollResultsView, PollSummaryView, PollTextsQuery, PollTextsView, PollView, PublishTextsBody } from './polls';
import { IdParams } from './route-params';

const poll = { params: IdParams, notFound: 'POLL_NOT_FOUND' } as const;
/** Community staff for their community, the street admin for the street; the service checks the scope. */
const MANAGERS = ['community_staff', 'admin'] as const;

/** Opinion polls: staff draft, publish and close them; residents of the audience answer once. */
export const pollsApi = {
  create: defineRoute({
    method: 'POST', path: '/polls', summary: '起草问卷（社区工作人员：本社区；街道管理员：全街道）', access: MANAGERS,
    body: PollDraftBody, response: PollView, status: 201,
  }),
  update: defineRoute({ method: 'PUT', path: '/polls/:id', summary: '修改问卷草稿', access: MANAGERS, ...poll, body: PollDraftBody, response: PollView }),
  publish: defineRoute({ method: 'POST', path: '/polls/:id/publish', summary: '发布问卷（此后不能修改）', access: MANAGERS, ...poll, response: PollView }),
  close: defineRoute({ method: 'POST', path: '/polls/:id/close', summary: '提前结束问卷', access: MANAGERS, ...poll, response: PollView }),
  managed: defineRoute({
    method: 'GET', path: '/polls/managed', summary: '我管理的问卷（含草稿）', access: MANAGERS, response: z.object({ items: z.array(PollSummaryView) }),
  }),
  open: defineRoute({
    method: 'GET', path: '/polls', summary: '我可以参与的问卷（本社区和全街道，进行中和已结束）', access: 'user',
    response: z.object({ items: z.array(PollSummaryView) }),
  }),
  detail: defineRoute({ method: 'GET', path: '/polls/:id', summary: '问卷详情（工作人员可预览草稿）', access: 'user', ...poll, response: PollView }),
  answer: defineRoute({
    method: 'POST', path: '/polls/:id/ballots', summary: '提交答卷（每人一次；不记名问卷的答卷与答卷人分开保存）', access: 'user', ...poll,
    body: BallotBody, response: z.object({ counted: z.literal(true) }), status: 201,
  }),
  results: defineRoute({ method: 'GET', path: '/polls/:id/results', summary: '问卷结果（按问卷设置公开；工作人员随时可看）', access: 'user', ...poll, response: PollResultsView }),
  ballotsCsv: defineRoute({
    method: 'GET', path: '/polls/:id/ballots.csv', summary: '匿名答卷 CSV（能看结果的人都可下载；结果中的摘要即此文件的 SHA-256）', access: 'user', ...poll, raw: 'csv',
  }),
  resultsCsv: defineRoute({ method: 'GET', path: '/polls/:id/results.csv', summary: '问卷结果 CSV（按问卷设置公开；工作人员随时可看）', access: 'user', ...poll, raw: 'csv' }),
  texts: defineRoute({
    method: 'GET', path: '/polls/:id/texts', summary: '填空题的全部回答（工作人员，每页 50 条）', access: MANAGERS, ...poll, query: PollTextsQuery, response: PollTextsView,
  }),
  publishTexts: defineRoute({
    method: 'PUT', path: '/polls/:id/published-texts', summary: '选择随结果公开的填空题回答', access: MANAGERS, ...poll, body: PublishTextsBody, response: PollView,
  }),
};
