import { formatHours, placesLeft, progressPercent, progressSentence, shiftTimeRange, starMarks, starsLabel } from './format';

describe('volunteer formats', () => {
  it('when a volunteer has no star yet, then it says so in words', () => {
    expect(starsLabel(0)).toBe('暂无星级');
    expect(starsLabel(3)).toBe('三星志愿者');
    expect(starMarks(2)).toBe('★★☆☆☆');
  });

  it('when hours and tenure are both missing, then the sentence names both', () => {
    const progress = { current: 0, next: { stars: 1, hoursMissing: 97.5, tenureMonthsMissing: 5, needsNomination: false } };
    expect(progressSentence(progress)).toBe('距一星志愿者还需：服务时长97.5小时、注册满5个月');
    expect(progressPercent(2.5, progress)).toBe(2);
  });

  it('when the top level is reached, then the bar is full and the sentence says so', () => {
    expect(progressSentence({ current: 5, next: null })).toBe('已达到最高星级');
    expect(progressPercent(2000, { current: 5, next: null })).toBe(100);
    expect(formatHours(3)).toBe('3小时');
  });

  it('when a shift runs past midnight, then the end is marked as the next day (China Standard Time)', () => {
    expect(shiftTimeRange({ startAt: '2026-11-27T14:00:00.000Z', endAt: '2026-11-27T17:30:00.000Z' })).toBe('2026-11-27 22:00–次日01:30');
    expect(shiftTimeRange({ startAt: '2026-11-27T01:00:00.000Z', endAt: '2026-11-27T03:00:00.000Z' })).toBe('2026-11-27 09:00–11:00');
  });

  it('when a shift is full, then it says how many wait', () => {
    expect(placesLeft({ capacity: 5, confirmed: 5, waitlisted: 2 })).toBe('名额已满，候补2人');
    expect(placesLeft({ capacity: 5, confirmed: 3, waitlisted: 0 })).toBe('剩余2个名额（共5个）');
  });
});
