import { chosenCost, fitsBudget, greedyWinners, yuan } from './budget-rules';

const c = (id: string, cost: number) => ({ id, cost });

describe('greedyWinners: funded by votes, skipping what no longer fits', () => {
  it('when the most voted projects fit, then they are funded in order of votes until the budget runs out', () => {
    const { ranking, spent } = greedyWinners([c('a', 40), c('b', 30), c('c', 30)], { a: 10, b: 8, c: 5 }, 100);
    expect(ranking.map((r) => [r.id, r.funded])).toEqual([['a', true], ['b', true], ['c', true]]);
    expect(spent).toBe(100);
  });

  it('when a more voted project no longer fits, then it is skipped and a cheaper, less voted one that fits is funded', () => {
    // a (60) funded, b (50) does not fit the 40 left, c (40) does: the rule is greedy, not "stop at the first that fails"
    const { ranking, spent } = greedyWinners([c('a', 60), c('b', 50), c('c', 40)], { a: 9, b: 7, c: 3 }, 100);
    expect(ranking.map((r) => [r.id, r.funded])).toEqual([['a', true], ['b', false], ['c', true]]);
    expect(spent).toBe(100);
  });

  it('when the most voted project takes the whole budget, then nothing else is funded, whatever its votes', () => {
    const { ranking } = greedyWinners([c('a', 100), c('b', 1)], { a: 2, b: 1 }, 100);
    expect(ranking.filter((r) => r.funded).map((r) => r.id)).toEqual(['a']);
  });

  it('when votes tie, then the cheaper is considered first, and at equal cost the one listed first', () => {
    const { ranking } = greedyWinners([c('x', 60), c('y', 50), c('z', 50)], { x: 4, y: 4, z: 4 }, 100);
    expect(ranking.map((r) => [r.id, r.funded])).toEqual([['y', true], ['z', true], ['x', false]]);
  });

  it('when a project has no votes, then it is not funded even if money is left', () => {
    const { ranking, spent } = greedyWinners([c('a', 10), c('b', 10)], { a: 1 }, 100);
    expect(ranking.map((r) => [r.id, r.votes, r.funded])).toEqual([['a', 1, true], ['b', 0, false]]);
    expect(spent).toBe(10);
  });

  it('when the budget is spent exactly to the last yuan, then a project costing exactly what is left is funded', () => {
    const { ranking, spent } = greedyWinners([c('a', 33), c('b', 33), c('c', 34), c('d', 1)], { a: 5, b: 4, c: 3, d: 2 }, 100);
    expect(ranking.filter((r) => r.funded).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(spent).toBe(100);
  });
});

describe('a ballot within the budget', () => {
  it('when projects are added, then the running total counts each once, and a project that would exceed the budget does not fit', () => {
    const all = [c('a', 40), c('b', 30), c('c', 50)];
    expect(chosenCost(all, ['a', 'b'])).toBe(70);
    expect(fitsBudget(all, ['a', 'b'], 'c', 100)).toBe(false);
    expect(fitsBudget(all, ['a'], 'c', 100)).toBe(true);
    expect(fitsBudget(all, ['a', 'b'], 'a', 100)).toBe(true); // already chosen
    expect(yuan(125000)).toBe('¥125,000');
  });
});
