import { currentPeriod, formatTime, percent, shiftPeriod } from './format';

describe('formats for residents and the assessment table', () => {
  it('when it is already the 1st in China but still the 30th in UTC, then the period is the Chinese month', () => {
    expect(currentPeriod(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
  });

  it('when the period moves across a year end, then the year changes with it', () => {
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
  });

  it('when a time is shown, then it is China Standard Time whatever the device zone', () => {
    expect(formatTime('2026-11-27T16:05:00.000Z')).toBe('2026-11-28 00:05');
  });

  it('when a rate is shown, then it is a percentage with one decimal', () => {
    expect(percent(0.9333)).toBe('93.3%');
    expect(percent(0)).toBe('0.0%');
  });
});
