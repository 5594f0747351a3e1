import { Types, type Connection, mongo } from 'mongoose';
import { claimKey } from '../../platform/claim';
import { now } from '../../platform/clock';
import { isDuplicateKeyError } from '../../platform/database';
import { AppError } from '../../platform/errors';
import { recordNotice, type NoticeShift } from './notices';
import { SEATS, Seats } from './seat.model';
import { Signups, type SignupRecord } from './signup.model';
import { claimVersion, writeAtVersion } from '../../platform/versioned-write';

/**
 * No overbooking by construction (issue 4): a shift of capacity N has the seat keys
 * `<shiftId>:1 … <shiftId>:N`, and a sign-up is confirmed only by inserting one of them (an insert
 * under a unique _id is atomic on FerretDB as on MongoDB), so at most N sign-ups ever hold a seat.
 * Waitlist tickets `<shiftId>:w:<k>` are claimed the same way, k growing with the moment of the claim,
 * so the waitlist's order is the order of the claims. A promotion is guarded by the claim
 * `promote:<signupId>`, so two cancellations never promote the same person.
 *
 * FerretDB 1.24 reads a whole collection for any filter other than _id equality (≈1 ms a document),
 * so which seats are taken, who waits in which order, and the counts the views show are kept in one
 * tally per shift, keyed by the shift's id and written only at its version (platform/versioned-write.ts). The claims stay
 * the authority; the tally is where they are found without a query. The tally is written after the
 * sign-ups it names are settled, so everyone in its waitlist is 'waitlisted' (or has left since).
 *
 * One versioned document per shift would make a thousand concurrent sign-ups fight over one version,
 * so this process queues each shift's joins and leaves and applies them in batches, one tally write
 * per batch. Other processes do the same; a batch whose write loses reads the tally again and applies
 * what it did (its claims are made already) to the new version.
 *
 * A join's sign-up is inserted by its batch, already confirmed or waitlisted, after its seat or ticket
 * is claimed and before the tally names it: no sign-up is ever pending, and all of a batch's claims and
 * sign-ups are one insertMany each (on FerretDB 200 inserts in one statement take ~11 ms, one by one
 * ~330 ms). A batch that fails, or cannot write the tally within BATCH_DEADLINE_MS, takes back what it
 * did (claims, sign-ups, tally entries) and its joins answer SIGNUP_BUSY (503): a seat or ticket is
 * never left held by a sign-up that does not exist. A claim left by a process that died mid-batch is
 * recognised by its age and missing sign-up, and freed when a batch finds it in the way.
 *
 * A leave's sign-up is written (cancelled, no-show) before its batch runs, so a leave whose batch fails
 * or dies leaves the tally naming a sign-up that has left. Leaving again finishes it (a second cancel,
 * finishLeave; the volunteer worker's repairTally): the seat's claim, not the tally, says whether a
 * hand-over happened already, and one hand-over of a seat runs at a time (a lock per seat), so a
 * repeated leave never gives a seat to a second person.
 *
 * The tally stores seats and waitlist as two strings: FerretDB 1.24 decodes every sub-document of a
 * document it reads (measured: a tally of 100 seats and 900 waiting read in ~20 ms as sub-documents,
 * ~3 ms as strings).
 */
export const TALLIES = 'volunteer_shift_tallies';
const PROMOTIONS = 'volunteer_promotions';
/** Scope of the lock under which a seat is handed over (platform/versioned-write.ts claimVersion). */
const HANDOVERS = 'volunteer_seat_handovers';
const MAX_BATCH = 200;
/** How long a batch may try before it gives up and takes back what it did; tests lower it. */
export const tallyLimits = { batchDeadlineMs: 20_000 };
/** A seat claim this old whose sign-up does not exist was left by a process that died mid-batch. */
const ORPHAN_MS = 2 * 60_000;

export interface TallyShift extends NoticeShift {
  capacity: number;
  endAt: Date;
}

