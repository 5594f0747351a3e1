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
