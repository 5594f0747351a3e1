import type { ShiftView } from '@gongzhi/shared';
import type { SeatCounts } from '../../../platform/seating';
import type { ShiftRecord } from './shift.model';
import type { SignupRecord } from './signup.model';

/** The counts are the shift's seating counters (platform/seating.ts), as stored or as a sign-up just left them. */
export function shiftView(s: ShiftRecord, counts: SeatCounts, mine: { signup: SignupRecord; waitlistPosition: number | null } | null): ShiftView {
  return {
    id: s._id.toString(),
    projectId: s.projectId.toString(),
    projectTitle: s.projectTitle,
    description: s.projectDescription ?? '',
    communityId: s.communityId.toString(),
    communityName: s.communityName,
    place: { point: { lat: s.place.point.lat, lng: s.place.point.lng }, address: s.place.address, radiusM: s.place.radiusM },
    startAt: s.startAt.toISOString(),
    endAt: s.endAt.toISOString(),
    capacity: s.capacity,
    confirmed: counts.confirmed,
    waitlisted: counts.waitlisted,
    requiredSkills: s.requiredSkills as ShiftView['requiredSkills'],
    minStars: s.minStars,
    signupDeadline: s.signupDeadline.toISOString(),
    cancelCutoff: s.cancelCutoff.toISOString(),
    mySignup: mine ? { status: mine.signup.status, waitlistPosition: mine.waitlistPosition } : null,
  };
}
