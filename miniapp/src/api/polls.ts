import { pollsApi, type BallotBody, type PollDraftBody, type PollResultsView, type PollSummaryView, type PollTextsView, type PollView, type PublishTextsBody } from '@gongzhi/shared';
import { api } from './index';

export function listOpenPolls(): Promise<{ items: PollSummaryView[] }> {
  return api.call(pollsApi.open);
}

export function listManagedPolls(): Promise<{ items: PollSummaryView[] }> {
  return api.call(pollsApi.managed);
}

export function getPoll(id: string): Promise<PollView> {
  return api.call(pollsApi.detail, { params: { id } });
}

export function createPoll(body: PollDraftBody): Promise<PollView> {
  return api.call(pollsApi.create, { body });
}

export function publishPoll(id: string): Promise<PollView> {
  return api.call(pollsApi.publish, { params: { id } });
}

export function closePoll(id: string): Promise<PollView> {
  return api.call(pollsApi.close, { params: { id } });
}

export function answerPoll(id: string, body: BallotBody): Promise<{ counted: true }> {
  return api.call(pollsApi.answer, { params: { id }, body });
}

export function getPollResults(id: string): Promise<PollResultsView> {
  return api.call(pollsApi.results, { params: { id } });
}

export function getPollTexts(id: string, question: string, offset = 0): Promise<PollTextsView> {
  return api.call(pollsApi.texts, { params: { id }, query: { question, offset } });
}

export function publishPollTexts(id: string, body: PublishTextsBody): Promise<PollView> {
  return api.call(pollsApi.publishTexts, { params: { id }, body });
}
