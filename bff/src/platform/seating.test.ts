import { Types, type Connection } from 'mongoose';
import { testDatabaseUri } from '../../test/db';
import { connectDatabase } from './database';
import { createSeating, emptySeating, REPAIR_QUIET_MS, type SeatRecord } from './seating';

/** A thing with a capacity that is not a volunteer shift: the component knows nothing of shifts. */
interface ActivitySeat extends SeatRecord {
  activityId: Types.ObjectId;
  userId: Types.ObjectId;
}

let conn: Connection;
let promotions: string[];
let seating: ReturnType<typeof createSeating<ActivitySeat>>;
beforeAll(async () => {
  conn = await connectDatabase(testDatabaseUri('seating'));
  const seats = conn.db!.collection('activity_seats');
  await seats.createIndex({ activityId: 1, userId: 1 }, { unique: true });
  await seats.createIndex({ activityId: 1, status: 1, ticket: 1 });
  seating = createSeating<ActivitySeat>(conn, {
    holders: 'activities',
    seats: 'activity_seats',
    holderField: 'activityId',
    onPromoted: async (s) => void promotions.push(s._id.toString()),
  });
});
beforeEach(() => {
  promotions = [];
});
afterAll(() => conn.close());

const activities = () => conn.db!.collection<{ _id: Types.ObjectId; capacity: number }>('activities');
const seats = () => conn.db!.collection<ActivitySeat>('activity_seats');
async function activity(capacity: number): Promise<Types.ObjectId> {
  const _id = new Types.ObjectId();
  await activities().insertOne({ _id, capacity, ...emptySeating });
  return _id;
}
const seatFor = (activityId: Types.ObjectId, userId = new Types.ObjectId()) => ({ _id: new Types.ObjectId(), activityId, userId });
const take = (activityId: Types.ObjectId, userId?: Types.ObjectId) => seating.takeSeatOrJoinWaitlist(activityId, seatFor(activityId, userId), new Date());
const counters = async (id: Types.ObjectId) => activities().findOne({ _id: id }, { projection: { _id: 0, confirmedCount: 1, waitlistedCount: 1 } });
const line = async (id: Types.ObjectId) => seats().find({ activityId: id, status: 'waitlisted' }).sort({ ticket: 1 }).toArray();
const seated = async (id: Types.ObjectId) => seats().countDocuments({ activityId: id, status: 'confirmed' });

