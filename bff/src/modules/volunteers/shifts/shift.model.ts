import type { Skill } from '@gongzhi/shared';
import { Schema, type Types } from 'mongoose';
import { modelFor } from '../../../platform/database';

/**
 * A shift (班次) of a project: when, where, how many, for whom. Written at creation, except for the
 * seating counters, which platform/seating.ts keeps (the shift is the holder of its seats).
 */
export interface ShiftRecord {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  projectTitle: string;
  /** the project's 服务内容, copied like the title so a shift reads in one lookup (absent on shifts published before it was copied) */
  projectDescription?: string;
  communityId: Types.ObjectId;
  communityName: string;
  teamId?: Types.ObjectId;
  place: { point: { lat: number; lng: number }; address: string; radiusM: number };
  startAt: Date;
  endAt: Date;
  capacity: number;
  confirmedCount: number;
  waitlistedCount: number;
  ticketsIssued: number;
  seatingAt?: Date;
  requiredSkills: Skill[];
  minStars: number;
  signupDeadline: Date;
  cancelCutoff: Date;
  createdBy: Types.ObjectId;
  createdAt: Date;
}

const shiftSchema = new Schema<ShiftRecord>(
  {
    projectId: { type: Schema.Types.ObjectId, required: true },
    projectTitle: { type: String, required: true },
    projectDescription: String,
    communityId: { type: Schema.Types.ObjectId, required: true },
    communityName: { type: String, required: true },
    teamId: Schema.Types.ObjectId,
    place: {
      type: new Schema(
        { point: { type: new Schema({ lat: Number, lng: Number }, { _id: false }), required: true }, address: String, radiusM: Number },
        { _id: false },
      ),
      required: true,
    },
    startAt: { type: Date, required: true },
    endAt: { type: Date, required: true },
    capacity: { type: Number, required: true },
    confirmedCount: { type: Number, default: 0 },
    waitlistedCount: { type: Number, default: 0 },
    ticketsIssued: { type: Number, default: 0 },
    seatingAt: Date,
    requiredSkills: { type: [String], default: [] },
    minStars: { type: Number, default: 0 },
    signupDeadline: { type: Date, required: true },
    cancelCutoff: { type: Date, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'volunteer_shifts', versionKey: false },
);
// The browse list pages by (startAt, _id).
shiftSchema.index({ startAt: 1, _id: 1 });
shiftSchema.index({ communityId: 1, startAt: 1 });
shiftSchema.index({ projectId: 1 });
// the browse list's default: shifts that have not ended yet
shiftSchema.index({ endAt: 1 });

export const Shifts = modelFor<ShiftRecord>('VolunteerShift', shiftSchema);