interface Tally {
  _id: Types.ObjectId;
  version: number;
  /** seat number → the sign-up holding it */
  seats: Record<string, string>;
  /** in ticket order */
  waitlist: Array<{ ticket: number; signupId: string }>;
}

/** As stored: `n:signupId,…` and `ticket:signupId,…` (older tallies: an object and an array). */
interface StoredTally {
  _id: Types.ObjectId;
  version: number;
  seats?: string | Record<string, string>;
  waitlist?: string | Tally['waitlist'];
}

/** The shift as the batch left it, for the joiner's answer. */
export interface TallyCounts {
  confirmed: number;
  waitlisted: number;
  /** 1 for the first in line; null when not waiting */
  waitlistPosition: number | null;
}

export type JoinOutcome =
  | ({ status: 'confirmed'; seat: number } & TallyCounts)
  | ({ status: 'waitlisted'; ticket: number } & TallyCounts)
  /** the volunteer's sign-up for this shift exists already (a racing request of the same volunteer) */
  | { status: 'duplicate' };

/** The sign-up a join inserts: everything but its outcome. */
export type NewSignup = Omit<SignupRecord, 'status' | 'seat' | 'waitlistTicket'>;

type Op = { kind: 'join'; signup: NewSignup } | { kind: 'leave'; signupId: string; seat: number | null; at: Date };

/** What a batch did to the tally, replayed on a newer version when its write loses. */
type Change =
  | { seat: number; holder: string | null; was?: string }
  | { join: { ticket: number; signupId: string } }
  | { leave: string };

const tallies = (conn: Connection) => conn.db!.collection<StoredTally>(TALLIES);
const seatKey = (shiftId: string, n: number) => `${shiftId}:${n}`;

/** Counts and places in line for the views. */
export async function tallyOf(conn: Connection, shiftId: Types.ObjectId) {
  const t = await readTally(conn, shiftId);
  return {
    confirmed: Object.keys(t.seats).length,
    waitlisted: t.waitlist.length,
    /** 1 for the first in line; null when not waiting */
    positionOf: (signupId: Types.ObjectId) => {
      const i = t.waitlist.findIndex((w) => w.signupId === signupId.toString());
      return i < 0 ? null : i + 1;
    },
  };
}

/**
 * A new sign-up takes a free seat, else a waitlist ticket, and is inserted with that outcome; it
 * exists when this returns. Rejects with SIGNUP_BUSY (nothing held, nothing inserted) when its batch failed.
 */
export function joinShift(conn: Connection, shift: TallyShift, signup: NewSignup): Promise<JoinOutcome> {
  return enqueue(conn, shift, { kind: 'join', signup }) as Promise<JoinOutcome>;
}

/**
 * A cancelled (or no-show) sign-up leaves: out of the waitlist, or its seat handed straight to the
 * first in line who can still take it, with a subscribe message; freed when nobody waits.
 */
export async function leaveShift(conn: Connection, shift: TallyShift, signup: SignupRecord, at: Date): Promise<void> {
  const seat = signup.status === 'confirmed' && signup.seat ? signup.seat : null;
  await enqueue(conn, shift, { kind: 'leave', signupId: signup._id.toString(), seat, at });
}

/**
 * Finishes the leave of a sign-up that is cancelled already but still named by the tally (its leave's
 * batch failed, or the process died between the two writes): the same leave again, with the seat the
 * tally gives it. False when the tally does not name it (nothing left to do).
 */
export async function finishLeave(conn: Connection, shift: TallyShift, signupId: Types.ObjectId, at: Date): Promise<boolean> {
  const stored = await tallies(conn).findOne({ _id: shift._id });
  if (!stored) return false;
  const named = namedIn(decodeTally(stored), signupId.toString());
  if (!named) return false;
  await enqueue(conn, shift, { kind: 'leave', signupId: signupId.toString(), seat: named.seat, at });
  return true;
}

