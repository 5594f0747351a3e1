import mongoose, { type Connection } from 'mongoose';
import { testDatabaseUri } from '../../test/db';
import { isDuplicateKey, retryUpsert } from './unique-race';

describe('races on a unique index', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await mongoose.createConnection(testDatabaseUri('unique_race')).asPromise();
  });
  afterAll(async () => {
    await conn.close();
  });

  it('when an insert, an update and a findOneAndUpdate take a key another document holds, then each error counts as a duplicate key', async () => {
    const col = conn.collection('codes');
    await col.createIndex({ code: 1 }, { unique: true });
    await col.insertOne({ code: 'a' });
    const { insertedId } = await col.insertOne({ code: 'b' });
    const errors = await Promise.all([
      col.insertOne({ code: 'a' }).then(() => null, (e: unknown) => e),
      col.updateOne({ _id: insertedId }, { $set: { code: 'a' } }).then(() => null, (e: unknown) => e),
      col.findOneAndUpdate({ _id: insertedId }, { $set: { code: 'a' } }).then(() => null, (e: unknown) => e),
    ]);
    for (const err of errors) {
      expect(err).not.toBeNull();
      expect(isDuplicateKey(err)).toBe(true);
    }
  });

  it('when ten inserts race for one key, then one wins and every loser is a duplicate key', async () => {
    const col = conn.collection('seats');
    await col.createIndex({ person: 1 }, { unique: true });
    const results = await Promise.all(Array.from({ length: 10 }, () => col.insertOne({ person: 'p1' }).then(() => 'won', (e: unknown) => e)));
    expect(results.filter((r) => r === 'won')).toHaveLength(1);
    for (const r of results.filter((r) => r !== 'won')) expect(isDuplicateKey(r)).toBe(true);
  });

  it('when ten upserts race for one key through retryUpsert, five rounds, then all succeed and one document holds every increment', async () => {
    const col = conn.collection('counters');
    await col.createIndex({ key: 1 }, { unique: true });
    for (let round = 0; round < 5; round++) {
      const key = `k${round}`;
      await Promise.all(Array.from({ length: 10 }, () => retryUpsert(() => col.findOneAndUpdate({ key }, { $inc: { n: 1 } }, { upsert: true, returnDocument: 'after' }))));
      const docs = await col.find({ key }).toArray();
      expect(docs).toHaveLength(1);
      expect(docs[0]!.n).toBe(10);
    }
  });

  it('when the error is not about a key, then it is neither a duplicate nor retried', async () => {
    let calls = 0;
    const other = Object.assign(new Error('conflicting key value violates exclusion constraint'), { code: 2 });
    await expect(retryUpsert(async () => { calls++; throw other; })).rejects.toBe(other);
    expect(calls).toBe(1);
    expect(isDuplicateKey(Object.assign(new Error('internal'), { code: 1 }))).toBe(false);
    expect(isDuplicateKey(Object.assign(new Error('deadlock detected'), { code: 1 }))).toBe(true);
    expect(isDuplicateKey(null)).toBe(false);
  });
});
