import { serviceHours, type AttendanceView, type HoursRounding } from '@gongzhi/shared';
import type { AttendanceRecord } from './attendance.model';

/** Hours so far: an open attendance counts up to `at` (or the end), as the organiser sees it live. */
export function computedHoursOf(a: AttendanceRecord, rule: HoursRounding, at: Date): number {
  const until = a.checkOutAt ?? new Date(Math.min(at.getTime(), a.shiftEndAt.getTime()));
  return serviceHours({ startAt: a.shiftStartAt, endAt: a.shiftEndAt, checkInAt: a.checkInAt, checkOutAt: until }, rule).hours;
}

export function toAttendanceView(a: AttendanceRecord, rule: HoursRounding, at: Date): AttendanceView {
  return {
    signupId: a.signupId.toString(),
    shiftId: a.shiftId.toString(),
    checkInAt: a.checkInAt.toISOString(),
    checkOutAt: a.checkOutAt ? a.checkOutAt.toISOString() : null,
    closedBySweep: a.closedBySweep,
    computedHours: computedHoursOf(a, rule, at),
  };
}