/** Sign-up states that keep a seat (seat entries) or a place in line (waitlist entries) in the tally. */
const KEEPS_SEAT = new Set<string>(['confirmed', 'attended', 'pending']);
const KEEPS_PLACE = new Set<string>(['waitlisted', 'pending']);
/**
 * How long after a cancellation its own leave may still be on its way (a batch gives up after
 * tallyLimits.batchDeadlineMs): the repair leaves such an entry to it until then.
 */
const LEAVE_SETTLE_MS = ORPHAN_MS;

/**
 * Repair of one shift's tally (the volunteer worker runs it for shifts that have not ended): every seat
 * or waitlist entry whose sign-up no longer holds it (cancelled, no-show, gone; in line but promoted)
 * leaves through the same path as a cancellation, so a freed seat goes to the first in line, with the
 * notification. Reads the tally and each sign-up it names by _id only. Returns the sign-ups released.
 */
export async function repairTally(conn: Connection, shift: TallyShift, at: Date): Promise<Array<Pick<SignupRecord, '_id' | 'userId' | 'status'>>> {
  const stored = await tallies(conn).findOne({ _id: shift._id });
  if (!stored) return [];
  const tally = decodeTally(stored);
  const entries = [
    ...Object.entries(tally.seats).map(([n, signupId]) => ({ signupId, seat: Number(n) as number | null, keeps: KEEPS_SEAT })),
    ...tally.waitlist.map((w) => ({ signupId: w.signupId, seat: null, keeps: KEEPS_PLACE })),
  ];
  const stale: Array<{ signupId: string; seat: number | null; signup: Pick<SignupRecord, '_id' | 'userId' | 'status'> | null }> = [];
  for (const e of entries) {
    const signup = await Signups(conn).findById(new Types.ObjectId(e.signupId), { userId: 1, status: 1, cancelledAt: 1 }).lean<Pick<SignupRecord, '_id' | 'userId' | 'status' | 'cancelledAt'> | null>();
    if (signup && e.keeps.has(signup.status)) continue;
    // Only a seat is at risk from two leaves at once; a cancellation this recent is still being left by its own request.
    if (e.seat !== null && signup?.cancelledAt && at.getTime() - signup.cancelledAt.getTime() < LEAVE_SETTLE_MS) continue;
    stale.push({ ...e, signup });
  }
  await Promise.all(stale.map((e) => enqueue(conn, shift, { kind: 'leave', signupId: e.signupId, seat: e.seat, at })));
  return stale.flatMap((e) => (e.signup ? [e.signup] : []));
}

/** Where the tally names a sign-up: its seat (or null), or null when it is named nowhere. */
function namedIn(tally: Tally, signupId: string): { seat: number | null } | null {
  const seat = Object.entries(tally.seats).find(([, id]) => id === signupId)?.[0];
  if (seat !== undefined) return { seat: Number(seat) };
  return tally.waitlist.some((w) => w.signupId === signupId) ? { seat: null } : null;
}

interface Queue {
  shift: TallyShift;
  waiting: Array<{ op: Op; resolve: (v: unknown) => void; reject: (e: unknown) => void }>;
  running: boolean;
}
const queuesByConn = new WeakMap<Connection, Map<string, Queue>>();
/** Every queue of this process, for the bench's watchdog (queuesByConn cannot be listed). */
const liveQueues = new Set<Queue>();
let batchesRunning = 0;

/** What the tally queues of this process hold now: to see where a stuck request waits. */
export function tallyQueueStats(): { queues: number; waiting: number; batchesRunning: number } {
  let waiting = 0;
  for (const q of liveQueues) waiting += q.waiting.length;
  return { queues: liveQueues.size, waiting, batchesRunning };
}

function enqueue(conn: Connection, shift: TallyShift, op: Op): Promise<unknown> {
  let queues = queuesByConn.get(conn);
  if (!queues) queuesByConn.set(conn, (queues = new Map()));
  const key = shift._id.toString();
  let q = queues.get(key);
  if (!q) {
    queues.set(key, (q = { shift, waiting: [], running: false }));
    liveQueues.add(q);
  }
  const done = new Promise((resolve, reject) => q.waiting.push({ op, resolve, reject }));
  if (!q.running) {
    q.running = true;
    void drain(conn, q, queues, key);
  }
  return done;
}

