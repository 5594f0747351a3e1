import { Schema, Types, type Connection, type Model, type SchemaDefinition } from 'mongoose';
import { now } from './clock';
import { isDuplicateKeyError, modelFor } from './database';
import { AppError } from './errors';

/**
 * An append-only hours ledger: what a person has been credited with, as service-record rules require
 * (志愿服务时长记录, 时间银行). An entry is never changed; a correction is a new entry that names the one
 * it replaces and carries the difference, so a person's total is always the plain sum of `delta`.
 * Each credited thing (a volunteer's sign-up, a mutual-aid post) is its `subjectId`; its entries are
 * numbered 1, 2, … by `seq`, unique per subject, so two writers never both append the same one.
 */
export interface LedgerEntry {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  /** what the hours are for: a volunteer sign-up, a mutual-aid post */
  subjectId: Types.ObjectId;
  seq: number;
  kind: 'confirmation' | 'correction';
  /** the subject's hours after this entry */
  hours: number;
  /** what this entry adds to the person's total (negative for a correction downward) */
  delta: number;
  reason?: string;
  corrects?: Types.ObjectId;
  confirmedBy: Types.ObjectId;
  at: Date;
}

const REFUSED = ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace', 'deleteOne', 'deleteMany', 'findOneAndDelete'] as const;

/** Hours are kept in minutes' worth of precision; sums of halves and quarters are exact, the rest is display noise. */
const tidy = (hours: number) => Math.round(hours * 100) / 100;
const asId = (id: Types.ObjectId | string) => (typeof id === 'string' ? new Types.ObjectId(id) : id);

/**
 * A ledger kept in `collection`, whose entries carry the common fields and the ledger's own (`extra`,
 * e.g. the shift and the computed hours). `subjectField` names the subject in the stored documents
 * (`signupId` for volunteers), so each ledger's records read in its own words.
 */
export function hoursLedger<E extends object>(opts: { collection: string; model: string; subjectField: string; extra: SchemaDefinition; indexes?: Array<Record<string, 1 | -1>> }) {
  type Entry = Omit<LedgerEntry, 'subjectId'> & E & Record<string, unknown>;
  const schema = new Schema(
    {
      userId: { type: Schema.Types.ObjectId, required: true },
      [opts.subjectField]: { type: Schema.Types.ObjectId, required: true },
      seq: { type: Number, required: true, min: 1 },
      kind: { type: String, enum: ['confirmation', 'correction'], required: true },
      hours: { type: Number, required: true, min: 0 },
      delta: { type: Number, required: true },
      reason: String,
      corrects: Schema.Types.ObjectId,
      confirmedBy: { type: Schema.Types.ObjectId, required: true },
      at: { type: Date, required: true },
      ...opts.extra,
    },
    { collection: opts.collection, versionKey: false, strict: 'throw' },
  );
  schema.index({ [opts.subjectField]: 1, seq: 1 }, { unique: true });
  schema.index({ userId: 1, at: 1 });
  for (const index of opts.indexes ?? []) schema.index(index);
  for (const op of REFUSED) {
    schema.pre(op, function refuseChange() {
      throw new Error(`${opts.collection} is append-only: ${op} is not allowed`);
    });
  }
  schema.pre('save', function refuseRewrite() {
    if (!this.isNew) throw new Error(`${opts.collection} is append-only: entries cannot be saved twice`);
  });
  const Ledger = modelFor(opts.model, schema) as unknown as (conn: Connection) => Model<Entry>;

  /** A person's total: the sum of the ledger, nothing cached beside it. */
  async function totalOf(conn: Connection, userId: Types.ObjectId | string): Promise<number> {
    const [row] = await Ledger(conn).aggregate<{ total: number }>([{ $match: { userId: asId(userId) } }, { $group: { _id: '$userId', total: { $sum: '$delta' } } }]);
    return tidy(row?.total ?? 0);
  }

  /** The entries of one subject, oldest first; the last one holds the hours that count. */
  async function entriesOf(conn: Connection, subjectId: Types.ObjectId | string): Promise<Entry[]> {
    return Ledger(conn).find({ [opts.subjectField]: asId(subjectId) } as never).sort({ seq: 1 }).lean<Entry[]>();
  }

  /** Every subject's current hours for a person (the last entry of each). */
  async function currentEntriesOf(conn: Connection, userId: Types.ObjectId | string): Promise<Entry[]> {
    const all = await Ledger(conn).find({ userId: asId(userId) } as never).sort({ at: 1, seq: 1 }).lean<Entry[]>();
    const last = new Map<string, Entry>();
    for (const e of all) {
      const key = String(e[opts.subjectField]);
      if (((last.get(key)?.seq as number | undefined) ?? 0) < (e.seq as number)) last.set(key, e);
    }
    return [...last.values()];
  }

  /**
   * Appends the next entry for a subject: the first is the confirmation, later ones corrections carrying
   * the difference to the previous one. `previous` is the last entry the caller decided from; if someone
   * appended meanwhile, the unique {subject, seq} index refuses the insert (409).
   */
  async function append(conn: Connection, entry: Omit<Entry, '_id' | 'seq' | 'kind' | 'delta' | 'corrects' | 'at'>, previous: Entry | null): Promise<Entry> {
    const hours = entry.hours as number;
    try {
      const created = await (Ledger(conn) as unknown as Model<Record<string, unknown>>).create({
        ...entry,
        hours: tidy(hours),
        seq: ((previous?.seq as number | undefined) ?? 0) + 1,
        kind: previous ? 'correction' : 'confirmation',
        delta: tidy(hours - ((previous?.hours as number | undefined) ?? 0)),
        ...(previous ? { corrects: previous._id } : {}),
        at: now(),
      });
      return created.toObject() as unknown as Entry;
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AppError(previous ? 'HOURS_LEDGER_CONFLICT' : 'HOURS_ALREADY_CONFIRMED', 409);
      throw err;
    }
  }

  return { Ledger, totalOf, entriesOf, currentEntriesOf, append };
}
