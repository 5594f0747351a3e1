import { checkGeofence, distanceMeters, isCheckInOpen, isCheckOutOpen, roundHours, serviceHours } from './volunteer-rules';
import { MAX_ACCURACY_ALLOWANCE_M } from './volunteers';

const CENTER = { lat: 22.5431, lng: 114.0579 };
/** A point `m` metres due north of the centre (one degree of latitude is 1/360 of the meridian). */
const north = (m: number) => ({ lat: CENTER.lat + (m / (2 * Math.PI * 6_371_008.8)) * 360, lng: CENTER.lng });

describe('distance (haversine)', () => {
  it('when two points are the same, then the distance is 0', () => {
    expect(distanceMeters(CENTER, CENTER)).toBe(0);
  });

  it('when a point is 150 m north, then the distance is 150 m', () => {
    expect(distanceMeters(CENTER, north(150))).toBeCloseTo(150, 6);
  });

  it('when Shenzhen Civic Centre and Beijing Tiananmen are measured, then about 1,943 km', () => {
    expect(distanceMeters(CENTER, { lat: 39.9087, lng: 116.3975 }) / 1000).toBeCloseTo(1943, -1);
  });
});

describe('geofence with an accuracy allowance', () => {
  const fence = (metres: number, accuracyM: number) => checkGeofence({ center: CENTER, radiusM: 100, position: { ...north(metres), accuracyM } });

  it('when the position is exactly at the radius with perfect accuracy, then it is inside', () => {
    // floating point puts "exactly 100 m" a hair either side; the edge is the radius to the millimetre
    expect(checkGeofence({ center: CENTER, radiusM: 100, position: { ...north(99.999), accuracyM: 0 } }).inside).toBe(true);
    expect(fence(100.001, 0).inside).toBe(false);
  });

  it('when 130 m away with ±30 m accuracy, then it is inside (the phone may stand 30 m closer)', () => {
    expect(fence(129.99, 30).inside).toBe(true);
    expect(fence(130.01, 30).inside).toBe(false);
  });

  it('when the reported accuracy is huge, then the allowance is capped', () => {
    const far = fence(100 + MAX_ACCURACY_ALLOWANCE_M + 1, 5000);
    expect(far).toMatchObject({ inside: false, allowanceM: MAX_ACCURACY_ALLOWANCE_M });
    expect(fence(100 + MAX_ACCURACY_ALLOWANCE_M - 1, 5000).inside).toBe(true);
  });

  it('when the distance is reported, then it is whole metres', () => {
    expect(fence(42.4, 0).distanceM).toBe(42);
  });
});

describe('check-in and check-out windows', () => {
  const shift = { startAt: new Date('2026-03-01T01:00:00Z'), endAt: new Date('2026-03-01T03:00:00Z') };
  const at = (iso: string) => new Date(iso);

  it('when 31 minutes before the start, then check-in is not open; at 30 minutes it is', () => {
    expect(isCheckInOpen(at('2026-03-01T00:29:00Z'), shift)).toBe(false);
    expect(isCheckInOpen(at('2026-03-01T00:30:00Z'), shift)).toBe(true);
  });

  it('when the shift has ended, then check-in is closed', () => {
    expect(isCheckInOpen(at('2026-03-01T02:59:59Z'), shift)).toBe(true);
    expect(isCheckInOpen(at('2026-03-01T03:00:00Z'), shift)).toBe(false);
  });

  it('when within 30 minutes after the end, then check-out is still open', () => {
    expect(isCheckOutOpen(at('2026-03-01T03:30:00Z'), shift)).toBe(true);
    expect(isCheckOutOpen(at('2026-03-01T03:30:01Z'), shift)).toBe(false);
  });
});

describe('service hours', () => {
  const shift = { startAt: new Date('2026-03-01T01:00:00Z'), endAt: new Date('2026-03-01T04:00:00Z') };
  const hours = (checkIn: string, checkOut: string | null) =>
    serviceHours({ ...shift, checkInAt: new Date(checkIn), checkOutAt: checkOut ? new Date(checkOut) : null });

  it('when present from before the start to after the end, then the shift length counts, not more', () => {
    expect(hours('2026-03-01T00:40:00Z', '2026-03-01T04:20:00Z')).toEqual({ rawMinutes: 180, hours: 3 });
  });

  it('when arriving 20 minutes late, then 2 h 40 min round down to 2.5 h', () => {
    expect(hours('2026-03-01T01:20:00Z', '2026-03-01T04:05:00Z')).toEqual({ rawMinutes: 160, hours: 2.5 });
  });

  it('when leaving 45 minutes early, then 2 h 15 min round down to 2 h', () => {
    expect(hours('2026-03-01T00:55:00Z', '2026-03-01T03:15:00Z')).toEqual({ rawMinutes: 135, hours: 2 });
  });

  it('when there is no check-out, then presence runs to the shift end', () => {
    expect(hours('2026-03-01T02:00:00Z', null)).toEqual({ rawMinutes: 120, hours: 2 });
  });

  it('when the check-out comes before the start, then nothing counts (never negative)', () => {
    expect(hours('2026-03-01T00:31:00Z', '2026-03-01T00:50:00Z')).toEqual({ rawMinutes: 0, hours: 0 });
  });

  it('when a night shift runs across midnight (Beijing 22:00–02:00), then the hours span both days', () => {
    const night = { startAt: new Date('2026-03-01T22:00:00+08:00'), endAt: new Date('2026-03-02T02:00:00+08:00') };
    expect(
      serviceHours({ ...night, checkInAt: new Date('2026-03-01T22:10:00+08:00'), checkOutAt: new Date('2026-03-02T01:55:00+08:00') }),
    ).toEqual({ rawMinutes: 225, hours: 3.5 });
  });

  it('when seconds are present, then only whole minutes count', () => {
    expect(hours('2026-03-01T01:00:30Z', '2026-03-01T01:30:00Z').rawMinutes).toBe(29);
  });
});

describe('rounding rule', () => {
  it.each([
    [2.99, { stepHours: 0.5, mode: 'down' as const }, 2.5],
    [0.49, { stepHours: 0.5, mode: 'down' as const }, 0],
    [0.5, { stepHours: 0.5, mode: 'down' as const }, 0.5],
    [2.25, { stepHours: 0.5, mode: 'nearest' as const }, 2.5],
    [2.2, { stepHours: 0.5, mode: 'nearest' as const }, 2],
    [2.01, { stepHours: 0.5, mode: 'up' as const }, 2.5],
    [2.7, { stepHours: 1, mode: 'down' as const }, 2],
    [1.75, { stepHours: 0.25, mode: 'down' as const }, 1.75],
  ])('when %d h are rounded by %j, then %d h', (h, rule, expected) => {
    expect(roundHours(h, rule)).toBe(expected);
  });

  it('when no rule is given, then the default rounds down to half hours', () => {
    expect(roundHours(1.9)).toBe(1.5);
  });

  it('when the minutes are exact multiples, then floating point never drops a step', () => {
    expect(roundHours(210 / 60)).toBe(3.5);
    expect(roundHours(0.1 + 0.2 + 0.2)).toBe(0.5);
  });
});
