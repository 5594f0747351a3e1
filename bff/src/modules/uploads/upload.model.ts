import { Schema, type Types } from 'mongoose';
import { modelFor } from '../../platform/database';

export interface UploadRecord {
  _id: Types.ObjectId;
  ownerId: Types.ObjectId;
  storageKey: string;
  contentType: ImageType;
  bytes: number;
  createdAt: Date;
  /** the complaint the photo was attached to; it decides who else may see the photo */
  complaintId: Types.ObjectId | null;
  /** or the resident proposal it was attached to (absent on uploads made before proposals) */
  proposalId?: Types.ObjectId | null;
  /** or a mutual-aid post (its readers), or a mutual-aid conversation (its two sides only) */
  aidPostId?: Types.ObjectId | null;
  aidChatId?: Types.ObjectId | null;
  /** or a poll, as its cover (its audience and managers) */
  pollId?: Types.ObjectId | null;
  /** or an activity, as its cover (whoever may see the activity) */
  activityId?: Types.ObjectId | null;
  /** or an enterprise service-desk case (its enterprise's members and the officers) */
  enterpriseCaseId?: Types.ObjectId | null;
  /** or an enterprise, as its business licence (its members and the officers) */
  enterpriseId?: Types.ObjectId | null;
  /**
   * WeChat's asynchronous check of an image over 1 MB (media_check_async): pending until its verdict is
   * pushed; meanwhile only the uploader sees it; a risky one nobody does. Absent: checked at upload.
   */
  check?: { state: 'pending' | 'pass' | 'risky'; traceId?: string; at: Date };
}

/** What an upload is attached to, which decides who else may see it. */
export type PhotoSubject = { complaintId: Types.ObjectId } | { proposalId: Types.ObjectId } | { aidPostId: Types.ObjectId } | { aidChatId: Types.ObjectId } | { pollId: Types.ObjectId } | { activityId: Types.ObjectId } | { enterpriseCaseId: Types.ObjectId } | { enterpriseId: Types.ObjectId };

/** An upload attached to nothing yet (a missing field counts as null). */
export const UNATTACHED = { complaintId: null, proposalId: null, aidPostId: null, aidChatId: null, pollId: null, activityId: null, enterpriseCaseId: null, enterpriseId: null } as const;

/** Whether the upload is attached to anything, which then decides who else may see it. */
export const isAttached = (u: Pick<UploadRecord, 'complaintId' | 'proposalId' | 'aidPostId' | 'aidChatId' | 'pollId' | 'activityId' | 'enterpriseCaseId' | 'enterpriseId'>) =>
  !!(u.complaintId || u.proposalId || u.aidPostId || u.aidChatId || u.pollId || u.activityId || u.enterpriseCaseId || u.enterpriseId);

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

const HOUR_MS = 3_600_000;
/** An upload never attached to a complaint or a proposal is deleted, file and record, this long after it was made. */
export const UNATTACHED_UPLOAD_TTL_MS = 24 * HOUR_MS;
/**
 * ...and may be attached only until an hour before that, so that a complaint being filed never
 * names a photo the cleanup is deleting at the same moment.
 */
export const ATTACHABLE_UPLOAD_AGE_MS = UNATTACHED_UPLOAD_TTL_MS - HOUR_MS;

const uploadSchema = new Schema<UploadRecord>(
  {
    ownerId: { type: Schema.Types.ObjectId, required: true },
    storageKey: { type: String, required: true },
    contentType: { type: String, required: true },
    bytes: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    complaintId: { type: Schema.Types.ObjectId, default: null },
    proposalId: { type: Schema.Types.ObjectId, default: null },
    aidPostId: { type: Schema.Types.ObjectId, default: null },
    aidChatId: { type: Schema.Types.ObjectId, default: null },
    pollId: { type: Schema.Types.ObjectId, default: null },
    activityId: { type: Schema.Types.ObjectId, default: null },
    enterpriseCaseId: { type: Schema.Types.ObjectId, default: null },
    enterpriseId: { type: Schema.Types.ObjectId, default: null },
    check: { type: Schema.Types.Mixed },
  },
  { collection: 'uploads', versionKey: false },
);
uploadSchema.index({ ownerId: 1, _id: -1 });
// the pushed verdict finds its upload by WeChat's trace id
uploadSchema.index({ 'check.traceId': 1 }, { sparse: true, name: 'check_trace' });
uploadSchema.index({ complaintId: 1, createdAt: 1 });

export const Uploads = modelFor<UploadRecord>('Upload', uploadSchema);
