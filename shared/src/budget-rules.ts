/**
 * 民生微实事 budgeting: the rules both the ballot page and the BFF apply (no zod here: the page's
 * bundle takes this file).
 */

export interface BudgetCandidateCost {
  id: string;
  cost: number;
}

/** The total cost of the chosen projects (unknown ids count nothing: the BFF refuses them first). */
export function chosenCost(candidates: readonly BudgetCandidateCost[], chosen: readonly string[]): number {
  return chosen.reduce((sum, id) => sum + (candidates.find((c) => c.id === id)?.cost ?? 0), 0);
}

/** Whether adding this project keeps the ballot within the budget. */
export function fitsBudget(candidates: readonly BudgetCandidateCost[], chosen: readonly string[], id: string, budget: number): boolean {
  return chosen.includes(id) || chosenCost(candidates, [...chosen, id]) <= budget;
}

export interface RankedCandidate {
  id: string;
  cost: number;
  votes: number;
  funded: boolean;
}

/**
 * The winners, greedy by votes: projects in descending order of votes (ties: the cheaper first, then
 * the one listed first), each funded when its cost still fits what is left of the budget, skipped
 * otherwise, and the next one tried (as Shenzhen's 民生微实事 practice and most participatory-budget
 * tools do). A project nobody voted for is not funded.
 */
export function greedyWinners(candidates: readonly BudgetCandidateCost[], votes: Readonly<Record<string, number>>, budget: number): { ranking: RankedCandidate[]; spent: number } {
  const order = candidates
    .map((c, listed) => ({ ...c, votes: votes[c.id] ?? 0, listed }))
    .sort((a, b) => b.votes - a.votes || a.cost - b.cost || a.listed - b.listed);
  let left = budget;
  const ranking = order.map(({ id, cost, votes: n }) => {
    const funded = n > 0 && cost <= left;
    if (funded) left -= cost;
    return { id, cost, votes: n, funded };
  });
  return { ranking, spent: budget - left };
}

/** Yuan with thousands separators, as the pages show money (¥12,500). */
export function yuan(amount: number): string {
  return `¥${amount.toLocaleString('en-US')}`;
}
