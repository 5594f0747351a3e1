import type { MessagePage, MessageView } from '@gongzhi/shared';
import { isValidObjectId, Schema, Types, type Connection } from 'mongoose';
import { now as clockNow } from '../../platform/clock';
import { isDuplicateKeyError, modelFor } from '../../platform/database';
import { AppError } from '../../platform/errors';
import { invalidCursor } from '../../platform/pagination';

/**
 * The message centre (消息中心): every notice, whether WeChat delivered it or not. The outbox worker
 * writes one message per outbox entry (unique `entryId`, so a worker that dies and is replaced writes
 * it once) before it tries WeChat.
 */
export interface MessageRecord {
  _id: Types.ObjectId;
  entryId: string;
  userId: Types.ObjectId;
  title: string;
  body: string;
  page: string;
  createdAt: Date;
  readAt: Date | null;
}

const messageSchema = new Schema<MessageRecord>(
  {
    entryId: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    page: { type: String, required: true },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { collection: 'notification_messages', versionKey: false },
);
messageSchema.index({ entryId: 1 }, { unique: true });
// the list, newest first, and the unread count / mark all read
messageSchema.index({ userId: 1, _id: -1 });
messageSchema.index({ userId: 1, readAt: 1 });

export const Messages = modelFor<MessageRecord>('NotificationMessage', messageSchema);

/** Puts the message into the person's centre; a second write of the same entry changes nothing. */
export async function depositMessage(conn: Connection, message: Omit<MessageRecord, '_id' | 'readAt'>): Promise<void> {
  try {
    await Messages(conn).create({ ...message, readAt: null });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

function toView(m: MessageRecord): MessageView {
  return { id: m._id.toString(), title: m.title, body: m.body, page: m.page, createdAt: m.createdAt.toISOString(), read: m.readAt !== null };
}

const notFound = () => new AppError('MESSAGE_NOT_FOUND', 404);

export function createMessageCentre(conn: Connection) {
  const messages = Messages(conn);
  return {
    /** The person's messages, newest first; the cursor is the last id of the previous page. */
    async list(userId: Types.ObjectId, query: { cursor?: string; limit: number }): Promise<MessagePage> {
      if (query.cursor !== undefined && !isValidObjectId(query.cursor)) throw invalidCursor();
      const filter = { userId, ...(query.cursor ? { _id: { $lt: new Types.ObjectId(query.cursor) } } : {}) };
      const rows = await messages.find(filter).sort({ _id: -1 }).limit(query.limit + 1).lean<MessageRecord[]>();
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return { items: page.map(toView), nextCursor: rows.length > query.limit && last ? last._id.toString() : null };
    },

    async unreadCount(userId: Types.ObjectId): Promise<{ unread: number }> {
      return { unread: await messages.countDocuments({ userId, readAt: null }) };
    },

    /** Marks one of the person's own messages read; someone else's answers as missing. */
    async markRead(userId: Types.ObjectId, id: string): Promise<MessageView> {
      const _id = new Types.ObjectId(id);
      const found = await messages
        .findOneAndUpdate({ _id, userId, readAt: null }, { $set: { readAt: clockNow() } }, { returnDocument: 'after' })
        .lean<MessageRecord>();
      if (found) return toView(found);
      // already read (a second tap) or not this person's
      const own = await messages.findOne({ _id, userId }).lean<MessageRecord>();
      if (!own) throw notFound();
      return toView(own);
    },

    async markAllRead(userId: Types.ObjectId): Promise<{ marked: number }> {
      const res = await messages.updateMany({ userId, readAt: null }, { $set: { readAt: clockNow() } });
      return { marked: res.modifiedCount };
    },
  };
}
