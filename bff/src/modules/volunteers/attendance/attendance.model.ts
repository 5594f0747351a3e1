import { Schema, type Types } from 'mongoose';
import { modelFor } from '../../../platform/database';

/**
 * One volunteer's presence at one shift. Unique per sign-up: a check-in is an insert, so a replayed
 * or doubled check-in never counts twice. The volunteer's check-out and the sweep may both close it:
 * closing is a conditional update of an attendance still open (`checkOutAt: null`), so one of them does.
 */
export interface AttendanceRecord {
  _id: Types.ObjectId;
  signupId: Types.ObjectId;
  shiftId: Types.ObjectId;
  userId: Types.ObjectId;
  /** copied from the shift, so the sweep finds open attendances without reading shifts */
  shiftStartAt: Date;
  shiftEndAt: Date;
  checkInAt: Date;
  checkIn: { lat: number; lng: number; accuracyM: number; distanceM: number };
  checkOutAt: Date | null;
  checkOut?: { lat: number; lng: number; accuracyM: number; distanceM: number } | null;
  closedBySweep: boolean;
}

const position = new Schema({ lat: Number, lng: Number, accuracyM: Number, distanceM: Number }, { _id: false });

const attendanceSchema = new Schema<AttendanceRecord>(
  {
    signupId: { type: Schema.Types.ObjectId, required: true },
    shiftId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    shiftStartAt: { type: Date, required: true },
    shiftEndAt: { type: Date, required: true },
    checkInAt: { type: Date, required: true },
    checkIn: { type: position, required: true },
    checkOutAt: { type: Date, default: null },
    checkOut: { type: position, default: null },
    closedBySweep: { type: Boolean, default: false },
  },
  { collection: 'volunteer_attendance', versionKey: false },
);
attendanceSchema.index({ signupId: 1 }, { unique: true });
attendanceSchema.index({ shiftId: 1 });
attendanceSchema.index({ checkOutAt: 1, shiftEndAt: 1 });

export const Attendances = modelFor<AttendanceRecord>('VolunteerAttendance', attendanceSchema);
