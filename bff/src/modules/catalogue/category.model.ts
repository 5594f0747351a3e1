import { Schema, type Types } from 'mongoose';
import type { CategoryDeadlines, DeadlineDuration } from '@gongzhi/shared';
import { modelFor } from '../../platform/database';

/** A complaint category (诉求类别), two levels: a top-level group and its categories. */
export interface CategoryRecord {
  _id: Types.ObjectId;
  code: string;
  name: string;
  /** absent on top-level categories */
  parentId?: Types.ObjectId;
  urgency: 'urgent' | 'general';
  /** 事件准入: refused categories are still recorded, then rejected with the referral shown to the resident */
  admission: { accepted: boolean; referral?: string };
  defaultUnitId?: Types.ObjectId;
  /** per-community overrides of the default unit; may be absent when empty (FerretDB upserts) */
  unitByCommunity: Array<{ communityId: Types.ObjectId; unitId: Types.ObjectId }>;
  deadlines: CategoryDeadlines;
  active: boolean;
  updatedAt: Date;
}

const durationSchema = new Schema<DeadlineDuration>(
  {
    amount: { type: Number, required: true },
    unit: { type: String, enum: ['minutes', 'hours', 'working_hours', 'working_days'], required: true },
  },
  { _id: false },
);

const categorySchema = new Schema<CategoryRecord>(
  {
    code: { type: String, required: true },
    name: { type: String, required: true },
    parentId: Schema.Types.ObjectId,
    urgency: { type: String, enum: ['urgent', 'general'], required: true },
    admission: {
      type: new Schema({ accepted: { type: Boolean, required: true }, referral: String }, { _id: false }),
      required: true,
    },
    defaultUnitId: Schema.Types.ObjectId,
    unitByCommunity: {
      type: [new Schema({ communityId: Schema.Types.ObjectId, unitId: Schema.Types.ObjectId }, { _id: false })],
      default: [],
    },
    deadlines: {
      type: new Schema(
        { dispatch: durationSchema, sign: durationSchema, firstContact: durationSchema, resolve: durationSchema },
        { _id: false },
      ),
      required: true,
    },
    active: { type: Boolean, required: true, default: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'categories', versionKey: false },
);
categorySchema.index({ code: 1 }, { unique: true });

export const Categories = modelFor<CategoryRecord>('Category', categorySchema);
