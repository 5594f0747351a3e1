import { randomInt } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { claimKey } from '../../platform/claim';
import { now } from '../../platform/clock';
import { updateAtVersion } from '../../platform/versioned-write';
import { recordNotice, type NoticeShift } from './notices';
import { SEATS, Seats } from './seat.model';
import { Signups, type SignupRecord } from './signup.model';

/**
 * No overbooking by construction (issue 4): a shift of capacity N has the seat keys
 * `<shiftId>:1 … <shiftId>:N`, and a sign-up is confirmed only by inserting one of them, an insert
 * under a unique _id being atomic on FerretDB as on MongoDB. Whatever the interleaving, at most N
 * sign-ups hold a seat. Waitlist tickets `<shiftId>:w:<k>` are claimed the same way, so the waitlist's
 * order is the order of the claims. A promotion is guarded by the claim `promote:<signupId>`, so two
 * cancellations never promote the same person.
 *
 * Both claims avoid a thundering herd, measured on FerretDB (200 sign-ups for 20 places took 50 s
 * when everyone tried seat 1 first and ticket count+1): seats are tried from a random free-looking
 * one, and a ticket's k is the moment the claim is made (microseconds), so racing claimers rarely
 * want the same key and the order of tickets is the order in which they were taken.
 */
const SIGNUPS = 'volunteer_signups';
const PROMOTIONS = 'volunteer_promotions';

export interface SeatShift extends NoticeShift {
  capacity: number;
}

const seatKey = (shiftId: string, n: number) => `${shiftId}:${n}`;
const countSeats = (conn: Connection, shiftId: string) => Seats(conn).countDocuments({ shiftId, kind: 'seat' });

/** A free seat claimed for the sign-up: its number, or null when all N are taken. */
export async function claimSeat(conn: Connection, shift: SeatShift, signupId: Types.ObjectId): Promise<number | null> {
  const shiftId = shift._id.toString();
  let taken = await countSeats(conn, shiftId);
  if (taken >= shift.capacity) return null;
  // Start somewhere among the seats probably free and wrap: a seat freed in the middle is found too.
  let n = taken + 1 + randomInt(shift.capacity - taken);
  for (let tries = 0; tries < shift.capacity && taken < shift.capacity; tries++) {
    if (await claimKey(conn, SEATS, seatKey(shiftId, n), { shiftId, kind: 'seat', signupId: signupId.toString() })) return n;
    n = (n % shift.capacity) + 1;
    taken = await countSeats(conn, shiftId);
  }
  return null;
}

/** A waitlist ticket: a number that grows with the time it is taken, unique per shift. */
export async function claimTicket(conn: Connection, shiftId: Types.ObjectId, signupId: Types.ObjectId): Promise<number> {
  const id = shiftId.toString();
  let k = Math.max(Math.floor((performance.timeOrigin + performance.now()) * 1000), lastTicket + 1);
  while (!(await claimKey(conn, SEATS, `${id}:w:${k}`, { shiftId: id, kind: 'ticket', signupId: signupId.toString() }))) k++;
  lastTicket = k;
  return k;
}
let lastTicket = 0;

/**
 * Hands a cancelled sign-up's seat straight to the first in line who can still take it, with a
 * subscribe message; frees the seat when nobody waits.
 */
export async function handOverSeat(conn: Connection, shift: SeatShift, seat: number): Promise<void> {
  const shiftId = shift._id.toString();
  for await (const candidate of waitlistInOrder(conn, shift._id)) {
    if (!(await claimKey(conn, PROMOTIONS, `promote:${candidate._id.toString()}`))) continue;
    // The seat names its holder before the holder is confirmed: if the confirmation fails, the next one is named.
    await Seats(conn).updateOne({ _id: seatKey(shiftId, seat) }, { $set: { signupId: candidate._id.toString() } });
    if (await promote(conn, shift, candidate, seat)) return;
  }
  await Seats(conn).deleteOne({ _id: seatKey(shiftId, seat) });
  // Someone may have joined the waitlist while the seat was still taken.
  await fillVacancies(conn, shift);
}

/** Gives free seats to the waitlist in ticket order, until the seats or the waitlist run out. */
export async function fillVacancies(conn: Connection, shift: SeatShift): Promise<void> {
  for (;;) {
    if ((await countSeats(conn, shift._id.toString())) >= shift.capacity) return;
    let candidate: SignupRecord | undefined;
    for await (const c of waitlistInOrder(conn, shift._id)) {
      if (await claimKey(conn, PROMOTIONS, `promote:${c._id.toString()}`)) {
        candidate = c;
        break;
      }
    }
    if (!candidate) return;
    const seat = await claimSeat(conn, shift, candidate._id);
    if (seat === null) {
      // Seats filled up meanwhile: the candidate stays first in line for the next cancellation.
      await conn.db!.collection<{ _id: string }>(PROMOTIONS).deleteOne({ _id: `promote:${candidate._id.toString()}` });
      return;
    }
    if (!(await promote(conn, shift, candidate, seat))) await Seats(conn).deleteOne({ _id: seatKey(shift._id.toString(), seat) });
  }
}

/** waitlisted → confirmed on `seat`, unless the candidate left the waitlist meanwhile. */
async function promote(conn: Connection, shift: SeatShift, candidate: SignupRecord, seat: number): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await Signups(conn).findById(candidate._id).lean();
    if (!current || current.status !== 'waitlisted') return false;
    const done = await updateAtVersion(conn, SIGNUPS, current, { status: 'waitlisted' }, {
      $set: { status: 'confirmed', seat, promotedAt: now() },
    });
    if (done) {
      await recordNotice(conn, `promoted:${candidate._id.toString()}`, 'promoted', candidate, shift);
      return true;
    }
  }
  return false;
}

async function* waitlistInOrder(conn: Connection, shiftId: Types.ObjectId): AsyncGenerator<SignupRecord> {
  let after = 0;
  for (;;) {
    const page = await Signups(conn)
      .find({ shiftId, status: 'waitlisted', waitlistTicket: { $gt: after } })
      .sort({ waitlistTicket: 1 })
      .limit(20)
      .lean();
    for (const s of page) yield s;
    if (page.length < 20) return;
    after = page[page.length - 1]!.waitlistTicket!;
  }
}
