import { Schema, type Connection, type Types } from 'mongoose';
import { now as clockNow } from '../../platform/clock';
import { isDuplicateKeyError, modelFor } from '../../platform/database';
import { Users } from '../identity/user.model';
import { outboxEntry, type OutboxEntry } from '../notifications/outbox';
import { shiftNotice, type ShiftNoticeKind, type ShiftSubject } from '../notifications/templates';

/**
 * Volunteer subscribe messages. Each is its own document in `volunteer_notices`, inserted under an
 * _id that names the event (`reminder-48h:<signupId>`, `star:<userId>:<stars>`), so an event is
 * announced at most once however many workers or requests see it (the _id is unique), and the notice
 * never competes with writes to the sign-up itself. The outbox worker delivers the `outbox` array of
 * these documents like any other, finding pending ones by the index on `outbox.status`.
 */
export const NOTICES = 'volunteer_notices';

export interface NoticeRecord {
  /** the event's key */
  _id: string;
  kind: NoticeKind | 'star_level';
  userId: Types.ObjectId;
  shiftId?: Types.ObjectId;
  createdAt: Date;
  outbox: OutboxEntry[];
}

const noticeSchema = new Schema<NoticeRecord>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    shiftId: Schema.Types.ObjectId,
    createdAt: { type: Date, required: true },
    outbox: { type: Schema.Types.Mixed, default: () => [] },
  },
  { collection: NOTICES, versionKey: false },
);
noticeSchema.index({ 'outbox.status': 1 });

export const Notices = modelFor<NoticeRecord>('VolunteerNotice', noticeSchema);

/** Records a notice under its event's key: false when that event was recorded before. */
export async function insertNotice(conn: Connection, notice: NoticeRecord): Promise<boolean> {
  try {
    await Notices(conn).create(notice);
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

export type NoticeKind = ShiftNoticeKind;
export type NoticeShift = ShiftSubject & { _id: Types.ObjectId };

/** Records one notice for the user about a shift (texts: notifications/templates); false when the same key was recorded before. */
export async function recordNotice(
  conn: Connection,
  key: string,
  kind: NoticeKind,
  to: { userId: Types.ObjectId },
  shift: NoticeShift,
): Promise<boolean> {
  const user = await Users(conn).findById(to.userId, { openid: 1 }).lean();
  if (!user) return false;
  const at = clockNow();
  const entry = outboxEntry(shiftNotice(kind, shift), user.openid, at);
  return insertNotice(conn, { _id: key, kind, userId: to.userId, shiftId: shift._id, createdAt: at, outbox: [entry] });
}