async function drain(conn: Connection, q: Queue, queues: Map<string, Queue>, key: string): Promise<void> {
  while (q.waiting.length > 0) {
    const batch = q.waiting.splice(0, MAX_BATCH);
    batchesRunning++;
    try {
      const results = await applyBatch(conn, q.shift, batch.map((b) => b.op));
      batch.forEach((b, i) => b.resolve(results[i]));
    } catch (err) {
      for (const b of batch) b.reject(err);
    } finally {
      batchesRunning--;
    }
  }
  q.running = false;
  queues.delete(key);
  liveQueues.delete(q);
}

async function applyBatch(conn: Connection, shift: TallyShift, ops: Op[]): Promise<Array<JoinOutcome | undefined>> {
  const deadline = Date.now() + tallyLimits.batchDeadlineMs;
  const tally = await readTally(conn, shift._id);
  const changes: Change[] = [];
  const change = (c: Change) => {
    changes.push(c);
    applyChange(tally, c);
  };
  const results: Array<JoinOutcome | undefined> = ops.map(() => undefined);
  const joins = ops.flatMap((op, i) => (op.kind === 'join' ? [{ i, signup: op.signup }] : []));
  const done: Done = { claims: [], signups: [], tallyMaybeWritten: false };
  try {
    if (joins.length > 0) await join(conn, shift, tally, joins, results, change, done);
    await leave(conn, shift, tally, ops, change);
    const written = await writeTally(conn, shift._id, tally, changes, deadline, done);
    for (const j of joins) {
      const r = results[j.i]!;
      if (r.status === 'duplicate') continue;
      const position = written.waitlist.findIndex((w) => w.signupId === j.signup._id.toString());
      Object.assign(r, { confirmed: Object.keys(written.seats).length, waitlisted: written.waitlist.length, waitlistPosition: position < 0 ? null : position + 1 });
    }
    return results;
  } catch (err) {
    if (joins.length === 0) throw err;
    await takeBack(conn, shift, done);
    throw new AppError('SIGNUP_BUSY', 503);
  }
}

/** What a batch has done so far, to take back when it fails. */
interface Done {
  claims: string[];
  signups: Types.ObjectId[];
  /** the tally write may have landed (an error after it was sent) */
  tallyMaybeWritten: boolean;
}

/**
 * Joins: free seats first, the rest a waitlist ticket each, every claim of a round in one insertMany
 * (distinct keys); a seat found taken by someone this tally did not know of (another process) is learnt
 * and the next free one tried. Then all the sign-ups in one insertMany, and only those inserted enter
 * the tally: a sign-up refused as a duplicate gives its claim back.
 */
