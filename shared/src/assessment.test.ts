import { assessmentScores } from './assessment';

describe('assessment scores (PRODUCT.md formulas)', () => {
  it('when 10 are assessed, 8 contacted in time, 10 rated, 9 rated resolved, 6 satisfied and 2 basically, then the rates and score follow the weights', () => {
    const s = assessmentScores({ assessed: 10, contactedInTime: 8, rated: 10, ratedResolved: 9, satisfied: 6, basicallySatisfied: 2 });
    expect(s.responseRate).toBeCloseTo(0.8);
    expect(s.resolutionRate).toBeCloseTo(0.9);
    expect(s.satisfactionRate).toBeCloseTo((6 + 0.8 * 2) / 10);
    expect(s.score).toBeCloseTo(100 * (0.1 * 0.8 + 0.45 * 0.9 + 0.45 * 0.76));
  });

  it('when nothing was rated, then the rates are 0 rather than NaN', () => {
    const s = assessmentScores({ assessed: 0, contactedInTime: 0, rated: 0, ratedResolved: 0, satisfied: 0, basicallySatisfied: 0 });
    expect(s).toEqual({ responseRate: 0, resolutionRate: 0, satisfactionRate: 0, score: 0 });
  });
});
