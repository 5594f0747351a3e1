import { starLevel } from '@gongzhi/shared';
import { Schema, type Connection, type Types } from 'mongoose';
import { now } from '../../../platform/clock';
import { isDuplicateKeyError, modelFor } from '../../../platform/database';
import { starLevelNotice } from '../../notifications/templates';
import { confirmedHoursOf } from './ledger.service';
import { noticeTo } from '../../notifications/notices';
import { volunteerOf } from '../lookups';

/**
 * Star history: one document per level reached, under the _id `<userId>:<stars>`, inserted once (the
 * _id is unique), so a level is recorded and announced once.
 */
export const STAR_HISTORY = 'volunteer_star_history';

interface StarHistoryDoc {
  _id: string;
  userId: Types.ObjectId;
  stars: number;
  reachedAt: Date;
  confirmedHours: number;
}

const starHistorySchema = new Schema<StarHistoryDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    stars: { type: Number, required: true },
    reachedAt: { type: Date, required: true },
    confirmedHours: { type: Number, required: true },
  },
  { collection: STAR_HISTORY, versionKey: false },
);
starHistorySchema.index({ userId: 1, stars: 1 });

export const StarHistory = modelFor<StarHistoryDoc>('VolunteerStarHistory', starHistorySchema);

/** False when the level was recorded before (by this request or a concurrent one). */
async function recordLevel(conn: Connection, level: StarHistoryDoc): Promise<boolean> {
  try {
    await StarHistory(conn).create(level);
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/**
 * After the ledger changes: the volunteer's total and level now, every newly reached level recorded
 * in the history, and one subscribe message for the highest new one. A correction that lowers the
 * total lowers the level shown, but the history keeps what was reached and is not announced again.
 */
export async function recordStarLevel(conn: Connection, userId: Types.ObjectId): Promise<{ confirmedHours: number; stars: number }> {
  const confirmedHours = await confirmedHoursOf(conn, userId);
  const volunteer = await volunteerOf(conn, userId);
  if (!volunteer) return { confirmedHours, stars: 0 };
  const at = now();
  const stars = starLevel({ confirmedHours, registeredAt: volunteer.registeredAt, now: at, nominated: volunteer.nominated ?? false });
  let highestNew = 0;
  for (let s = 1; s <= stars; s++) {
    if (await recordLevel(conn, { _id: `${userId.toString()}:${s}`, userId, stars: s, reachedAt: at, confirmedHours })) highestNew = s;
  }
  if (highestNew) await announceStarLevel(conn, userId, highestNew, at);
  return { confirmedHours, stars };
}

export async function starHistoryOf(conn: Connection, userId: Types.ObjectId): Promise<StarHistoryDoc[]> {
  return StarHistory(conn).find({ userId }).sort({ stars: 1 }).lean<StarHistoryDoc[]>();
}

async function announceStarLevel(conn: Connection, userId: Types.ObjectId, stars: number, at: Date): Promise<void> {
  await noticeTo(conn, { key: `star:${userId.toString()}:${stars}`, kind: 'star_level', userId }, starLevelNotice(stars, at));
}