async function join(
  conn: Connection, shift: TallyShift, tally: Tally, joins: Array<{ i: number; signup: NewSignup }>,
  results: Array<JoinOutcome | undefined>, change: (c: Change) => void, done: Done,
): Promise<void> {
  const shiftId = shift._id.toString();
  const held = new Set<string>([...Object.values(tally.seats), ...tally.waitlist.map((w) => w.signupId)]);
  const outcomes = new Map<number, { status: 'confirmed'; seat: number } | { status: 'waitlisted'; ticket: number }>();
  let seatless: typeof joins = [];
  for (const j of joins) {
    const id = j.signup._id.toString();
    if (held.has(id)) results[j.i] = { status: 'duplicate' }; // named already: a racing request of the same volunteer
    else {
      held.add(id);
      seatless.push(j);
    }
  }
  const taken = new Set<number>();
  for (;;) {
    const free = freeSeats(tally, shift.capacity).filter((n) => !taken.has(n));
    if (seatless.length === 0 || free.length === 0) break;
    const round = seatless.slice(0, free.length);
    const keys = round.map((_, k) => seatKey(shiftId, free[k]!));
    const won = await claimMany(conn, round.map((j, k) => ({ _id: keys[k]!, shiftId, kind: 'seat' as const, signupId: j.signup._id.toString(), at: now() })), done);
    for (const [k, j] of round.entries()) {
      const n = free[k]!;
      if (won[k]) {
        taken.add(n);
        outcomes.set(j.i, { status: 'confirmed', seat: n });
      } else {
        const holder = await holderOf(conn, keys[k]!);
        if (holder) change({ seat: n, holder });
      }
    }
    seatless = seatless.filter((j) => !outcomes.has(j.i));
  }
  // The rest wait, in the order they came.
  let ticketless = seatless;
  while (ticketless.length > 0) {
    const tickets = ticketless.map(() => nextTicket());
    const won = await claimMany(conn, ticketless.map((j, k) => ({ _id: `${shiftId}:w:${tickets[k]}`, shiftId, kind: 'ticket' as const, signupId: j.signup._id.toString(), at: now() })), done);
    ticketless.forEach((j, k) => {
      if (won[k]) outcomes.set(j.i, { status: 'waitlisted', ticket: tickets[k]! });
    });
    ticketless = ticketless.filter((j) => !outcomes.has(j.i));
  }

  const entering = joins.filter((j) => outcomes.has(j.i));
  const inserted = await insertSignups(conn, entering.map((j) => {
    const o = outcomes.get(j.i)!;
    return { ...j.signup, status: o.status, seat: o.status === 'confirmed' ? o.seat : null, waitlistTicket: o.status === 'waitlisted' ? o.ticket : null };
  }), done);
  for (const [k, j] of entering.entries()) {
    const o = outcomes.get(j.i)!;
    const id = j.signup._id.toString();
    if (!inserted[k]) {
      results[j.i] = { status: 'duplicate' };
      const key = o.status === 'confirmed' ? seatKey(shiftId, o.seat) : `${shiftId}:w:${o.ticket}`;
      await Seats(conn).deleteOne({ _id: key });
      continue;
    }
    if (o.status === 'confirmed') change({ seat: o.seat, holder: id });
    else change({ join: { ticket: o.ticket, signupId: id } });
    results[j.i] = o as JoinOutcome;
  }
}

/** Leaves, in the order they came; then free seats to the waitlist. */
async function leave(conn: Connection, shift: TallyShift, tally: Tally, ops: Op[], change: (c: Change) => void): Promise<void> {
  const at = now();
  for (const op of ops) {
    if (op.kind !== 'leave') continue;
    change({ leave: op.signupId });
    if (op.seat === null) continue;
    if (op.at >= shift.endAt) {
      change({ seat: op.seat, holder: null, was: op.signupId });
      continue;
    }
    await vacate(conn, shift, tally, op.seat, op.signupId, change);
  }
  if (at < shift.endAt) await fillVacancies(conn, shift, tally, change);
}

/**
 * The seat `leaving` held goes to the first in line, or is freed when nobody waits. The seat's claim
 * decides, not the tally: a leave whose batch failed after its hand-over (or whose process died in it)
 * left the claim naming the one it promoted, and repeating that leave (a second cancel, the repair)
 * records that hand-over instead of making a second one (two people on one seat). A lock on the seat
 * lets one hand-over of it run at a time, across processes; a leave that finds it locked leaves the
 * seat to the holder of the lock (or, if that one fails, to the repair).
 */
