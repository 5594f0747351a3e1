import { Schema, type Types } from 'mongoose';
import type { RoleBinding } from '@gongzhi/shared';
import { modelFor } from '../../platform/database';

/** Real-name data: personal fields only as FieldCipher ciphertexts, plus keyed hashes for lookups. */
export interface RealNameRecord {
  nameCipher: string;
  idNumberCipher: string;
  phoneCipher: string;
  idNumberIndex: string;
  phoneIndex: string;
  birthDate: string;
  minor: boolean;
  communityId: Types.ObjectId;
  communityName: string;
  verifiedAt: Date;
}

declare module '../../platform/context' {
  /** ctx.state.user is a UserRecord (platform/context.ts leaves the shape to this module) */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface SignedInUser extends UserRecord {}
}

export interface UserRecord {
  _id: Types.ObjectId;
  /** WeChat openid; replaced by a tombstone on deletion so the same WeChat user starts afresh */
  openid: string;
  /** bumped to revoke every access token at once (deletion, refresh-token reuse) */
  tokenVersion: number;
  /** staff bindings from invitations; every user is also a resident. May be absent (never bound). */
  roles?: RoleBinding[];
  realName?: RealNameRecord;
  consent?: { version: string; at: Date };
  createdAt: Date;
  deletedAt?: Date;
}

const realNameSchema = new Schema<RealNameRecord>(
  {
    nameCipher: { type: String, required: true },
    idNumberCipher: { type: String, required: true },
    phoneCipher: { type: String, required: true },
    idNumberIndex: { type: String, required: true },
    phoneIndex: { type: String, required: true },
    birthDate: { type: String, required: true },
    minor: { type: Boolean, required: true },
    communityId: { type: Schema.Types.ObjectId, required: true },
    communityName: { type: String, required: true },
    verifiedAt: { type: Date, required: true },
  },
  { _id: false },
);

const userSchema = new Schema<UserRecord>(
  {
    openid: { type: String, required: true },
    tokenVersion: { type: Number, required: true, default: 0 },
    roles: {
      type: [new Schema<RoleBinding>({ role: String, communityId: String, unitId: String }, { _id: false })],
      default: [],
    },
    realName: { type: realNameSchema, required: false },
    consent: { type: new Schema({ version: String, at: Date }, { _id: false }), required: false },
    createdAt: { type: Date, required: true },
    deletedAt: Date,
  },
  { collection: 'users', versionKey: false },
);
userSchema.index({ openid: 1 }, { unique: true });
// One ID number = one account. Sparse: users who have not registered (or deleted) have no entry.
userSchema.index({ 'realName.idNumberIndex': 1 }, { unique: true, sparse: true });
// real-name residents by community: a poll's audience size (modules/polls)
userSchema.index({ 'realName.communityId': 1 }, { name: 'real_name_community' });
userSchema.index({ 'realName.phoneIndex': 1 }, { sparse: true });

export const Users = modelFor<UserRecord>('User', userSchema);
