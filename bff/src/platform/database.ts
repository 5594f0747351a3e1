import mongoose, { type Connection, type Model, type Schema } from 'mongoose';

/**
 * One connection per app instance, so a process can hold the app and a seeder side by side.
 * A call the server never answers fails after SOCKET_TIMEOUT_MS instead of holding its request (and
 * a pool connection) for ever: seen once with FerretDB under a storm of sign-ups. The slowest
 * legitimate call, a background full read of 100,000 complaints on FerretDB, takes ~15 s.
 */
const SOCKET_TIMEOUT_MS = 60_000;
export async function connectDatabase(uri: string): Promise<Connection> {
  return mongoose
    .createConnection(uri, {
      serverSelectionTimeoutMS: 5000,
      socketTimeoutMS: SOCKET_TIMEOUT_MS,
      autoIndex: true,
      // The soak (bff/soak) saw processes that never found the server again after the database restarted,
      // their streaming monitor stuck on a closed connection: poll every 2 s instead of streaming.
      serverMonitoringMode: 'poll',
      heartbeatFrequencyMS: 2000,
    })
    .asPromise();
}

/**
 * How long our client may keep failing while a fresh client reaches the database before we reconnect.
 * While it fails every operation fails too, so there is little to wait for: only a moment, so that a
 * ping slow under load is not taken for a stuck client.
 */
export const STUCK_CLIENT_MS = 1_500;

/**
 * The soak (bff/soak) saw a process, now and then, whose driver never found the server again after the
 * database restarted: every operation failed server selection with the old connection's error, for
 * minutes, while a new client connected at once (the streaming and polling monitors alike; the driver
 * is 7.8). A watchdog for that case: every half second a ping; while it fails, a fresh client is
 * tried, and once the database has answered fresh clients for STUCK_CLIENT_MS while ours still fails, ours is
 * closed and connected again (the same MongoClient, so mongoose and every handle on it carry on). The
 * time counts from when the database is back, not from when it went away: a long outage does not make
 * us reconnect a client the driver is about to recover. While the database is really down nothing is
 * done. Returns the function that stops it.
 */
export function watchDatabaseClient(conn: Connection, uri: string, opts: { onReconnect?: (stuckForMs: number) => void; everyMs?: number; stuckAfterMs?: number } = {}): () => void {
  /** since when fresh clients reach the database while ours fails */
  let reachableSince: number | null = null;
  let busy = false;
  const tick = async () => {
    if (busy || conn.readyState === 3 /* closing… closed by us */) return;
    busy = true;
    try {
      try {
        await conn.db!.admin().ping({ timeoutMS: 1000 });
        reachableSince = null;
        return;
      } catch {
        // ours fails: is the database there for a fresh client?
      }
      const probe = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
      try {
        await probe.connect();
        await probe.db().admin().ping();
      } catch {
        reachableSince = null;
        return; // the database itself is down: the driver reconnects when it is back
      } finally {
        await probe.close().catch(() => undefined);
      }
      reachableSince ??= Date.now();
      const stuckFor = Date.now() - reachableSince;
      if (stuckFor < (opts.stuckAfterMs ?? STUCK_CLIENT_MS)) return;
      const client = conn.getClient();
      await client.close().catch(() => undefined);
      await client.connect();
      reachableSince = null;
      opts.onReconnect?.(stuckFor);
    } catch {
      // tried again on the next tick
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.everyMs ?? 500);
  timer.unref();
  return () => clearInterval(timer);
}

/** A model bound to a connection, compiled once per connection. */
export function modelFor<T>(name: string, schema: Schema<T>) {
  return (conn: Connection): Model<T> => (conn.models[name] as Model<T> | undefined) ?? conn.model<T>(name, schema);
}

/** Waits until every model's indexes exist: uniqueness rules must hold from the first request. */
export async function ensureIndexes(conn: Connection): Promise<void> {
  await Promise.all(conn.modelNames().map((name) => conn.model(name).init()));
}

/** A write refused by a unique index (or the loser of a race for one): see unique-race.ts. */
export { isDuplicateKey as isDuplicateKeyError } from './unique-race';
