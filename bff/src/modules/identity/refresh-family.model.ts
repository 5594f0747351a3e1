import { Schema, type Types } from 'mongoose';
import { modelFor } from '../../platform/database';

/**
 * One login session. Only the SHA-256 of a refresh token is stored. Each refresh swaps currentHash for
 * a new one in one conditional update (auth.service.ts) and keeps the old hash, so presenting an old
 * token again is recognised as reuse (a stolen token) and revokes the session. A token is looked up
 * by its hash: unique among current tokens, indexed among earlier ones.
 */
export interface RefreshFamily {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  /** the user's tokenVersion when the session began; a later bump (reuse, deletion) ends the session */
  tokenVersion?: number;
  currentHash: string;
  previousHashes: string[];
  createdAt: Date;
  expiresAt: Date;
  revokedAt?: Date;
  revokedReason?: 'logout' | 'reuse' | 'account_deleted';
}

const refreshFamilySchema = new Schema<RefreshFamily>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    tokenVersion: { type: Number, default: 0 },
    currentHash: { type: String, required: true },
    previousHashes: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: Date,
    revokedReason: String,
  },
  { collection: 'refresh_families', versionKey: false },
);
refreshFamilySchema.index({ currentHash: 1 }, { unique: true });
refreshFamilySchema.index({ previousHashes: 1 });
refreshFamilySchema.index({ userId: 1 });

export const RefreshFamilies = modelFor<RefreshFamily>('RefreshFamily', refreshFamilySchema);