async function vacate(conn: Connection, shift: TallyShift, tally: Tally, n: number, leaving: string, change: (c: Change) => void): Promise<void> {
  const key = seatKey(shift._id.toString(), n);
  const unlock = await claimVersion(conn, HANDOVERS, key, 0);
  if (!unlock) return;
  try {
    const named = tally.seats[String(n)];
    const claim = await Seats(conn).findById(key).lean();
    if (!claim) {
      // freed by an earlier leave of this sign-up whose tally write failed: the waitlist gets it (fillVacancies)
      if (named === leaving) change({ seat: n, holder: null, was: leaving });
      return;
    }
    if (claim.signupId !== leaving) {
      if (named !== leaving) return; // handed over before, and the tally knows
      // handed over by a leave whose tally write failed: the claim names the one it went to
      const read = () => Signups(conn).findById(new Types.ObjectId(claim.signupId), { status: 1, seat: 1 }).lean();
      let other = await read();
      // still waiting: that hand-over stopped between naming and promoting (promote is one versioned write: whoever else tries loses)
      if (other?.status === 'waitlisted') other = (await promote(conn, shift, claim.signupId, n)) ? { ...other, status: 'confirmed', seat: n } : await read();
      if (other && (other.status === 'confirmed' || other.status === 'attended') && other.seat === n) {
        change({ leave: claim.signupId });
        change({ seat: n, holder: claim.signupId });
        return;
      }
      // the one it names has left as well: the seat goes on to the next in line
    }
    if (!(await handOver(conn, shift, tally, n, change))) {
      await Seats(conn).deleteOne({ _id: key });
      change({ seat: n, holder: null, was: leaving });
    }
  } finally {
    await unlock();
  }
}

/** Takes back a failed batch's claims, sign-ups and (if it may have landed) tally entries; best effort, each step retried. */
async function takeBack(conn: Connection, shift: TallyShift, done: Done): Promise<void> {
  const attempt = async (what: () => Promise<unknown>) => {
    for (let i = 0; i < 5; i++) {
      try {
        await what();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100 * 2 ** i));
      }
    }
  };
  const ids = new Set(done.signups.map((s) => s.toString()));
  if (done.tallyMaybeWritten && ids.size > 0) {
    await attempt(async () => {
      const t = await readTally(conn, shift._id);
      const changes: Change[] = [];
      for (const [n, holder] of Object.entries(t.seats)) if (ids.has(holder)) changes.push({ seat: Number(n), holder: null, was: holder });
      for (const id of ids) changes.push({ leave: id });
      for (const c of changes) applyChange(t, c);
      if (!(await writeAtVersion(conn, TALLIES, t, { $set: encodeTally(t) }))) throw new Error('tally moved on: take back again');
    });
  }
  await Promise.all(done.signups.map((id) => attempt(() => Signups(conn).deleteOne({ _id: id }))));
  await Promise.all(done.claims.map((key) => attempt(() => Seats(conn).deleteOne({ _id: key }))));
}

/** Inserts claims at once: true for each one inserted, false for each key someone else holds. */
async function claimMany(conn: Connection, docs: Array<{ _id: string; shiftId: string; kind: 'seat' | 'ticket'; signupId: string; at: Date }>, done: Done): Promise<boolean[]> {
  const failed = await insertManyUnique(conn.db!.collection(SEATS), docs);
  docs.forEach((d, k) => {
    if (!failed.has(k)) done.claims.push(d._id);
  });
  return docs.map((_, k) => !failed.has(k));
}

async function insertSignups(conn: Connection, docs: SignupRecord[], done: Done): Promise<boolean[]> {
  if (docs.length === 0) return [];
  const failed = await insertManyUnique(conn.db!.collection('volunteer_signups'), docs);
  docs.forEach((d, k) => {
    if (!failed.has(k)) done.signups.push(d._id);
  });
  return docs.map((_, k) => !failed.has(k));
}

/** One insertMany, unordered: the indexes of the documents refused by a unique index; any other error throws. */
async function insertManyUnique(collection: mongo.Collection, docs: mongo.Document[]): Promise<Set<number>> {
  if (docs.length === 0) return new Set();
  try {
    await collection.insertMany(docs, { ordered: false });
    return new Set();
  } catch (err) {
    if (!(err instanceof mongo.MongoBulkWriteError)) throw err;
    const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
    const failed = new Set<number>();
    for (const e of errors) {
      if (!isDuplicateKeyError({ code: e.code, message: e.errmsg })) throw err;
      failed.add(e.index);
    }
    return failed;
  }
}

