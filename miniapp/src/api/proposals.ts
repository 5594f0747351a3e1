import { proposalsApi, type AnswerProposalBody, type CreateProposalBody, type ProposalPage, type ProposalSettingsView, type ProposalView } from '@gongzhi/shared';
import { api } from './index';

export type ProposalOrder = 'newest' | 'supported';
export type ProposalQueue = 'awaiting' | 'adopted';

export function proposeIdea(body: CreateProposalBody): Promise<ProposalView> {
  return api.call(proposalsApi.create, { body });
}

export function listProposals(order: ProposalOrder, cursor?: string): Promise<ProposalPage> {
  return api.call(proposalsApi.list, { query: { order, cursor } });
}

export function listMyProposals(cursor?: string): Promise<ProposalPage> {
  return api.call(proposalsApi.mine, { query: { cursor } });
}

export function listProposalQueue(queue: ProposalQueue, cursor?: string): Promise<ProposalPage> {
  return api.call(proposalsApi.queue, { query: { queue, cursor } });
}

export function getProposal(id: string): Promise<ProposalView> {
  return api.call(proposalsApi.detail, { params: { id } });
}

export function supportProposal(id: string): Promise<ProposalView> {
  return api.call(proposalsApi.support, { params: { id } });
}

export function withdrawProposal(id: string): Promise<ProposalView> {
  return api.call(proposalsApi.withdraw, { params: { id } });
}

export function answerProposal(id: string, body: AnswerProposalBody): Promise<ProposalView> {
  return api.call(proposalsApi.answer, { params: { id }, body });
}

export function reportProposalProgress(id: string, text: string): Promise<ProposalView> {
  return api.call(proposalsApi.progress, { params: { id }, body: { text } });
}

export function getProposalSettings(communityId: string): Promise<ProposalSettingsView> {
  return api.call(proposalsApi.settings, { params: { communityId } });
}

export function setProposalThreshold(communityId: string, threshold: number): Promise<ProposalSettingsView> {
  return api.call(proposalsApi.updateSettings, { params: { communityId }, body: { threshold } });
}
