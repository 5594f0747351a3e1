import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Types } from 'mongoose';
import { now as clockNow } from '../../platform/clock';
import { isDuplicateKeyError, modelFor } from '../../platform/database';
import { Users } from '../identity/user.model';
import { cstMinute, thing, type OutboxEntry } from '../notifications/outbox';

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

export const VOLUNTEER_TEMPLATE_ID = 'gongzhi-volunteer-shift-dev';

export type NoticeKind = 'promoted' | 'reminder_48h' | 'reminder_2h';

const PHRASE: Record<NoticeKind, string> = { promoted: '候补成功', reminder_48h: '即将开始', reminder_2h: '即将开始' };
const HINT: Record<NoticeKind, string> = {
  promoted: '候补已转为正式报名，请按时到岗',
  reminder_48h: '您报名的志愿服务两天后开始',
  reminder_2h: '您报名的志愿服务两小时后开始',
};

export interface NoticeShift {
  _id: Types.ObjectId;
  projectTitle: string;
  startAt: Date;
  place: { address: string };
}

/** Records one notice for the user about a shift; false when the same key was recorded before. */
export async function recordNotice(
  conn: Connection,
  key: string,
  kind: NoticeKind,
  to: { userId: Types.ObjectId },
  shift: NoticeShift,
): Promise<boolean> {
  const user = await Users(conn).findById(to.userId, { openid: 1 }).lean();
  if (!user) return false;
  const entry: OutboxEntry = {
    id: randomUUID(),
    kind: 'subscribe_message',
    touser: user.openid,
    templateId: VOLUNTEER_TEMPLATE_ID,
    page: `packages/volunteers/shift/index?id=${shift._id.toString()}`,
    data: {
      thing1: { value: thing(shift.projectTitle) },
      time2: { value: cstMinute(shift.startAt) },
      thing3: { value: thing(shift.place.address) },
      phrase4: { value: PHRASE[kind] },
      thing5: { value: thing(HINT[kind]) },
    },
    status: 'pending',
    attempts: 0,
    lockedUntil: new Date(0),
  };
  return insertNotice(conn, { _id: key, kind, userId: to.userId, shiftId: shift._id, createdAt: clockNow(), outbox: [entry] });
}