/**
 * Who holds a seat claim; a claim whose sign-up never came (its process died mid-batch) is freed once
 * it is older than ORPHAN_MS, and null is answered, as for a seat freed meanwhile.
 */
async function holderOf(conn: Connection, key: string): Promise<string | null> {
  const claim = await Seats(conn).findById(key).lean<{ signupId: string; at?: Date } | null>();
  if (!claim) return null;
  if (claim.at && Date.now() - claim.at.getTime() > ORPHAN_MS && !(await Signups(conn).findById(new Types.ObjectId(claim.signupId), { _id: 1 }).lean())) {
    await Seats(conn).deleteOne({ _id: key });
    return null;
  }
  return claim.signupId;
}

/** The seat goes to the first in line still waiting; false when nobody is. */
async function handOver(conn: Connection, shift: TallyShift, tally: Tally, seat: number, change: (c: Change) => void): Promise<boolean> {
  for (const candidate of [...tally.waitlist]) {
    if (!(await claimKey(conn, PROMOTIONS, `promote:${candidate.signupId}`))) {
      change({ leave: candidate.signupId }); // promoted elsewhere already
      continue;
    }
    // The seat names its holder before the holder is confirmed: if the confirmation fails, the next one is named.
    await Seats(conn).updateOne({ _id: seatKey(shift._id.toString(), seat) }, { $set: { signupId: candidate.signupId } });
    const promoted = await promote(conn, shift, candidate.signupId, seat);
    change({ leave: candidate.signupId });
    if (promoted) {
      change({ seat, holder: candidate.signupId });
      return true;
    }
  }
  return false;
}

/** Free seats (per the tally) go to the waitlist in ticket order: a seat another process freed, a crash. */
async function fillVacancies(conn: Connection, shift: TallyShift, tally: Tally, change: (c: Change) => void): Promise<void> {
  const shiftId = shift._id.toString();
  while (tally.waitlist.length > 0) {
    const n = freeSeats(tally, shift.capacity)[0];
    if (n === undefined) return;
    const candidate = tally.waitlist[0]!;
    if (!(await claimKey(conn, PROMOTIONS, `promote:${candidate.signupId}`))) {
      change({ leave: candidate.signupId });
      continue;
    }
    if (!(await claimSeat(conn, shiftId, n, candidate.signupId))) {
      await conn.db!.collection<{ _id: string }>(PROMOTIONS).deleteOne({ _id: `promote:${candidate.signupId}` });
      const holder = await Seats(conn).findById(seatKey(shiftId, n), { signupId: 1 }).lean();
      if (holder) change({ seat: n, holder: holder.signupId });
      continue;
    }
    change({ leave: candidate.signupId });
    if (await promote(conn, shift, candidate.signupId, n)) change({ seat: n, holder: candidate.signupId });
    else await Seats(conn).deleteOne({ _id: seatKey(shiftId, n), signupId: candidate.signupId });
  }
}

/** waitlisted → confirmed on `seat`, unless the candidate left the waitlist meanwhile. */
async function promote(conn: Connection, shift: TallyShift, signupId: string, seat: number): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await Signups(conn).findById(new Types.ObjectId(signupId)).lean();
    if (!current || current.status !== 'waitlisted') return false;
    const done = await writeAtVersion(conn, 'volunteer_signups', current, { $set: { status: 'confirmed', seat, promotedAt: now() } }, (s) => s.status === 'waitlisted');
    if (done) {
      await recordNotice(conn, `promoted:${signupId}`, 'promoted', current, shift);
      return true;
    }
  }
  return false;
}

function claimSeat(conn: Connection, shiftId: string, n: number, signupId: string): Promise<boolean> {
  return claimKey(conn, SEATS, seatKey(shiftId, n), { shiftId, kind: 'seat', signupId, at: now() });
}

