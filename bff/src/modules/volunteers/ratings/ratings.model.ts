import { Schema, type Types } from 'mongoose';
import { modelFor } from '../../../platform/database';

/**
 * Ratings after a shift: the organiser rates each volunteer ('of_volunteer'), each volunteer rates the
 * shift ('of_shift'). One per sign-up and direction, by a unique index, so a double tap rates once.
 */
export interface RatingRecord {
  _id: Types.ObjectId;
  shiftId: Types.ObjectId;
  signupId: Types.ObjectId;
  direction: 'of_volunteer' | 'of_shift';
  raterId: Types.ObjectId;
  /** the volunteer the rating is about (of_volunteer) or who gave it (of_shift) */
  volunteerId: Types.ObjectId;
  score: number;
  comment?: string;
  at: Date;
}

const ratingSchema = new Schema<RatingRecord>(
  {
    shiftId: { type: Schema.Types.ObjectId, required: true },
    signupId: { type: Schema.Types.ObjectId, required: true },
    direction: { type: String, enum: ['of_volunteer', 'of_shift'], required: true },
    raterId: { type: Schema.Types.ObjectId, required: true },
    volunteerId: { type: Schema.Types.ObjectId, required: true },
    score: { type: Number, required: true, min: 1, max: 5 },
    comment: String,
    at: { type: Date, required: true },
  },
  { collection: 'volunteer_ratings', versionKey: false },
);
ratingSchema.index({ signupId: 1, direction: 1 }, { unique: true });
ratingSchema.index({ volunteerId: 1, direction: 1 });
ratingSchema.index({ shiftId: 1, direction: 1 });

export const Ratings = modelFor<RatingRecord>('VolunteerRating', ratingSchema);
