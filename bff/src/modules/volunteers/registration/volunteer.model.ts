import type { Skill } from '@gongzhi/shared';
import { Schema, type Types } from 'mongoose';
import { modelFor } from '../../../platform/database';

/** A registered volunteer: one per user, on top of the real-name record. */
export interface VolunteerRecord {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  volunteerNumber: string;
  /** written only through RegisterVolunteerBody, which admits the known skills */
  skills: Skill[];
  availability: Array<{ day: string; part: string }>;
  minor: boolean;
  /** recorded for volunteers aged 14–17 (PIPL art. 31) */
  guardianConsent?: { guardianName: string; relation: string; agreedAt: Date };
  communityId: Types.ObjectId;
  registeredAt: Date;
  /** ★★★★★ also needs a nomination (STAR_LEVELS) */
  nominated: boolean;
}

const volunteerSchema = new Schema<VolunteerRecord>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    volunteerNumber: { type: String, required: true },
    skills: { type: [String], default: [] },
    availability: { type: [new Schema({ day: String, part: String }, { _id: false })], default: [] },
    minor: { type: Boolean, required: true },
    guardianConsent: { type: new Schema({ guardianName: String, relation: String, agreedAt: Date }, { _id: false }), required: false },
    communityId: { type: Schema.Types.ObjectId, required: true },
    registeredAt: { type: Date, required: true },
    nominated: { type: Boolean, default: false },
  },
  { collection: 'volunteers', versionKey: false },
);
volunteerSchema.index({ userId: 1 }, { unique: true });
volunteerSchema.index({ volunteerNumber: 1 }, { unique: true });

export const Volunteers = modelFor<VolunteerRecord>('Volunteer', volunteerSchema);
