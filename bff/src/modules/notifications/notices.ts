import { Schema, type Connection, type Types } from 'mongoose';
import { now as clockNow } from '../../platform/clock';
import { isDuplicateKeyError, modelFor } from '../../platform/database';
import { Users } from '../identity/user.model';
import { outboxEntry, type OutboxEntry } from './outbox';
import type { NoticeContent } from './templates';

/**
 * Notices about events that are not a complaint's own (a shift's reminder, a star level, a poll that
 * opens or is about to close, a proposal's answer). Each is its own document in `notices`, inserted
 * under an _id that names the event (`reminder-48h:<signupId>`, `star:<userId>:<stars>`,
 * `poll-closing:<pollId>:<userId>`), so an event is announced at most once however many workers or
 * requests see it (the _id is unique), and the notice never competes with writes to its subject. The
 * outbox worker delivers the `outbox` array of these documents like any other, finding pending ones by
 * the index on `outbox.status`.
 */
export const NOTICES = 'notices';

export interface NoticeRecord {
  /** the event's key */
  _id: string;
  /** what kind of event, for people reading the collection (e.g. promoted, star_level, poll_closing) */
  kind: string;
  userId: Types.ObjectId;
  /** what the notice is about (a shift, a poll, a proposal), when it is about one thing */
  subjectId?: Types.ObjectId;
  createdAt: Date;
  outbox: OutboxEntry[];
}

const noticeSchema = new Schema<NoticeRecord>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    subjectId: Schema.Types.ObjectId,
    createdAt: { type: Date, required: true },
    outbox: { type: Schema.Types.Mixed, default: () => [] },
  },
  { collection: NOTICES, versionKey: false },
);
noticeSchema.index({ 'outbox.status': 1 });

export const Notices = modelFor<NoticeRecord>('Notice', noticeSchema);

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

/** The keys among these that were recorded already (to skip building their notices again). */
export async function recordedKeys(conn: Connection, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const docs = await conn.db!.collection<{ _id: string }>(NOTICES).find({ _id: { $in: keys } }, { projection: { _id: 1 } }).toArray();
  return new Set(docs.map((d) => d._id));
}

/** Addresses a notice to a user (by their openid) and records it under its event's key; false when recorded before or the user is gone. */
export async function noticeTo(
  conn: Connection,
  event: { key: string; kind: string; userId: Types.ObjectId; subjectId?: Types.ObjectId },
  content: NoticeContent,
): Promise<boolean> {
  const user = await Users(conn).findById(event.userId, { openid: 1 }).lean();
  if (!user) return false;
  const at = clockNow();
  const { key, ...rest } = event;
  return insertNotice(conn, { _id: key, ...rest, createdAt: at, outbox: [outboxEntry(content, user.openid, at)] });
}

/**
 * The same notice to many people at once (a proposal's supporters): one read of their openids and one
 * unordered insert, each under its own event key; keys recorded before are skipped, as noticeTo does.
 * Answers how many were recorded now.
 */
export async function noticesTo(
  conn: Connection,
  events: Array<{ key: string; kind: string; userId: Types.ObjectId; subjectId?: Types.ObjectId }>,
  content: NoticeContent,
): Promise<number> {
  if (events.length === 0) return 0;
  const users = await Users(conn).find({ _id: { $in: events.map((e) => e.userId) } }, { openid: 1 }).lean();
  const openids = new Map(users.map((u) => [u._id.toHexString(), u.openid]));
  const at = clockNow();
  const docs = events.flatMap(({ key, ...rest }) => {
    const openid = openids.get(rest.userId.toHexString());
    return openid ? [{ _id: key, ...rest, createdAt: at, outbox: [outboxEntry(content, openid, at)] }] : [];
  });
  if (docs.length === 0) return 0;
  try {
    return (await conn.db!.collection<NoticeRecord>(NOTICES).insertMany(docs, { ordered: false })).insertedCount;
  } catch (err) {
    const e = err as { insertedCount?: number; writeErrors?: Array<{ code: number; errmsg?: string }> };
    const onlyRepeats = e.writeErrors?.length && e.writeErrors.every((w) => isDuplicateKeyError({ code: w.code, message: w.errmsg }));
    if (onlyRepeats) return e.insertedCount ?? 0;
    throw err;
  }
}
