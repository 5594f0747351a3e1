import { Types, type Connection } from 'mongoose';
import { claimKey } from '../../platform/claim';
import { now } from '../../platform/clock';
import { isDuplicateKeyError } from '../../platform/database';
import { recordNotice, type NoticeShift } from './notices';
import { SEATS, Seats } from './seat.model';
import { Signups, type SignupRecord } from './signup.model';
import { writeAtVersion } from '../../platform/versioned-write';

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
 */
export const TALLIES = 'volunteer_shift_tallies';
const PROMOTIONS = 'volunteer_promotions';
const MAX_BATCH = 200;

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

export type JoinOutcome = { status: 'confirmed'; seat: number } | { status: 'waitlisted'; ticket: number };

type Op = { kind: 'join'; signup: SignupRecord } | { kind: 'leave'; signupId: string; seat: number | null; at: Date };

/** What a batch did to the tally, replayed on a newer version when its write loses. */
type Change =
  | { seat: number; holder: string | null; was?: string }
  | { join: { ticket: number; signupId: string } }
  | { leave: string };

const tallies = (conn: Connection) => conn.db!.collection<Tally>(TALLIES);
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

/** A pending sign-up takes a free seat, else a waitlist ticket; it is settled when this returns. */
export function joinShift(conn: Connection, shift: TallyShift, signup: SignupRecord): Promise<JoinOutcome> {
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

interface Queue {
  shift: TallyShift;
  waiting: Array<{ op: Op; resolve: (v: unknown) => void; reject: (e: unknown) => void }>;
  running: boolean;
}
const queuesByConn = new WeakMap<Connection, Map<string, Queue>>();

function enqueue(conn: Connection, shift: TallyShift, op: Op): Promise<unknown> {
  let queues = queuesByConn.get(conn);
  if (!queues) queuesByConn.set(conn, (queues = new Map()));
  const key = shift._id.toString();
  let q = queues.get(key);
  if (!q) queues.set(key, (q = { shift, waiting: [], running: false }));
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
    try {
      const results = await applyBatch(conn, q.shift, batch.map((b) => b.op));
      batch.forEach((b, i) => b.resolve(results[i]));
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }
  q.running = false;
  queues.delete(key);
}

async function applyBatch(conn: Connection, shift: TallyShift, ops: Op[]): Promise<Array<JoinOutcome | undefined>> {
  const shiftId = shift._id.toString();
  const tally = await readTally(conn, shift._id);
  const changes: Change[] = [];
  const change = (c: Change) => {
    changes.push(c);
    applyChange(tally, c);
  };
  const results: Array<JoinOutcome | undefined> = ops.map(() => undefined);
  const at = now();

  // Joins: free seats first, claimed in parallel (distinct seats); a seat found taken by someone
  // this tally did not know of (another process) is learnt and the next free one tried.
  const joins = ops.flatMap((op, i) => (op.kind === 'join' ? [{ i, signup: op.signup }] : []));
  let seatless = joins;
  for (;;) {
    const free = freeSeats(tally, shift.capacity);
    if (seatless.length === 0 || free.length === 0) break;
    const round = seatless.slice(0, free.length);
    const won = await Promise.all(round.map((j, k) => claimSeat(conn, shiftId, free[k]!, j.signup._id.toString())));
    for (const [k, j] of round.entries()) {
      const n = free[k]!;
      if (won[k]) {
        change({ seat: n, holder: j.signup._id.toString() });
        results[j.i] = { status: 'confirmed', seat: n };
      } else {
        const holder = await Seats(conn).findById(seatKey(shiftId, n), { signupId: 1 }).lean();
        if (holder) change({ seat: n, holder: holder.signupId });
      }
    }
    seatless = seatless.filter((j) => !results[j.i]);
  }
  // The rest wait, in the order they came; their tickets are claimed together.
  const tickets = await Promise.all(seatless.map((j) => claimTicket(conn, shiftId, j.signup._id.toString(), nextTicket())));
  seatless.forEach((j, k) => {
    results[j.i] = { status: 'waitlisted', ticket: tickets[k]! };
    change({ join: { ticket: tickets[k]!, signupId: j.signup._id.toString() } });
  });
  await Promise.all(joins.map((j) => settle(conn, j.signup._id, results[j.i]!)));

  // Leaves, in the order they came.
  for (const op of ops) {
    if (op.kind !== 'leave') continue;
    change({ leave: op.signupId });
    if (op.seat === null) continue;
    if (op.at >= shift.endAt) {
      change({ seat: op.seat, holder: null, was: op.signupId });
      continue;
    }
    if (!(await handOver(conn, shift, tally, op.seat, change))) {
      await Seats(conn).deleteOne({ _id: seatKey(shiftId, op.seat) });
      change({ seat: op.seat, holder: null, was: op.signupId });
    }
  }
  if (at < shift.endAt) await fillVacancies(conn, shift, tally, change);

  await writeTally(conn, shift._id, tally, changes);
  return results;
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

/**
 * A pending sign-up has one writer, the request that created it (cancel and promotion touch only
 * confirmed and waitlisted ones): a plain update by _id settles it. By _id alone, because FerretDB
 * 1.24 reads the whole collection as soon as the filter names another field.
 */
async function settle(conn: Connection, id: Types.ObjectId, outcome: JoinOutcome): Promise<void> {
  const set = outcome.status === 'confirmed' ? { status: 'confirmed', seat: outcome.seat } : { status: 'waitlisted', waitlistTicket: outcome.ticket };
  await Signups(conn).updateOne({ _id: id }, { $set: set, $inc: { version: 1 } });
}

function claimSeat(conn: Connection, shiftId: string, n: number, signupId: string): Promise<boolean> {
  return claimKey(conn, SEATS, seatKey(shiftId, n), { shiftId, kind: 'seat', signupId });
}

async function claimTicket(conn: Connection, shiftId: string, signupId: string, k: number): Promise<number> {
  while (!(await claimKey(conn, SEATS, `${shiftId}:w:${k}`, { shiftId, kind: 'ticket', signupId }))) k = nextTicket();
  return k;
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

async function writeTally(conn: Connection, shiftId: Types.ObjectId, tally: Tally, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  let current = tally;
  while (!(await writeAtVersion(conn, TALLIES, current, { $set: { seats: current.seats, waitlist: current.waitlist } }))) {
    current = await readTally(conn, shiftId);
    for (const c of changes) applyChange(current, c);
  }
}

/**
 * The shift's tally; for a shift without one yet, built from its sign-ups (the only scan, once per
 * shift). A sign-up still pending is not in it: its own batch adds it.
 */
async function readTally(conn: Connection, shiftId: Types.ObjectId): Promise<Tally> {
  for (;;) {
    const t = await tallies(conn).findOne({ _id: shiftId });
    if (t) return { _id: t._id, version: t.version, seats: { ...(t.seats ?? {}) }, waitlist: [...(t.waitlist ?? [])] };
    const held = await Signups(conn).find({ shiftId, status: { $in: ['confirmed', 'attended', 'waitlisted'] } }, { status: 1, seat: 1, waitlistTicket: 1 }).lean();
    const seats: Record<string, string> = {};
    const waitlist: Tally['waitlist'] = [];
    for (const s of held) {
      if (s.status === 'waitlisted') waitlist.push({ ticket: s.waitlistTicket!, signupId: s._id.toString() });
      else if (s.seat) seats[String(s.seat)] = s._id.toString();
    }
    waitlist.sort((a, b) => a.ticket - b.ticket);
    try {
      await tallies(conn).insertOne({ _id: shiftId, version: 0, seats, waitlist });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}
