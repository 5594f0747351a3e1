import { Schema, type Types } from 'mongoose';
import { modelFor } from '../../../platform/database';

/**
 * The hours ledger (志愿服务时长记录): what a volunteer has been credited with, append-only as the
 * service-record rules require. An entry is never changed; a correction is a new entry that names
 * the one it replaces and carries the difference, so the total is always the plain sum of `delta`.
 */
export interface HoursEntry {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  shiftId: Types.ObjectId;
  signupId: Types.ObjectId;
  /** 1 for the confirmation, 2, 3 … for corrections; unique per sign-up, so two writers never both append seq n */
  seq: number;
  kind: 'confirmation' | 'correction';
  /** the sign-up's confirmed hours after this entry */
  hours: number;
  /** what this entry adds to the volunteer's total (negative for a correction downward) */
  delta: number;
  /** what attendance gave, for the record beside what was confirmed */
  computedHours: number;
  reason?: string;
  corrects?: Types.ObjectId;
  confirmedBy: Types.ObjectId;
  at: Date;
}

const hoursEntrySchema = new Schema<HoursEntry>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    shiftId: { type: Schema.Types.ObjectId, required: true },
    signupId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true, min: 1 },
    kind: { type: String, enum: ['confirmation', 'correction'], required: true },
    hours: { type: Number, required: true, min: 0 },
    delta: { type: Number, required: true },
    computedHours: { type: Number, required: true, min: 0 },
    reason: String,
    corrects: Schema.Types.ObjectId,
    confirmedBy: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'volunteer_hours_ledger', versionKey: false, strict: 'throw' },
);
hoursEntrySchema.index({ signupId: 1, seq: 1 }, { unique: true });
hoursEntrySchema.index({ userId: 1, at: 1 });

const REFUSED = [
  'updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace',
  'deleteOne', 'deleteMany', 'findOneAndDelete',
] as const;
for (const op of REFUSED) {
  hoursEntrySchema.pre(op, function refuseChange() {
    throw new Error(`volunteer_hours_ledger is append-only: ${op} is not allowed`);
  });
}
hoursEntrySchema.pre('save', function refuseRewrite() {
  if (!this.isNew) throw new Error('volunteer_hours_ledger is append-only: entries cannot be saved twice');
});

export const HoursLedger = modelFor<HoursEntry>('VolunteerHoursEntry', hoursEntrySchema);
