import { Schema } from 'mongoose';
import { modelFor } from '../../platform/database';

/**
 * Seats and waitlist tickets of shifts, claimed by unique inserts (platform/claim.ts):
 * `<shiftId>:<n>` for seat n of a shift (1…capacity) and `<shiftId>:w:<k>` for waitlist ticket k.
 * `kind` tells them apart for counting; `signupId` names the holder.
 */
export interface SeatRecord {
  _id: string;
  shiftId: string;
  kind: 'seat' | 'ticket';
  signupId: string;
  /** when claimed: a seat claim whose sign-up never came is freed once old (shift-tally.ts) */
  at?: Date;
}

const seatSchema = new Schema<SeatRecord>(
  { _id: String, shiftId: { type: String, required: true }, kind: { type: String, required: true }, signupId: { type: String, required: true }, at: Date },
  { collection: 'volunteer_seats', versionKey: false },
);
seatSchema.index({ shiftId: 1, kind: 1 });

export const Seats = modelFor<SeatRecord>('VolunteerSeat', seatSchema);
export const SEATS = 'volunteer_seats';
