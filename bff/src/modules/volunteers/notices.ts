import type { Connection, Types } from 'mongoose';
import { noticeTo } from '../notifications/notices';
import { shiftNotice, type ShiftNoticeKind, type ShiftSubject } from '../notifications/templates';

export type NoticeKind = ShiftNoticeKind;
export type NoticeShift = ShiftSubject & { _id: Types.ObjectId };

/** Records one notice for the user about a shift (texts: notifications/templates, store: notifications/notices); false when the same key was recorded before. */
export async function recordNotice(
  conn: Connection,
  key: string,
  kind: NoticeKind,
  to: { userId: Types.ObjectId },
  shift: NoticeShift,
): Promise<boolean> {
  return noticeTo(conn, { key, kind, userId: to.userId, subjectId: shift._id }, shiftNotice(kind, shift));
}
