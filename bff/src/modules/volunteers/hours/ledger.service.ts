import { Types, type Connection } from 'mongoose';
import { now } from '../../../platform/clock';
import { isDuplicateKeyError } from '../../../platform/database';
import { AppError } from '../../../platform/errors';
import { HoursLedger, type HoursEntry } from './ledger.model';

const asId = (id: Types.ObjectId | string) => (typeof id === 'string' ? new Types.ObjectId(id) : id);

/** Hours are kept in minutes' worth of precision; sums of halves and quarters are exact, the rest is display noise. */
const tidy = (hours: number) => Math.round(hours * 100) / 100;

/** A volunteer's cumulative confirmed hours: the sum of the ledger, nothing cached beside it. */
export async function confirmedHoursOf(conn: Connection, userId: Types.ObjectId | string): Promise<number> {
  const [row] = await HoursLedger(conn).aggregate<{ total: number }>([
    { $match: { userId: asId(userId) } },
    { $group: { _id: '$userId', total: { $sum: '$delta' } } },
  ]);
  return tidy(row?.total ?? 0);
}

/** The entries of one sign-up, oldest first; the last one holds the hours that count. */
export async function ledgerOfSignup(conn: Connection, signupId: Types.ObjectId | string): Promise<HoursEntry[]> {
  return HoursLedger(conn).find({ signupId: asId(signupId) }).sort({ seq: 1 }).lean<HoursEntry[]>();
}

/** Every sign-up's current hours for a volunteer (the last entry of each), for the service record. */
export async function currentEntriesOf(conn: Connection, userId: Types.ObjectId | string): Promise<HoursEntry[]> {
  const all = await HoursLedger(conn).find({ userId: asId(userId) }).sort({ at: 1, seq: 1 }).lean<HoursEntry[]>();
  const last = new Map<string, HoursEntry>();
  for (const e of all) {
    const key = e.signupId.toString();
    if ((last.get(key)?.seq ?? 0) < e.seq) last.set(key, e);
  }
  return [...last.values()];
}

type NewEntry = Omit<HoursEntry, '_id' | 'seq' | 'kind' | 'delta' | 'corrects' | 'at'>;

/**
 * Appends the next entry for a sign-up: the first is the confirmation, later ones are corrections
 * carrying the difference to the previous one. `expectedSeq` is the last entry the caller decided
 * from; if someone appended meanwhile, the unique {signupId, seq} index refuses the insert.
 */
export async function appendHoursEntry(conn: Connection, entry: NewEntry, previous: HoursEntry | null): Promise<HoursEntry> {
  const seq = (previous?.seq ?? 0) + 1;
  try {
    const created = await HoursLedger(conn).create({
      ...entry,
      hours: tidy(entry.hours),
      seq,
      kind: previous ? 'correction' : 'confirmation',
      delta: tidy(entry.hours - (previous?.hours ?? 0)),
      ...(previous ? { corrects: previous._id } : {}),
      at: now(),
    });
    return created.toObject();
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError(previous ? 'HOURS_LEDGER_CONFLICT' : 'HOURS_ALREADY_CONFIRMED', 409);
    throw err;
  }
}
