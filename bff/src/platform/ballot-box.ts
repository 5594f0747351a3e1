import { createHash, randomBytes, randomInt } from 'node:crypto';
import { Schema, type Connection, type mongo } from 'mongoose';
import { cstDate } from '@gongzhi/shared';
import { isDuplicateKeyError, modelFor } from './database';
import { groupCommit } from './group-commit';
import { insertEach } from './unique-race';

/**
 * A ballot box: one ballot per person, secret when asked, counted as it comes, recountable by anyone.
 * Polls and 民生微实事 budgeting rounds each keep their ballots in one (`ballotBox(conn, 'poll')`,
 * `ballotBox(conn, 'budget')`); a box is named by its poll's or round's id. Three collections per kind,
 * and what joins them:
 *
 * - `<kind>_participations`: WHO voted. `_id` is `<box>:<user>` (the unique `_id` makes "one ballot per
 *   person" a fact the database enforces, across processes), plus the day (China Standard Time) and
 *   nothing else: no time of day, no answers.
 * - `<kind>_ballot_buckets`: WHAT was voted. BALLOT_BUCKETS documents per box, made when it opens; a
 *   ballot goes into a random one, kept sorted by its random id, so neither the documents nor the place
 *   in an array says when it came. A secret ballot holds no user id and no time but the day; a named one
 *   (said so before voting) holds its user id.
 * - `<kind>_tallies`: one document per box, the running counts, changed by one `$inc` per ballot, in
 *   whatever shape the caller's increments give it (`ballots` is always the number of ballots).
 *
 * No multi-document transactions: the participation is written first, then the ballot, then the tally.
 * A process that dies after the participation loses that one ballot (the person cannot vote again); it
 * never counts one twice. One that dies between ballot and tally leaves the tally short of a recount,
 * which `settle` repairs once the box has been closed long enough for every ballot in flight to land.
 */
export const BALLOT_BUCKETS = 64;

/** After closing, how long to wait for ballots already past the checks before recounting. */
export const SETTLE_AFTER_MS = 60_000;

export type BallotKind = 'poll' | 'budget';

export type StoredBallot<C> = C & {
  /** 32 random hex digits: no time, no counter, no order */
  id: string;
  /** YYYY-MM-DD in China Standard Time */
  day: string;
  /** named ballots only */
  userId?: string;
};

export interface BallotBucket<C> {
  _id: string;
  boxId: mongo.BSON.ObjectId;
  ballots: StoredBallot<C>[];
}

export interface Participation {
  _id: string;
  boxId: mongo.BSON.ObjectId;
  day: string;
}

/** `ballots`, and whatever the increments add (dotted paths become nested objects). */
export interface Tally {
  _id: mongo.BSON.ObjectId;
  ballots: number;
  [path: string]: unknown;
}

/** What settling found: the counts checked against each other once the box is closed, and the ballots' digest. */
export interface Settlement {
  /** ballots stored (the recount's base) */
  ballots: number;
  /** people recorded as having voted: more than `ballots` means a ballot was lost between the two writes */
  participations: number;
  /** whether the running tally differed from the recount and was replaced by it */
  repaired: boolean;
  /** SHA-256 of the ballots' CSV */
  sha256: string;
  at: Date;
}

export class BallotAlreadyCast extends Error {
  constructor() {
    super('ballot already cast');
  }
}

// Models only for their indexes (ensureIndexes builds them at start); the box uses the driver's collections.
const loose = (collection: string) => new Schema({}, { strict: false, collection, versionKey: false, autoCreate: true });
const MODELS = Object.fromEntries(
  (['poll', 'budget'] as const).map((kind) => {
    const buckets = loose(`${kind}_ballot_buckets`);
    buckets.index({ boxId: 1 }, { name: 'box' });
    const name = kind[0]!.toUpperCase() + kind.slice(1);
    return [kind, [
      modelFor(`${name}BallotBucket`, buckets),
      modelFor(`${name}Participation`, loose(`${kind}_participations`)),
      modelFor(`${name}Tally`, loose(`${kind}_tallies`)),
    ]];
  }),
) as Record<BallotKind, Array<ReturnType<typeof modelFor>>>;

const participationId = (boxId: mongo.BSON.ObjectId, userId: mongo.BSON.ObjectId) => `${boxId.toHexString()}:${userId.toHexString()}`;
export const bucketId = (boxId: mongo.BSON.ObjectId, n: number) => `${boxId.toHexString()}:${n}`;
export const newBallotId = () => randomBytes(16).toString('hex');

/** Adds one ballot's increments into a tally held in memory (the recount). */
function addInto(target: Record<string, unknown>, inc: Record<string, number>): void {
  for (const [path, n] of Object.entries(inc)) {
    const keys = path.split('.');
    let at = target;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    const last = keys[keys.length - 1]!;
    at[last] = ((at[last] as number | undefined) ?? 0) + n;
  }
}

