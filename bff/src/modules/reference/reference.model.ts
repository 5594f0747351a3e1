import { Schema, type Types } from 'mongoose';
import { modelFor } from '../../platform/database';

/** The street office (街道) and what it governs: communities and the units that handle cases. */
export interface StreetRecord {
  _id: Types.ObjectId;
  name: string;
  code: string;
}

export interface CommunityRecord {
  _id: Types.ObjectId;
  streetId: Types.ObjectId;
  name: string;
  code: string;
}

export interface UnitRecord {
  _id: Types.ObjectId;
  streetId: Types.ObjectId;
  name: string;
  code: string;
  kind: 'department' | 'community';
  /** set on a community's own handling unit (kind 'community'): its staff act on that unit's tasks */
  communityId?: Types.ObjectId;
}

const streetSchema = new Schema<StreetRecord>(
  { name: { type: String, required: true }, code: { type: String, required: true } },
  { collection: 'streets', versionKey: false },
);
streetSchema.index({ code: 1 }, { unique: true });

const communitySchema = new Schema<CommunityRecord>(
  {
    streetId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    code: { type: String, required: true },
  },
  { collection: 'communities', versionKey: false },
);
communitySchema.index({ code: 1 }, { unique: true });

const unitSchema = new Schema<UnitRecord>(
  {
    streetId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    code: { type: String, required: true },
    kind: { type: String, enum: ['department', 'community'], required: true },
    communityId: Schema.Types.ObjectId,
  },
  { collection: 'units', versionKey: false },
);
unitSchema.index({ code: 1 }, { unique: true });

export const Streets = modelFor<StreetRecord>('Street', streetSchema);
export const Communities = modelFor<CommunityRecord>('Community', communitySchema);
export const Units = modelFor<UnitRecord>('Unit', unitSchema);