describe('seating', () => {
  it('when 60 people take seats of 10 at once, then exactly 10 sit, 50 wait with tickets 1…50, and the counters agree', async () => {
    const id = await activity(10);
    const outcomes = await Promise.all(Array.from({ length: 60 }, () => take(id)));
    expect(outcomes.filter((o) => o.outcome === 'confirmed')).toHaveLength(10);
    expect(outcomes.filter((o) => o.outcome === 'waitlisted')).toHaveLength(50);
    expect(await seated(id)).toBe(10);
    expect((await line(id)).map((s) => s.ticket)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await counters(id)).toEqual({ confirmedCount: 10, waitlistedCount: 50 });
    const first = (await line(id))[0]!;
    expect(await seating.waitlistPosition(id, first)).toBe(1);
  });

  it('when one person takes a seat twice at once, then one seat is theirs and the other answer is a duplicate that counts nothing', async () => {
    const id = await activity(3);
    const person = new Types.ObjectId();
    const outcomes = await Promise.all([take(id, person), take(id, person), take(id, person)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['confirmed', 'duplicate', 'duplicate']);
    expect(await counters(id)).toEqual({ confirmedCount: 1, waitlistedCount: 0 });
  });

  it('when a burst arrives while a seat is being written, then it is seated together in the order people came, each answered for themselves', async () => {
    const id = await activity(2);
    const [a, b, c, d] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
    const first = take(id); // in flight while the burst arrives, which then goes as one batch
    const burst = await Promise.all([take(id, a), take(id, a), take(id, b), take(id, c), take(id, d)]);
    expect((await first).outcome).toBe('confirmed');
    expect(burst.map((o) => [o.outcome, o.outcome === 'duplicate' ? null : o.waitlistPosition])).toEqual([
      ['confirmed', null], ['duplicate', null], ['waitlisted', 1], ['waitlisted', 2], ['waitlisted', 3],
    ]);
    expect((await line(id)).map((s) => [s.userId.toString(), s.ticket])).toEqual([[b.toString(), 2], [c.toString(), 3], [d.toString(), 4]]);
    expect(await counters(id)).toEqual({ confirmedCount: 2, waitlistedCount: 3 });
  });

  it('when a duplicate in a burst was given the last seat, then the seat goes back to the first in line of the same burst', async () => {
    const id = await activity(3);
    const [a, b] = [new Types.ObjectId(), new Types.ObjectId()];
    const first = take(id);
    const burst = await Promise.all([take(id, a), take(id, a), take(id, b)]);
    await first;
    expect(burst.map((o) => o.outcome)).toEqual(['confirmed', 'duplicate', 'confirmed']);
    expect(await seated(id)).toBe(3);
    expect(await counters(id)).toEqual({ confirmedCount: 3, waitlistedCount: 0 });
  });

  it('when five seated people leave at once, then the first five in line are promoted, each once, and the next newcomer waits', async () => {
    const id = await activity(5);
    const all = await Promise.all(Array.from({ length: 5 }, () => take(id)));
    for (let i = 0; i < 8; i++) await take(id); // tickets in order
    const waiting = (await line(id)).map((s) => s._id.toString());
    const left = await Promise.all(all.map((o) => (o.outcome === 'confirmed' ? seating.leaveSeat(id, o.seat._id, 'confirmed', 'cancelled', new Date()) : null)));
    expect(left.every((s) => s?.status === 'cancelled')).toBe(true);
    expect(promotions.sort()).toEqual(waiting.slice(0, 5).sort());
    expect(await seated(id)).toBe(5);
    expect(await counters(id)).toEqual({ confirmedCount: 5, waitlistedCount: 3 });
    expect((await take(id)).outcome).toBe('waitlisted');
  });

  it('when a seat is left twice, then the second leave does nothing', async () => {
    const id = await activity(1);
    const a = await take(id);
    await take(id);
    if (a.outcome === 'duplicate') throw new Error('unexpected');
    const [one, two] = await Promise.all([1, 2].map(() => seating.leaveSeat(id, a.seat._id, 'confirmed', 'cancelled', new Date())));
    expect([one, two].filter(Boolean)).toHaveLength(1);
    expect(await seating.leaveSeat(id, a.seat._id, 'confirmed', 'cancelled', new Date())).toBeNull();
    expect(promotions).toHaveLength(1);
    expect(await counters(id)).toEqual({ confirmedCount: 1, waitlistedCount: 0 });
  });

  it('when a process died after a seated person left but before the seat was uncounted, then the repair waits for quiet, recounts, and gives the seat to the first in line, once', async () => {
    const id = await activity(1);
    const a = await take(id);
    const b = await take(id);
    await take(id);
    if (a.outcome === 'duplicate' || b.outcome === 'duplicate') throw new Error('unexpected');
    // the leave's first step only: the seat document left, the counter still counts it
    await seats().updateOne({ _id: a.seat._id }, { $set: { status: 'cancelled' } });
    expect((await take(id)).outcome).toBe('waitlisted'); // full, as far as the counters know
    const soon = new Date(Date.now() + 1000);
    expect(await seating.repairSeating(id, soon)).toEqual({ recounted: false, promoted: [] }); // not quiet yet
    const later = new Date(Date.now() + REPAIR_QUIET_MS + 1000);
    const repaired = await seating.repairSeating(id, later);
    expect(repaired.recounted).toBe(true);
    expect(repaired.promoted.map((s) => s._id.toString())).toEqual([b.seat._id.toString()]);
    expect(await counters(id)).toEqual({ confirmedCount: 1, waitlistedCount: 2 });
    expect(await seating.repairSeating(id, new Date(later.getTime() + REPAIR_QUIET_MS))).toEqual({ recounted: false, promoted: [] });
    expect(promotions).toEqual([b.seat._id.toString()]);
  });

  it('when a process died mid-promotion (the freed seat counted again, nobody moved onto it), then the repair moves the first in line onto it', async () => {
    const id = await activity(2);
    const a = await take(id);
    await take(id);
    const c = await take(id);
    if (a.outcome === 'duplicate' || c.outcome === 'duplicate') throw new Error('unexpected');
    // a leave that uncounted the seat, then a promotion that counted it again and died
    await seats().updateOne({ _id: a.seat._id }, { $set: { status: 'cancelled' } });
    expect(await counters(id)).toEqual({ confirmedCount: 2, waitlistedCount: 1 });
    const later = new Date(Date.now() + REPAIR_QUIET_MS + 1000);
    const repaired = await seating.repairSeating(id, later);
    expect(repaired.promoted.map((s) => s._id.toString())).toEqual([c.seat._id.toString()]);
    expect(await seated(id)).toBe(2);
    expect(await counters(id)).toEqual({ confirmedCount: 2, waitlistedCount: 0 });
  });

  it('when a seat is free while people wait (a promotion on its way), then a newcomer does not pass the line: the first in line sits', async () => {
    const id = await activity(1);
    await take(id);
    const b = await take(id);
    if (b.outcome === 'duplicate') throw new Error('unexpected');
    await seats().deleteOne({ activityId: id, status: 'confirmed' });
    await activities().updateOne({ _id: id }, { $inc: { confirmedCount: -1 } });
    const newcomer = await take(id);
    expect(newcomer.outcome).toBe('waitlisted');
    expect(promotions).toEqual([b.seat._id.toString()]);
    expect(await counters(id)).toEqual({ confirmedCount: 1, waitlistedCount: 1 });
  });
});
