import { Schema, type Types } from 'mongoose';
import { modelFor } from '../../platform/database';

/**
 * One volunteer's sign-up for one shift (unique per shift and user). Its tally batch inserts it
 * already confirmed or waitlisted, after its seat or ticket claim (shift-tally.ts); 'pending' is no
 * longer written and stays only for records written before.
 * Several writers may change a sign-up (its volunteer cancelling, another volunteer's cancellation
 * promoting it), so every change is a write at its version (updateAtVersion or platform/versioned-write.ts).
 */
export type SignupState = 'pending' | 'confirmed' | 'waitlisted' | 'cancelled' | 'no_show' | 'attended';

export interface SignupRecord {
  _id: Types.ObjectId;
  shiftId: Types.ObjectId;
  userId: Types.ObjectId;
  status: SignupState;
  /** the seat number held while confirmed */
  seat?: number | null;
  /** the waitlist ticket: its order is the order of the claims */
  waitlistTicket?: number | null;
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
    seat: { type: Number, default: null },
    waitlistTicket: { type: Number, default: null },
    startAt: { type: Date, required: true },
    endAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    promotedAt: Date,
    cancelledAt: Date,
    version: { type: Number, required: true, default: 0 },
  },
  { collection: 'volunteer_signups', versionKey: false },
);
signupSchema.index({ shiftId: 1, userId: 1 }, { unique: true });
signupSchema.index({ shiftId: 1, status: 1, waitlistTicket: 1 });
signupSchema.index({ userId: 1, startAt: 1 });

export const Signups = modelFor<SignupRecord>('VolunteerSignup', signupSchema);
