import mongoose from 'mongoose';
import type { AppContext } from './context';
import { retryingReads } from './transient-reads';

const ctx = () => ({ state: {} }) as unknown as AppContext;
const unreachable = () => new mongoose.mongo.MongoServerSelectionError('connection 9 to 127.0.0.1:27017 closed', { type: 'Unknown', servers: new Map() } as never);

describe('reads tried again while the database client is briefly unreachable', () => {
  it('when the client cannot select a server once, then the chain runs again and answers', async () => {
    let calls = 0;
    const read = retryingReads([async (c) => {
      calls++;
      if (calls === 1) throw unreachable();
      (c as { body?: unknown }).body = 'ok';
    }], [1, 1]);
    const c = ctx();
    await read(c, async () => undefined);
    expect(calls).toBe(2);
    expect((c as { body?: unknown }).body).toBe('ok');
  });

  it('when it stays unreachable, then it gives up after the last wait with the driver error; any other error is not retried', async () => {
    let calls = 0;
    const always = retryingReads([async () => {
      calls++;
      throw unreachable();
    }], [1, 1]);
    await expect(always(ctx(), async () => undefined)).rejects.toBeInstanceOf(mongoose.mongo.MongoServerSelectionError);
    expect(calls).toBe(3);
    let other = 0;
    const failing = retryingReads([async () => {
      other++;
      throw new Error('a bug, not the database');
    }], [1, 1]);
    await expect(failing(ctx(), async () => undefined)).rejects.toThrow('a bug');
    expect(other).toBe(1);
  });
});
