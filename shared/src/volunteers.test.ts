import { monthsBetween, starLevel, starProgress } from './volunteers';

const REGISTERED = new Date('2024-01-15T02:00:00Z');

describe('star levels (national and Shenzhen volunteer rules)', () => {
  it.each([
    [99, '2025-01-15', 0],
    [100, '2024-07-14', 0], // 100 h but not yet 6 months
    [100, '2024-07-15', 1],
    [300, '2024-07-15', 2],
    [600, '2024-12-14', 2], // 600 h but under a year: stays ★★
    [600, '2025-01-15', 3],
    [1000, '2025-01-15', 4],
    [1500, '2026-01-15', 4], // ★★★★★ also needs a nomination
  ])('when %d confirmed hours on %s, then %d stars', (hours, day, stars) => {
    expect(starLevel({ confirmedHours: hours, registeredAt: REGISTERED, now: new Date(`${day}T04:00:00Z`), nominated: false })).toBe(stars);
  });

  it('when nominated with 1500 h and two years, then five stars', () => {
    expect(starLevel({ confirmedHours: 1500, registeredAt: REGISTERED, now: new Date('2026-01-15T04:00:00Z'), nominated: true })).toBe(5);
  });

  it('when progress is asked, then the missing hours and months of the next level are given', () => {
    expect(starProgress({ confirmedHours: 120, registeredAt: REGISTERED, now: new Date('2024-08-01T04:00:00Z'), nominated: false })).toEqual({
      current: 1,
      next: { stars: 2, hoursMissing: 180, tenureMonthsMissing: 0, needsNomination: false },
    });
  });

  it('when months are counted, then a month is complete only on the same day of the month', () => {
    expect(monthsBetween(new Date('2024-01-31T00:00:00Z'), new Date('2024-02-29T00:00:00Z'))).toBe(0);
    expect(monthsBetween(new Date('2024-01-15T00:00:00Z'), new Date('2024-02-15T00:00:00Z'))).toBe(1);
  });
});
