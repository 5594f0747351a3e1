import mongoose, { type Connection, type Model, type Schema } from 'mongoose';

/** One connection per app instance, so a process can hold the app and a seeder side by side. */
export async function connectDatabase(uri: string): Promise<Connection> {
  return mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000, autoIndex: true }).asPromise();
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
export function isDuplicateKeyError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (e.code === 11000 || e.code === 11001) return true;
  return e.code === 1 && typeof e.message === 'string' && e.message.includes('UNIQUE constraint failed');
}
