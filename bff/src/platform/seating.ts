import type { Connection, mongo } from 'mongoose';
import { groupCommit, type Waiting } from './group-commit';
import { insertEach } from './unique-race';

/**
 * Seats of a thing with a capacity (a volunteer shift, an activity): full → waitlist, a freed seat →
 * the first in line. Two collections take part:
 *
 * - the holder document (the shift) carries `capacity` and the counters `confirmedCount`,
 *   `waitlistedCount` and `ticketsIssued`. A newcomer changes it by one update: a seat
 *   (`confirmedCount + 1`) if `confirmedCount < capacity` and nobody waits (a newcomer never passes
 *   the line), else a place in line (`ticketsIssued + 1` is the ticket: the line's order). A freed seat
 *   is taken for the first in line by one conditional `$inc` (`confirmedCount < capacity`).
 * - one seat document per person (the sign-up): `status` is `confirmed` or `waitlisted` (or whatever
 *   the caller records when it leaves), `ticket` its place in line; a unique index on
 *   (holder, person) makes "one per person", an index on (holder, status, ticket) finds the line.
 *
 * There are no multi-document transactions, so every step is ordered to leave the counters too high
 * when a process dies between two steps, never too low: a seat is counted before anyone sits on it
 * and uncounted after they left. A counter too high can only keep a seat empty, never overbook.
 * `repairSeating` (a worker) recounts a holder that has been quiet for REPAIR_QUIET_MS and gives freed
 * seats to the line; running it again changes nothing.
 */
export interface SeatingHolder {
  _id: mongo.BSON.ObjectId;
  capacity: number;
  confirmedCount?: number;
  waitlistedCount?: number;
  ticketsIssued?: number;
  /** when the counters last changed: the repair leaves a holder alone until it has been quiet for a while */
  seatingAt?: Date;
}

export interface SeatRecord {
  _id: mongo.BSON.ObjectId;
  status: string;
  ticket?: number | null;
  promotedAt?: Date;
}

export interface SeatingOptions<S extends SeatRecord> {
  /** the holders' collection (a shift carries its own counters) */
  holders: string;
  /** the seats' collection (the sign-ups) */
  seats: string;
  /** the field of a seat naming its holder */
  holderField: keyof S & string;
  /** statuses that keep a seat besides `confirmed` (a volunteer who checked in: `attended`) */
  alsoSeated?: string[];
  /** told once per promotion, after the promoted seat is written */
  onPromoted?: (seat: S) => Promise<unknown>;
}

export type SeatOutcome<S> =
  | { outcome: 'confirmed' | 'waitlisted'; seat: S; counts: SeatCounts; waitlistPosition: number | null }
  /** the person holds a seat or a place in line of this holder already (the unique index said so) */
  | { outcome: 'duplicate' };

export interface SeatCounts {
  capacity: number;
  confirmed: number;
  waitlisted: number;
}

/** How long a holder must be left alone before the repair recounts it: far longer than any request's steps. */
export const REPAIR_QUIET_MS = 5 * 60_000;

export const emptySeating = { confirmedCount: 0, waitlistedCount: 0, ticketsIssued: 0 } as const;

/** The counters as the views show them. */
export function seatCounts(holder: SeatingHolder): SeatCounts {
  return { capacity: holder.capacity, confirmed: holder.confirmedCount ?? 0, waitlisted: holder.waitlistedCount ?? 0 };
}