/** Tallies equal when every count is (a zero and an absent count are the same). */
function sameCounts(a: unknown, b: unknown): boolean {
  const flat = (v: unknown, prefix = '', out = new Map<string, number>()) => {
    if (typeof v === 'number') {
      if (v !== 0) out.set(prefix, v);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) if (k !== '_id' && k !== 'settled') flat(x, prefix ? `${prefix}.${k}` : k, out);
    }
    return out;
  };
  const x = flat(a);
  const y = flat(b);
  return x.size === y.size && [...x].every(([k, n]) => y.get(k) === n);
}

export function ballotBox<C extends object>(conn: Connection, kind: BallotKind) {
  for (const model of MODELS[kind]) model(conn);
  const db = () => conn.db!;
  const participations = () => db().collection<Participation>(`${kind}_participations`);
  const buckets = () => db().collection<BallotBucket<C>>(`${kind}_ballot_buckets`);
  const tallies = () => db().collection<Tally>(`${kind}_tallies`);

  /** Makes the box's buckets and tally; again is harmless (a retried publish). */
  async function open(boxId: mongo.BSON.ObjectId): Promise<void> {
    await tallies().updateOne({ _id: boxId }, { $setOnInsert: { ballots: 0 } }, { upsert: true });
    const empty = Array.from({ length: BALLOT_BUCKETS }, (_, n) => ({ _id: bucketId(boxId, n), boxId, ballots: [] }));
    await buckets().insertMany(empty, { ordered: false }).catch((err: unknown) => {
      if (!isDuplicateKeyError(err)) throw err;
    });
  }

  /**
   * Casts one ballot: the voter is recorded (a second time throws BallotAlreadyCast, also when two
   * arrive together in different processes), the ballot goes into a random bucket under a random id,
   * the tally takes `inc` (`ballots: 1` is added). `named` keeps the voter's id with the ballot.
   *
   * Group commit (platform/group-commit.ts): ballots that arrive while the box's previous writes are in flight are written together
   * (one insert of their participations, one push of their ballots, one increment of the tally), and each
   * caller is answered when its own ballot is stored. A burst of a thousand voters costs the database a
   * few dozen writes instead of three thousand; a lone voter waits for nobody. The order of the writes,
   * and so what a failure can leave behind, is the same as for one ballot.
   */
  function cast(boxId: mongo.BSON.ObjectId, voter: mongo.BSON.ObjectId, content: C, inc: Record<string, number>, opts: { named: boolean; at: Date }): Promise<void> {
    return castTogether(boxId.toHexString(), { boxId, voter, content, inc, opts });
  }

  type Ballot = { boxId: mongo.BSON.ObjectId; voter: mongo.BSON.ObjectId; content: C; inc: Record<string, number>; opts: { named: boolean; at: Date } };

  /** Writes a batch of one box's ballots: participations, then ballots, then the tally; answers each caller. */
  const castTogether = groupCommit<Ballot, void>(async (_key, batch) => {
    const boxId = batch[0]!.item.boxId;
    // the voters first, in one unordered insert: one already recorded (before, or earlier in this batch) is refused
    const docs = batch.map(({ item: b }) => ({ _id: participationId(b.boxId, b.voter), boxId: b.boxId, day: cstDate(b.opts.at) }));
    const refused = await insertEach(participations(), docs);
    refused.forEach((why, i) => batch[i]!.reject(why === 'duplicate' ? new BallotAlreadyCast() : why));
    const accepted = batch.filter((_, i) => !refused.has(i));
    if (accepted.length === 0) return;
    const ballots = accepted.map(({ item: b }) => {
      const day = cstDate(b.opts.at);
      return { ...b.content, id: newBallotId(), day, ...(b.opts.named ? { userId: b.voter.toHexString() } : {}) } as StoredBallot<C>;
    });
    await buckets().updateOne({ _id: bucketId(boxId, randomInt(BALLOT_BUCKETS)) }, { $push: { ballots: { $each: ballots, $sort: { id: 1 } } } } as mongo.UpdateFilter<BallotBucket<C>>);
    const inc: Record<string, number> = {};
    for (const { item: b } of accepted) for (const [path, n] of Object.entries(b.inc)) inc[path] = (inc[path] ?? 0) + n;
    inc.ballots = accepted.length;
    await tallies().updateOne({ _id: boxId }, { $inc: inc } as unknown as mongo.UpdateFilter<Tally>);
    accepted.forEach((w) => w.resolve());
  });

  /** The boxes among these this person voted in. */
  async function votedIn(boxIds: mongo.BSON.ObjectId[], voter: mongo.BSON.ObjectId): Promise<Set<string>> {
    if (boxIds.length === 0) return new Set();
    const ids = boxIds.map((b) => participationId(b, voter));
    const found = await participations().find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray();
    return new Set(found.map((p) => p._id.slice(0, 24)));
  }

  /** Who among these people voted in this box (by their id in hex). */
  async function votersAmong(boxId: mongo.BSON.ObjectId, people: mongo.BSON.ObjectId[]): Promise<Set<string>> {
    if (people.length === 0) return new Set();
    const found = await participations().find({ _id: { $in: people.map((p) => participationId(boxId, p)) } }, { projection: { _id: 1 } }).toArray();
    return new Set(found.map((p) => p._id.slice(25)));
  }

  async function tally(boxId: mongo.BSON.ObjectId): Promise<Tally> {
    return (await tallies().findOne({ _id: boxId })) ?? { _id: boxId, ballots: 0 };
  }

  async function talliesOf(boxIds: mongo.BSON.ObjectId[]): Promise<Map<string, Tally>> {
    const found = boxIds.length ? await tallies().find({ _id: { $in: boxIds } }).toArray() : [];
    return new Map(found.map((t) => [t._id.toHexString(), t]));
  }

  /** Every ballot, ordered by its random id (so the order says nothing of when or by whom). */
  async function ballots(boxId: mongo.BSON.ObjectId): Promise<StoredBallot<C>[]> {
    const found = await buckets().find({ boxId }, { hint: 'box' }).toArray();
    return found.flatMap((b) => b.ballots).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Settles a closed box (call it once SETTLE_AFTER_MS have passed since closing, when no ballot can
   * still be in flight): recounts every ballot with `incOf`, replaces the running tally when it differs,
   * counts the participations, and digests the ballots' CSV (made by `csvOf`). Returns the settlement
   * the caller keeps; the tally is returned as it stands after settling.
   */
  async function settle(boxId: mongo.BSON.ObjectId, incOf: (b: StoredBallot<C>) => Record<string, number>, csvOf: (b: StoredBallot<C>[]) => string, at: Date): Promise<{ settlement: Settlement; tally: Tally }> {
    const all = await ballots(boxId);
    const recount: Record<string, unknown> = { ballots: 0 };
    for (const b of all) addInto(recount, { ...incOf(b), ballots: 1 });
    const [running, voters] = await Promise.all([tally(boxId), participations().countDocuments({ _id: { $gte: `${boxId.toHexString()}:`, $lt: `${boxId.toHexString()};` } })]);
    const repaired = !sameCounts(running, recount);
    if (repaired) await tallies().replaceOne({ _id: boxId }, recount as Omit<Tally, '_id'>, { upsert: true });
    const settlement: Settlement = { ballots: all.length, participations: voters, repaired, sha256: createHash('sha256').update(csvOf(all)).digest('hex'), at };
    return { settlement, tally: repaired ? ({ _id: boxId, ...recount } as Tally) : running };
  }

  /**
   * Settles the box of a closed poll or round once it is due (SETTLE_AFTER_MS after `closedAt`) and
   * not settled yet, and keeps the settlement on its owner document (in `owners`, field `settled`,
   * written once). Returns the owner and the tally as they stand.
   */
  async function settleWhenDue<O extends { _id: mongo.BSON.ObjectId; settled?: Settlement }>(
    owners: mongo.Collection<O>,
    owner: O,
    closedAt: Date | null,
    incOf: (b: StoredBallot<C>) => Record<string, number>,
    csvOf: (b: StoredBallot<C>[]) => string,
    at: Date,
  ): Promise<{ owner: O; tally: Tally }> {
    if (owner.settled || !closedAt || at.getTime() < closedAt.getTime() + SETTLE_AFTER_MS) return { owner, tally: await tally(owner._id) };
    const done = await settle(owner._id, incOf, csvOf, at);
    const kept = await owners.findOneAndUpdate(
      { _id: owner._id, settled: { $exists: false } } as mongo.Filter<O>,
      { $set: { settled: done.settlement } } as unknown as mongo.UpdateFilter<O>,
      { returnDocument: 'after' },
    );
    return { owner: (kept as O | null) ?? { ...owner, settled: done.settlement }, tally: done.tally };
  }

  return { open, cast, votedIn, votersAmong, tally, talliesOf, ballots, settle, settleWhenDue };
}

/** Where a poll or round stands at `at`: not yet published, published but not yet open, open, or closed (by staff or by time). */
export function votingState(status: 'draft' | 'published' | 'closed', opensAt: Date, closesAt: Date, at: Date): 'draft' | 'scheduled' | 'open' | 'closed' {
  if (status === 'draft') return 'draft';
  if (status === 'closed' || at >= closesAt) return 'closed';
  return at < opensAt ? 'scheduled' : 'open';
}

/** When voting ended: closed early by staff, or at its closing time; null while it may still be open. */
export function votingClosedAt(v: { status: 'draft' | 'published' | 'closed'; closesAt: Date; closedAt?: Date }, at: Date): Date | null {
  if (v.status === 'draft') return null;
  if (v.closedAt && v.closedAt < v.closesAt) return v.closedAt;
  return at >= v.closesAt || v.status === 'closed' ? v.closesAt : null;
}
