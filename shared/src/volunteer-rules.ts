import { distanceMeters, type LatLng } from './geo';
import { CHECK_IN_OPENS_MINUTES, MAX_ACCURACY_ALLOWANCE_M } from './volunteers';

export { distanceMeters, type LatLng } from './geo';

/** Pure rules of on-site attendance and service hours (issue 4), shared by the BFF and the mini-program. */

/**
 * Inside when the reported position, moved toward the centre by its accuracy, reaches the radius:
 * a phone reporting ±40 m may truly stand 40 m closer. The allowance is capped, or a phone that
 * reports ±5 km would pass everywhere.
 */
export function checkGeofence(input: { center: LatLng; radiusM: number; position: LatLng & { accuracyM: number } }) {
  const distanceM = distanceMeters(input.center, input.position);
  const allowanceM = Math.min(Math.max(0, input.position.accuracyM), MAX_ACCURACY_ALLOWANCE_M);
  return { inside: distanceM - allowanceM <= input.radiusM, distanceM: Math.round(distanceM), allowanceM };
}

/** Volunteers may still check out this long after the end; later, the sweep closes the attendance at the end. */
export const CHECK_OUT_GRACE_MINUTES = 30;

/** Check-in is open from CHECK_IN_OPENS_MINUTES before the start until the end. */
export function isCheckInOpen(at: Date, shift: { startAt: Date; endAt: Date }): boolean {
  const opens = shift.startAt.getTime() - CHECK_IN_OPENS_MINUTES * 60_000;
  return at.getTime() >= opens && at.getTime() < shift.endAt.getTime();
}

export function isCheckOutOpen(at: Date, shift: { endAt: Date }): boolean {
  return at.getTime() <= shift.endAt.getTime() + CHECK_OUT_GRACE_MINUTES * 60_000;
}

/** How computed hours are rounded; configurable per deployment (config `volunteers.hoursRounding`). */
export interface HoursRounding {
  stepHours: number;
  mode: 'down' | 'nearest' | 'up';
}

/** Down to half hours: a volunteer is never credited with time not served. */
export const DEFAULT_HOURS_ROUNDING: HoursRounding = { stepHours: 0.5, mode: 'down' };

/** Rounds in whole minutes first, so floating-point noise never drops a full step. */
export function roundHours(hours: number, rule: HoursRounding = DEFAULT_HOURS_ROUNDING): number {
  const minutes = Math.round(hours * 60);
  const step = Math.round(rule.stepHours * 60);
  if (step <= 0) return minutes / 60;
  const steps = rule.mode === 'down' ? Math.floor(minutes / step) : rule.mode === 'up' ? Math.ceil(minutes / step) : Math.round(minutes / step);
  return (steps * step) / 60;
}

/**
 * Service hours = overlap of the presence with the shift (arriving early or staying late earns
 * nothing; travel is excluded by the service-record rules), then rounded. Instants, not clock times,
 * so a shift across midnight needs no special case. A missing check-out counts until the shift's end,
 * which is where the sweep closes it.
 */
export function serviceHours(
  input: { startAt: Date; endAt: Date; checkInAt: Date; checkOutAt: Date | null },
  rule: HoursRounding = DEFAULT_HOURS_ROUNDING,
): { rawMinutes: number; hours: number } {
  const from = Math.max(input.startAt.getTime(), input.checkInAt.getTime());
  const to = Math.min(input.endAt.getTime(), (input.checkOutAt ?? input.endAt).getTime());
  const rawMinutes = Math.max(0, Math.floor((to - from) / 60_000));
  return { rawMinutes, hours: roundHours(rawMinutes / 60, rule) };
}
