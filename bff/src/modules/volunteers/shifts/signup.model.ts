import { Schema, type Types } from 'mongoose';
import { modelFor } from '../../../platform/database';

/**
 * One volunteer's sign-up for one shift: the shift's seat document (platform/seating.ts). Confirmed
 * or waitlisted from the moment it is inserted; `ticket` orders the waitlist. A cancellation before
 * the cut-off makes it `cancelled`, after it `no_show`; check-in makes it `attended`.
 */
export type SignupState = 'confirmed' | 'waitlisted' | 'cancelled' | 'no_show' | 'attended';

export interface SignupRecord {
  _id: Types.ObjectId;
  shiftId: Types.ObjectId;
  userId: Types.ObjectId;
  status: SignupState;
  /** the place in the shift's waitlist while waitlisted: lower goes first */
  ticket?: number | null;
  /** copied from the shift, for the overlap check and "my shifts" */
  startAt: Date;
  endAt: Date;
  createdAt: Date;
  promotedAt?: Date;
  cancelledAt?: Date;
  version: number;
}

const signupSchema = new Schema<SignupRecord>(
  {
    shiftId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, required: true },
    ticket: { type: Number, default: null },
    startAt: { type: Date, required: true },
    endAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    promotedAt: Date,
    cancelledAt: Date,
    version: { type: Number, required: true, default: 0 },
  },
  { collection: 'volunteer_signups', versionKey: false },
);
// One per volunteer and shift; the waitlist in order; a volunteer's shifts by time and as signed up.
signupSchema.index({ shiftId: 1, userId: 1 }, { unique: true });
signupSchema.index({ shiftId: 1, status: 1, ticket: 1 });
signupSchema.index({ userId: 1, startAt: 1 });
signupSchema.index({ userId: 1, createdAt: -1, _id: -1 });
// the attendance sweep's no-shows: confirmed sign-ups of shifts that have ended
signupSchema.index({ status: 1, endAt: 1 });

export const Signups = modelFor<SignupRecord>('VolunteerSignup', signupSchema);