export function createSeating<S extends SeatRecord>(conn: Connection, opts: SeatingOptions<S>) {
  const holders = () => conn.db!.collection<SeatingHolder>(opts.holders);
  const seats = () => conn.db!.collection<S>(opts.seats);
  const seated = ['confirmed', ...(opts.alsoSeated ?? [])];
  const ofHolder = (holderId: mongo.BSON.ObjectId) => ({ [opts.holderField]: holderId }) as mongo.Filter<S>;
  const freeSeat = { $expr: { $lt: [{ $ifNull: ['$confirmedCount', 0] }, '$capacity'] } };
  /**
   * As an update pipeline, for `k` newcomers in the order they came: seats while one is free and nobody
   * waits, then tickets for the rest (the same rule as the filter above, `seatsFor` in code).
   */
  const seatsOrTickets = (k: number, at: Date) => {
    const field = (name: string) => ({ $ifNull: [`$${name}`, 0] });
    const seatsGiven = { $cond: [{ $lte: [field('waitlistedCount'), 0] }, { $min: [k, { $max: [0, { $subtract: ['$capacity', field('confirmedCount')] }] }] }, 0] };
    const tickets = { $subtract: [k, seatsGiven] };
    return { confirmedCount: { $add: [field('confirmedCount'), seatsGiven] }, waitlistedCount: { $add: [field('waitlistedCount'), tickets] }, ticketsIssued: { $add: [field('ticketsIssued'), tickets] }, seatingAt: at };
  };
  const seatsFor = (k: number, h: SeatingHolder) => ((h.waitlistedCount ?? 0) > 0 ? 0 : Math.min(k, Math.max(0, h.capacity - (h.confirmedCount ?? 0))));

  /** Changes a holder's counters; `filter` makes it conditional. The holder as it is now, or null when the filter did not hold. */
  function count(holderId: mongo.BSON.ObjectId, inc: Partial<Record<'confirmedCount' | 'waitlistedCount' | 'ticketsIssued', number>>, at: Date, filter: mongo.Filter<SeatingHolder> = {}) {
    return holders().findOneAndUpdate({ _id: holderId, ...filter }, { $inc: inc, $set: { seatingAt: at } }, { returnDocument: 'after' });
  }

  /**
   * A free seat if nobody is waiting, else the next ticket in line, then the seat document with that
   * outcome. The counter moves first: a process that dies in between leaves a seat counted and empty
   * (the repair frees it), never a seat taken twice.
   *
   * Group commit (platform/group-commit.ts): newcomers to one holder who arrive while its previous writes are in flight are seated
   * together, in the order they came: one update of the holder (every write of that one document waits
   * for the one before it, so a write per sign-up would queue a storm behind it) and one insert of their
   * seat documents. Each caller gets its own outcome; a lone newcomer waits for nobody.
   */
  function takeSeatOrJoinWaitlist(holderId: mongo.BSON.ObjectId, seat: Omit<S, 'status' | 'ticket'>, at: Date): Promise<SeatOutcome<S>> {
    return seatTogether(holderId.toHexString(), { holderId, seat, at });
  }

  type Arrival = Waiting<{ holderId: mongo.BSON.ObjectId; seat: Omit<S, 'status' | 'ticket'>; at: Date }, SeatOutcome<S>>;
  const seatTogether = groupCommit<Arrival['item'], SeatOutcome<S>>((_key, batch) => seatArrivals(batch[0]!.item.holderId, batch));

  async function seatArrivals(holderId: mongo.BSON.ObjectId, batch: Arrival[]): Promise<void> {
    const at = new Date(Math.max(...batch.map((a) => a.item.at.getTime())));
    const before = await holders().findOneAndUpdate({ _id: holderId }, [{ $set: seatsOrTickets(batch.length, at) }], { returnDocument: 'before' });
    if (!before) throw new Error(`seating: holder ${holderId.toString()} not found`);
    const given = seatsFor(batch.length, before);
    const ticketsBefore = before.ticketsIssued ?? 0;
    const taken = batch.map((a, i) => ({ ...a.item.seat, status: i < given ? 'confirmed' : 'waitlisted', ticket: i < given ? null : ticketsBefore + (i - given) + 1 }) as unknown as S);
    const refused = await insertEach(seats(), taken);
    // seats and places of those who hold one already go back
    const duplicates = [...refused].filter(([, why]) => why === 'duplicate').map(([i]) => i);
    const backSeats = duplicates.filter((i) => i < given).length;
    const backTickets = duplicates.length - backSeats;
    const holder: SeatingHolder = {
      ...before,
      confirmedCount: (before.confirmedCount ?? 0) + given - backSeats,
      waitlistedCount: (before.waitlistedCount ?? 0) + (batch.length - given) - backTickets,
      ticketsIssued: ticketsBefore + batch.length - given,
    };
    if (duplicates.length) await count(holderId, { confirmedCount: -backSeats, waitlistedCount: -backTickets }, at);
    // A seat free when these tickets were issued (a leaver's promotion found nobody in line yet, or a seat
    // given back just now): the line takes it now. One freed later whose promotion misses them goes to the
    // line with the next sign-up, cancellation or repair.
    const ticketed = taken.some((t, i) => i >= given && !refused.has(i));
    const promoted = backSeats > 0 || (ticketed && (holder.confirmedCount ?? 0) < holder.capacity) ? await seatTheLine(holderId, at) : [];
    let inLine = before.waitlistedCount ?? 0;
    batch.forEach((a, i) => {
      const why = refused.get(i);
      if (why === 'duplicate') return a.resolve({ outcome: 'duplicate' });
      if (why) return a.reject(why);
      const seat = taken[i]!;
      if (i < given) return a.resolve({ outcome: 'confirmed', seat, counts: seatCounts(holder), waitlistPosition: null });
      inLine++; // everyone counted in line when this ticket was issued came before it
      if (promoted.some((p) => p._id.equals(seat._id))) return a.resolve({ outcome: 'confirmed', seat: { ...seat, status: 'confirmed', ticket: null }, counts: seatCounts(holder), waitlistPosition: null });
      a.resolve({ outcome: 'waitlisted', seat, counts: seatCounts(holder), waitlistPosition: inLine });
    });
  }

  /**
   * The seat document leaves (status `leftStatus`, `extra` fields set) if it still is `from`; its seat
   * goes to the first in line. Null when it was not `from` any more (promoted, left already).
   */
  async function leaveSeat(holderId: mongo.BSON.ObjectId, seatId: mongo.BSON.ObjectId, from: 'confirmed' | 'waitlisted', leftStatus: string, at: Date, extra: Record<string, unknown> = {}): Promise<S | null> {
    const left = await seats().findOneAndUpdate({ _id: seatId, status: from } as mongo.Filter<S>, { $set: { status: leftStatus, ticket: null, ...extra } } as mongo.UpdateFilter<S>, { returnDocument: 'after' });
    if (!left) return null;
    await count(holderId, from === 'confirmed' ? { confirmedCount: -1 } : { waitlistedCount: -1 }, at);
    if (from === 'confirmed') await seatTheLine(holderId, at);
    return left as S;
  }

  /**
   * While a seat is free and someone waits: count the seat taken, then move the first in line onto it
   * (a conditional update of that one seat document, so two callers never promote the same person),
   * then uncount their place in line. Nobody in line after all: the seat is given back.
   */
  async function seatTheLine(holderId: mongo.BSON.ObjectId, at: Date): Promise<S[]> {
    const promoted: S[] = [];
    for (;;) {
      const holder = await count(holderId, { confirmedCount: 1 }, at, { ...freeSeat, waitlistedCount: { $gt: 0 } });
      if (!holder) return promoted;
      const first = await promoteFirstInLine(holderId, at);
      if (!first) {
        await count(holderId, { confirmedCount: -1 }, at);
        return promoted;
      }
      await count(holderId, { waitlistedCount: -1 }, at);
      promoted.push(first);
      await opts.onPromoted?.(first);
    }
  }

  async function promoteFirstInLine(holderId: mongo.BSON.ObjectId, at: Date): Promise<S | null> {
    const line = { ...ofHolder(holderId), status: 'waitlisted' } as mongo.Filter<S>;
    // A racing promotion of the same person makes PostgreSQL skip the row and answer nothing: look again while someone waits.
    for (let attempt = 0; attempt < 5; attempt++) {
      const first = await seats().findOneAndUpdate(line, { $set: { status: 'confirmed', ticket: null, promotedAt: at } } as mongo.UpdateFilter<S>, { sort: { ticket: 1 }, returnDocument: 'after' });
      if (first) return first as S;
      if (!(await seats().findOne(line, { projection: { _id: 1 } }))) return null;
    }
    return null;
  }

  /** 1 for the first in line; null when the seat document (as just read) is not waiting. */
  async function waitlistPosition(holderId: mongo.BSON.ObjectId, seat: Pick<S, 'status' | 'ticket'>): Promise<number | null> {
    if (seat.status !== 'waitlisted' || seat.ticket == null) return null;
    return 1 + (await seats().countDocuments({ ...ofHolder(holderId), status: 'waitlisted', ticket: { $lt: seat.ticket } } as mongo.Filter<S>));
  }

  /**
   * The worker's follow-up for a holder whose counters a dead process left too high: once the holder
   * has been quiet for REPAIR_QUIET_MS, its counters are recounted from the seat documents (only if
   * nothing changed them meanwhile), and free seats go to the line. Idempotent.
   */
  async function repairSeating(holderId: mongo.BSON.ObjectId, at: Date): Promise<{ recounted: boolean; promoted: S[] }> {
    const holder = await holders().findOne({ _id: holderId });
    if (!holder) return { recounted: false, promoted: [] };
    const quietSince = holder.seatingAt?.getTime() ?? 0;
    let recounted = false;
    if (at.getTime() - quietSince >= REPAIR_QUIET_MS) {
      const [confirmed, waitlisted] = await Promise.all([
        seats().countDocuments({ ...ofHolder(holderId), status: { $in: seated } } as mongo.Filter<S>),
        seats().countDocuments({ ...ofHolder(holderId), status: 'waitlisted' } as mongo.Filter<S>),
      ]);
      if (confirmed !== (holder.confirmedCount ?? 0) || waitlisted !== (holder.waitlistedCount ?? 0)) {
        const unchanged = holder.seatingAt ? { seatingAt: holder.seatingAt } : { seatingAt: { $exists: false } };
        const res = await holders().updateOne({ _id: holderId, ...unchanged }, { $set: { confirmedCount: confirmed, waitlistedCount: waitlisted, seatingAt: at } });
        recounted = res.modifiedCount === 1;
      }
    }
    return { recounted, promoted: await seatTheLine(holderId, at) };
  }

  return { takeSeatOrJoinWaitlist, leaveSeat, seatTheLine, waitlistPosition, repairSeating };
}

export type Seating<S extends SeatRecord> = ReturnType<typeof createSeating<S>>;
