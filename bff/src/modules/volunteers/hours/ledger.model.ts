import { Schema, type Types } from 'mongoose';
import { hoursLedger, type LedgerEntry } from '../../../platform/hours-ledger';

/**
 * The volunteers' hours ledger (志愿服务时长记录): the platform's append-only hours ledger
 * (platform/hours-ledger.ts), one subject per sign-up, with the shift and what attendance gave.
 */
export type HoursEntry = Omit<LedgerEntry, 'subjectId'> & {
  shiftId: Types.ObjectId;
  signupId: Types.ObjectId;
  /** what attendance gave, for the record beside what was confirmed */
  computedHours: number;
};

export const volunteerLedger = hoursLedger<{ shiftId: Types.ObjectId; signupId: Types.ObjectId; computedHours: number }>({
  collection: 'volunteer_hours_ledger',
  model: 'VolunteerHoursEntry',
  subjectField: 'signupId',
  extra: { shiftId: { type: Schema.Types.ObjectId, required: true }, computedHours: { type: Number, required: true, min: 0 } },
});

export const HoursLedger = volunteerLedger.Ledger;
