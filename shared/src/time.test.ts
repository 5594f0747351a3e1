import { cstDate, cstFields, cstIso, cstMinute, cstMonth, cstYear, fromCst } from './time';

describe('China Standard Time', () => {
  // 2026-12-31 16:30 UTC is already 2027-01-01 00:30 in Beijing
  const newYear = new Date('2026-12-31T16:30:00Z');

  it('when an instant is past Beijing midnight but not UTC midnight, then the day, month and year are Beijing’s', () => {
    expect(cstDate(newYear)).toBe('2027-01-01');
    expect(cstMonth(newYear)).toBe('2027-01');
    expect(cstYear(newYear)).toBe(2027);
    expect(cstMinute(newYear)).toBe('2027-01-01 00:30');
    expect(cstFields(newYear).getUTCHours()).toBe(0);
  });

  it('when an instant is written with its offset and read back, then it is the same instant', () => {
    expect(cstIso(newYear)).toBe('2027-01-01T00:30:00+08:00');
    expect(new Date(cstIso(newYear)).getTime()).toBe(newYear.getTime());
    expect(fromCst('2027-01-01', '00:30').getTime()).toBe(newYear.getTime());
    expect(fromCst('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
