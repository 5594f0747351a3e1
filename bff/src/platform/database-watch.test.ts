import type { Connection } from 'mongoose';
import { testDatabaseUri } from '../../test/db';
import { connectDatabase, watchDatabaseClient } from './database';

describe('the database client watchdog', () => {
  let conn: Connection;
  afterAll(() => conn?.close());

  it('when our client cannot reach a database that a fresh client reaches, then it is connected again, and the same handles work', async () => {
    const uri = testDatabaseUri('db_watch');
    conn = await connectDatabase(uri);
    const things = conn.db!.collection('things');
    await things.insertOne({ n: 1 });
    // a client that fails every operation while the server is up: closed under the app's feet
    await conn.getClient().close();
    await expect(things.countDocuments({})).rejects.toThrow();
    const reconnected: number[] = [];
    const stop = watchDatabaseClient(conn, uri, { everyMs: 100, stuckAfterMs: 300, onReconnect: (ms) => reconnected.push(ms) });
    try {
      for (let i = 0; i < 100 && reconnected.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(reconnected).toHaveLength(1);
      expect(reconnected[0]).toBeGreaterThanOrEqual(300);
      expect(await things.countDocuments({})).toBe(1);
    } finally {
      stop();
    }
  });

  it('when the database answers, then nothing is done', async () => {
    const reconnected: number[] = [];
    const stop = watchDatabaseClient(conn, testDatabaseUri('db_watch_ok'), { everyMs: 50, stuckAfterMs: 100, onReconnect: (ms) => reconnected.push(ms) });
    await new Promise((r) => setTimeout(r, 500));
    stop();
    expect(reconnected).toEqual([]);
  });
});
