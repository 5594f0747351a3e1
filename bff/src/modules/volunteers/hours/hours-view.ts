import type { HoursEntry } from './ledger.model';

export function toHoursEntryView(e: HoursEntry) {
  return {
    id: e._id.toString(),
    signupId: e.signupId.toString(),
    shiftId: e.shiftId.toString(),
    kind: e.kind,
    hours: e.hours,
    delta: e.delta,
    computedHours: e.computedHours,
    reason: e.reason ?? null,
    corrects: e.corrects ? e.corrects.toString() : null,
    at: e.at.toISOString(),
  };
}
