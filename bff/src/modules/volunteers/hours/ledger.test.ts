import { Types, type Connection } from 'mongoose';
import { testDatabaseUri } from '../../../../test/db';
import { connectDatabase, ensureIndexes } from '../../../platform/database';
import { appendHoursEntry, confirmedHoursOf, currentEntriesOf, ledgerOfSignup } from './ledger.service';
import { HoursLedger } from './ledger.model';

let conn: Connection;
beforeAll(async () => {
  conn = await connectDatabase(testDatabaseUri('hours_ledger'));
  HoursLedger(conn);
  await ensureIndexes(conn);
});
afterAll(() => conn.close());

const entryFor = (userId: Types.ObjectId, signupId = new Types.ObjectId()) => ({
  userId,
  shiftId: new Types.ObjectId(),
  signupId,
  computedHours: 3,
  confirmedBy: new Types.ObjectId(),
});

describe('hours ledger', () => {
  it('when a volunteer has no entries, then the confirmed hours are 0', async () => {
    expect(await confirmedHoursOf(conn, new Types.ObjectId())).toBe(0);
  });

  it('when hours are confirmed and then corrected, then the total is the corrected value and both entries remain', async () => {
    const userId = new Types.ObjectId();
    const base = entryFor(userId);
    const first = await appendHoursEntry(conn, { ...base, hours: 3 }, null);
    await appendHoursEntry(conn, { ...entryFor(userId), hours: 2.5 }, null);
    const correction = await appendHoursEntry(conn, { ...base, hours: 2, reason: '提前离开一小时' }, first);
    expect(correction).toMatchObject({ kind: 'correction', seq: 2, delta: -1, hours: 2, corrects: first._id });
    expect(await confirmedHoursOf(conn, userId)).toBe(4.5);
    expect(await confirmedHoursOf(conn, userId.toString())).toBe(4.5);
    expect((await ledgerOfSignup(conn, base.signupId)).map((e) => [e.kind, e.hours])).toEqual([['confirmation', 3], ['correction', 2]]);
    expect((await currentEntriesOf(conn, userId)).map((e) => e.hours).sort()).toEqual([2, 2.5]);
  });

  it('when two writers append after the same entry, then one wins and the other is told to reload', async () => {
    const userId = new Types.ObjectId();
    const base = entryFor(userId);
    const first = await appendHoursEntry(conn, { ...base, hours: 3 }, null);
    const results = await Promise.allSettled([
      appendHoursEntry(conn, { ...base, hours: 1, reason: '甲' }, first),
      appendHoursEntry(conn, { ...base, hours: 2, reason: '乙' }, first),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'HOURS_LEDGER_CONFLICT', status: 409 } });
    await expect(appendHoursEntry(conn, { ...base, hours: 3 }, null)).rejects.toMatchObject({ code: 'HOURS_ALREADY_CONFIRMED' });
    expect([1, 2]).toContain(await confirmedHoursOf(conn, userId));
  });

  it('when anyone tries to change or delete an entry through the model, then it throws and nothing changes', async () => {
    const userId = new Types.ObjectId();
    await appendHoursEntry(conn, { ...entryFor(userId), hours: 4 }, null);
    const ledger = HoursLedger(conn);
    await expect(ledger.updateOne({ userId }, { $set: { hours: 40 } })).rejects.toThrow(/append-only/);
    await expect(ledger.updateMany({ userId }, { $inc: { delta: 1 } })).rejects.toThrow(/append-only/);
    await expect(ledger.findOneAndUpdate({ userId }, { $set: { delta: 40 } })).rejects.toThrow(/append-only/);
    await expect(ledger.replaceOne({ userId }, { hours: 40 })).rejects.toThrow(/append-only/);
    await expect(ledger.findOneAndReplace({ userId }, { hours: 40 })).rejects.toThrow(/append-only/);
    await expect(ledger.deleteOne({ userId })).rejects.toThrow(/append-only/);
    await expect(ledger.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(ledger.findOneAndDelete({ userId })).rejects.toThrow(/append-only/);
    const doc = await ledger.findOne({ userId });
    doc!.hours = 40;
    await expect(doc!.save()).rejects.toThrow(/append-only/);
    expect(await confirmedHoursOf(conn, userId)).toBe(4);
  });
});
