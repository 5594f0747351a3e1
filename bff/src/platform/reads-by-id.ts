import DataLoader from 'dataloader';
import type { Connection, mongo } from 'mongoose';
import { Types } from 'mongoose';

/**
 * Reads by `_id` that requests arriving together share: every load made in one turn of the event loop
 * goes out as one `{_id: {$in: [...]}}` query on the next (dataloader, with its cache off). Each load is
 * still a read issued after it was asked for, so a request sees every write answered before it arrived
 * (a revoked token, a closed poll). Under a burst, a thousand requests cost the database a handful of
 * queries instead of a thousand; on its own a request waits for nothing.
 *
 * One loader per connection and collection, so every caller of the same documents batches together.
 */
const loaders = new WeakMap<Connection, Map<string, DataLoader<string, unknown>>>();

export function readById<T>(conn: Connection, collection: string): (id: mongo.BSON.ObjectId | string) => Promise<T | null> {
  let byCollection = loaders.get(conn);
  if (!byCollection) loaders.set(conn, (byCollection = new Map()));
  let loader = byCollection.get(collection) as DataLoader<string, T | null> | undefined;
  if (!loader) {
    loader = new DataLoader<string, T | null>(
      async (ids) => {
        const found = await conn.db!.collection(collection).find({ _id: { $in: [...new Set(ids)].map((id) => new Types.ObjectId(id)) } }).toArray();
        const byId = new Map(found.map((d) => [(d._id as mongo.BSON.ObjectId).toHexString(), d as T]));
        return ids.map((id) => byId.get(id) ?? null);
      },
      { cache: false, batchScheduleFn: (run) => setImmediate(run), maxBatchSize: 200 },
    );
    byCollection.set(collection, loader as DataLoader<string, unknown>);
  }
  const load = loader;
  return (id) => load.load(typeof id === 'string' ? new Types.ObjectId(id).toHexString() : id.toHexString());
}
