import { Schema, type Types } from 'mongoose';
import { modelFor } from '../../platform/database';

/** One document per year: the days off and make-up working days an admin (or the seed) set. */
export interface CalendarYearRecord {
  _id: Types.ObjectId;
  year: number;
  /** YYYY-MM-DD; may be absent when empty (FerretDB drops empty arrays in upserts) */
  holidays?: string[];
  workdays?: string[];
  updatedAt: Date;
  /** the admin's user id, or 'seed' */
  updatedBy: string;
}

const calendarYearSchema = new Schema<CalendarYearRecord>(
  {
    year: { type: Number, required: true },
    holidays: { type: [String], default: [] },
    workdays: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { collection: 'calendar_years', versionKey: false },
);
calendarYearSchema.index({ year: 1 }, { unique: true });

export const CalendarYears = modelFor<CalendarYearRecord>('CalendarYear', calendarYearSchema);
