import { Schema, type Types } from 'mongoose';
import type { Role } from '@gongzhi/shared';
import { modelFor } from '../../platform/database';

/** A one-time staff invitation. Only the SHA-256 of its code is kept. */
export interface InvitationRecord {
  _id: Types.ObjectId;
  codeHash: string;
  role: Role;
  communityId?: string;
  unitId?: string;
  createdBy: Types.ObjectId;
  createdAt: Date;
  expiresAt: Date;
  redeemedBy?: Types.ObjectId;
  redeemedAt?: Date;
}

const invitationSchema = new Schema<InvitationRecord>(
  {
    codeHash: { type: String, required: true },
    role: { type: String, required: true },
    communityId: String,
    unitId: String,
    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    redeemedBy: Schema.Types.ObjectId,
    redeemedAt: Date,
  },
  { collection: 'invitations', versionKey: false },
);
invitationSchema.index({ codeHash: 1 }, { unique: true });

export const Invitations = modelFor<InvitationRecord>('Invitation', invitationSchema);
