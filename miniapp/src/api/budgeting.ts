import { budgetingApi, type BudgetBallotBody, type BudgetRoundDraftBody, type BudgetRoundSummaryView, type BudgetRoundView } from '@gongzhi/shared';
import { api } from './index';

export function listOpenRounds(): Promise<{ items: BudgetRoundSummaryView[] }> {
  return api.call(budgetingApi.open);
}

export function listManagedRounds(): Promise<{ items: BudgetRoundSummaryView[] }> {
  return api.call(budgetingApi.managed);
}

export function getRound(id: string): Promise<BudgetRoundView> {
  return api.call(budgetingApi.detail, { params: { id } });
}

export function createRound(body: BudgetRoundDraftBody): Promise<BudgetRoundView> {
  return api.call(budgetingApi.create, { body });
}

export function publishRound(id: string): Promise<BudgetRoundView> {
  return api.call(budgetingApi.publish, { params: { id } });
}

export function closeRound(id: string): Promise<BudgetRoundView> {
  return api.call(budgetingApi.close, { params: { id } });
}

export function voteInRound(id: string, body: BudgetBallotBody): Promise<{ counted: true }> {
  return api.call(budgetingApi.vote, { params: { id }, body });
}
