import { defineRoute } from './contract';
import {
  AnswerProposalBody, CommunityParams, CreateProposalBody, ProgressBody, ProposalListQuery, ProposalPage, ProposalQueueQuery, ProposalSettingsBody,
  ProposalSettingsView, ProposalView,
} from './proposals';
import { CursorQuery } from './reference';
import { IdParams } from './route-params';

const proposal = { params: IdParams, notFound: 'PROPOSAL_NOT_FOUND' } as const;
/** Community staff for their community, the street admin for every community; the service checks the scope. */
const MANAGERS = ['community_staff', 'admin'] as const;

/** Resident proposals (居民提议): residents propose and support; community staff answer and report progress. */
export const proposalsApi = {
  create: defineRoute({
    method: 'POST', path: '/proposals', summary: '提出居民提议（实名居民，本社区）', access: 'user', body: CreateProposalBody, response: ProposalView, status: 201,
  }),
  list: defineRoute({
    method: 'GET', path: '/proposals', summary: '本社区的居民提议（最新或附议最多）', access: 'user', query: ProposalListQuery, response: ProposalPage,
  }),
  mine: defineRoute({ method: 'GET', path: '/proposals/mine', summary: '我的提议', access: 'user', query: CursorQuery, response: ProposalPage }),
  queue: defineRoute({
    method: 'GET', path: '/proposals/queue', summary: '答复队列（待答复按期限先后；已采纳待报进展）', access: MANAGERS, query: ProposalQueueQuery, response: ProposalPage,
  }),
  detail: defineRoute({ method: 'GET', path: '/proposals/:id', summary: '提议详情', access: 'user', ...proposal, response: ProposalView }),
  support: defineRoute({
    method: 'POST', path: '/proposals/:id/supports', summary: '附议（本社区其他实名居民，每人一次）', access: 'user', ...proposal, response: ProposalView, status: 201,
  }),
  withdraw: defineRoute({ method: 'POST', path: '/proposals/:id/withdraw', summary: '撤回提议（征集附议期间，提议人）', access: 'user', ...proposal, response: ProposalView }),
  answer: defineRoute({
    method: 'POST', path: '/proposals/:id/answer', summary: '答复提议：采纳、不采纳（须说明理由）或合并', access: MANAGERS, ...proposal, body: AnswerProposalBody, response: ProposalView,
  }),
  progress: defineRoute({
    method: 'POST', path: '/proposals/:id/progress', summary: '已采纳提议的落实进展', access: MANAGERS, ...proposal, body: ProgressBody, response: ProposalView, status: 201,
  }),
  settings: defineRoute({
    method: 'GET', path: '/proposal-settings/:communityId', summary: '社区的提议规则（附议门槛）', access: MANAGERS,
    params: CommunityParams, notFound: 'COMMUNITY_NOT_FOUND', response: ProposalSettingsView,
  }),
  updateSettings: defineRoute({
    method: 'PUT', path: '/proposal-settings/:communityId', summary: '调整社区的附议门槛（此后提出的提议适用）', access: MANAGERS,
    params: CommunityParams, notFound: 'COMMUNITY_NOT_FOUND', body: ProposalSettingsBody, response: ProposalSettingsView,
  }),
};

export type ProposalsApi = typeof proposalsApi;
