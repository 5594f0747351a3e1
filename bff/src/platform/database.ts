import mongoose, { type Connection, type Model, type Schema } from 'mongoose';

/**
 * One connection per app instance, so a process can hold the app and a seeder side by side.
 * A call the server never answers fails after SOCKET_TIMEOUT_MS instead of holding its request (and
 * a pool connection) for ever: seen once with FerretDB under a storm of sign-ups. The slowest
 * legitimate call, a background full read of 100,000 complaints on FerretDB, takes ~15 s.
 */
const SOCKET_TIMEOUT_MS = 60_000;
export async function connectDatabase(uri: string): Promise<Connection> {
  return mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000, socketTimeoutMS: SOCKET_TIMEOUT_MS, autoIndex: true }).asPromise();
}

/** A model bound to a connection, compiled once per connection. */
export function modelFor<T>(name: string, schema: Schema<T>) {
  return (conn: Connection): Model<T> => (conn.models[name] as Model<T> | undefined) ?? conn.model<T>(name, schema);
}

/** Waits until every model's indexes exist: uniqueness rules must hold from the first request. */
export async function ensureIndexes(conn: Connection): Promise<void> {
  await Promise.all(conn.modelNames().map((name) => conn.model(name).init()));
}

/**
 * A write refused by a unique index. MongoDB answers 11000 (E11000). FerretDB 1.24 does so for
 * inserts, but for updates and findAndModify it answers code 1 with SQLite's "UNIQUE constraint
 * failed" text; both mean the same thing here.
 */
/**
 * FerretDB on SQLite answers `database is locked (5) (SQLITE_BUSY)` when writers pile up (seen under a
 * storm of 1,000 sign-ups on two cores). A busy statement has not taken effect, so it is safe to run
 * it again after a short wait.
 */
export function isDatabaseBusyError(err: unknown): boolean {
  const e = err as { message?: unknown } | null;
  return typeof e?.message === 'string' && (e.message.includes('SQLITE_BUSY') || e.message.includes('database is locked'));
}

/** Runs a database call, again after 20, 40, 80 … ms while the database is busy (at most `attempts` times). */
export async function retryWhileBusy<T>(call: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= attempts || !isDatabaseBusyError(err)) throw err;
      await new Promise((r) => setTimeout(r, 20 * 2 ** (attempt - 1)));
    }
  }
}

export function isDuplicateKeyError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e) return false;
  // FerretDB 2 (DocumentDB) may answer a unique-index race's loser with 16908292 ("deadlock detected")
  if (e.code === 11000 || e.code === 11001 || e.code === 16908292) return true;
  return e.code === 1 && typeof e.message === 'string' && e.message.includes('UNIQUE constraint failed');
}