/** A number that grows with the moment it is taken (microseconds), never the same twice in this process. */
function nextTicket(): number {
  lastTicket = Math.max(Math.floor((performance.timeOrigin + performance.now()) * 1000), lastTicket + 1);
  return lastTicket;
}
let lastTicket = 0;

function freeSeats(tally: Tally, capacity: number): number[] {
  const free: number[] = [];
  for (let n = 1; n <= capacity; n++) if (!(String(n) in tally.seats)) free.push(n);
  return free;
}

function applyChange(t: Tally, c: Change): void {
  if ('seat' in c) {
    const key = String(c.seat);
    if (c.holder !== null) t.seats[key] = c.holder;
    else if (t.seats[key] === c.was) delete t.seats[key];
  } else if ('join' in c) {
    if (!t.waitlist.some((w) => w.signupId === c.join.signupId)) {
      t.waitlist.push(c.join);
      t.waitlist.sort((a, b) => a.ticket - b.ticket);
    }
  } else {
    t.waitlist = t.waitlist.filter((w) => w.signupId !== c.leave);
  }
}

/**
 * Writes the batch's changes at the tally's version; a lost write reads the tally again and replays
 * them. Gives up (throws) at the batch's deadline. Returns the tally as written.
 */
async function writeTally(conn: Connection, shiftId: Types.ObjectId, tally: Tally, changes: Change[], deadline: number, done: Done): Promise<Tally> {
  if (changes.length === 0) return tally;
  let current = tally;
  for (let attempt = 0; ; attempt++) {
    done.tallyMaybeWritten = true; // until the answer says otherwise: an error may come after the write landed
    if (await writeAtVersion(conn, TALLIES, current, { $set: encodeTally(current) })) return current;
    done.tallyMaybeWritten = false;
    if (Date.now() > deadline) throw new Error('tally write: deadline passed');
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(5 * attempt, 50)));
    current = await readTally(conn, shiftId);
    for (const c of changes) applyChange(current, c);
  }
}

function encodeTally(t: Tally): { seats: string; waitlist: string } {
  return {
    seats: Object.entries(t.seats).map(([n, id]) => `${n}:${id}`).join(','),
    waitlist: t.waitlist.map((w) => `${w.ticket}:${w.signupId}`).join(','),
  };
}

function decodeTally(t: StoredTally): Tally {
  const pairs = (s: string) => (s === '' ? [] : s.split(',').map((p) => p.split(':') as [string, string]));
  const seats = typeof t.seats === 'string' ? Object.fromEntries(pairs(t.seats)) : { ...(t.seats ?? {}) };
  const waitlist = typeof t.waitlist === 'string' ? pairs(t.waitlist).map(([ticket, signupId]) => ({ ticket: Number(ticket), signupId })) : [...(t.waitlist ?? [])];
  return { _id: t._id, version: t.version, seats, waitlist };
}

/**
 * The shift's tally; for a shift without one yet, built from its sign-ups (the only scan, once per
 * shift).
 */
async function readTally(conn: Connection, shiftId: Types.ObjectId): Promise<Tally> {
  for (;;) {
    const t = await tallies(conn).findOne({ _id: shiftId });
    if (t) return decodeTally(t);
    const held = await Signups(conn).find({ shiftId, status: { $in: ['confirmed', 'attended', 'waitlisted'] } }, { status: 1, seat: 1, waitlistTicket: 1 }).lean();
    const seats: Record<string, string> = {};
    const waitlist: Tally['waitlist'] = [];
    for (const s of held) {
      if (s.status === 'waitlisted') waitlist.push({ ticket: s.waitlistTicket!, signupId: s._id.toString() });
      else if (s.seat) seats[String(s.seat)] = s._id.toString();
    }
    waitlist.sort((a, b) => a.ticket - b.ticket);
    try {
      await tallies(conn).insertOne({ _id: shiftId, version: 0, ...encodeTally({ _id: shiftId, version: 0, seats, waitlist }) });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}
