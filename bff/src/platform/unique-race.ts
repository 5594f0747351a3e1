import type { mongo } from 'mongoose';
/**
 * The one place that knows how the database engines differ when writers race on a unique index.
 *
 * MongoDB answers a unique-index violation with 11000 (E11000; 11001 from old servers). FerretDB 2 on
 * PostgreSQL + DocumentDB does too, except that the loser of two writers racing for one key sometimes
 * gets PostgreSQL's "deadlock detected" instead (code 16908292, or code 1 InternalError with that text
 * from a findOneAndUpdate upsert; measured: 9 of 100 in rounds of ten): its statement was rolled back and the
 * winner's document stands, which is what a duplicate-key loser sees as well. And where MongoDB retries
 * an upsert that lost the race for its own key, DocumentDB answers 11000: running it again finds the
 * winner's document and updates it. And a `findOneAndUpdate` that would give a document another's
 * unique key fails with code 1 (InternalError) and PostgreSQL's "conflicting key value violates
 * exclusion constraint" (a unique index is an exclusion constraint there), not with 11000.
 */
const DUPLICATE_KEY_CODES = new Set([11000, 11001]);
/** PostgreSQL's deadlock_detected (40P01) as DocumentDB numbers it. */
export const DEADLOCK_DETECTED_CODE = 16908292;
const UNIQUE_CONSTRAINT_TEXT = /conflicting key value violates exclusion constraint|duplicate key value violates unique constraint|deadlock detected/;

/** A write refused because another writer holds the key (or won the race for it). */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code !== 'number') return false;
  if (DUPLICATE_KEY_CODES.has(e.code) || e.code === DEADLOCK_DETECTED_CODE) return true;
  return e.code === 1 && typeof e.message === 'string' && UNIQUE_CONSTRAINT_TEXT.test(e.message);
}

/**
 * Runs an upsert (or any write that creates its document when missing), again when it lost a race for
 * its unique key: the next run finds the winner's document. Waits a random few milliseconds first, so
 * writers that deadlocked together do not meet again. At most `attempts` runs: ten writers racing
 * for one new key on a loaded 2-core machine once needed more than five (the engine answers a
 * deadlock after 100 ms, and the same writers met again); eight leave room, about 2.5 s at worst.
 */
export async function retryUpsert<T>(upsert: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await upsert();
    } catch (err) {
      if (attempt >= attempts || !isDuplicateKey(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
    }
  }
}

/**
 * Inserts documents in one unordered insert. Returns, by place, the ones refused: 'duplicate' when the
 * key is held already (a real 11000, before or earlier in this insert), else the error. A place the
 * engine refused for another reason (PostgreSQL's "deadlock detected" between two inserts of different
 * keys) is inserted again on its own, up to five times while it deadlocks: only 11000 means another
 * writer holds its key. An error that is not per document (the server unreachable) is thrown.
 */
export async function insertEach<T extends object>(collection: mongo.Collection<T>, docs: T[]): Promise<Map<number, 'duplicate' | unknown>> {
  const refused = new Map<number, 'duplicate' | unknown>();
  const isDuplicate = (code: unknown) => DUPLICATE_KEY_CODES.has(code as number);
  try {
    await collection.insertMany(docs as mongo.OptionalUnlessRequiredId<T>[], { ordered: false });
    return refused;
  } catch (err) {
    const writeErrors = (err as { writeErrors?: Array<{ index: number; code?: number }> | { index: number; code?: number } }).writeErrors;
    if (!writeErrors) throw err;
    for (const w of Array.isArray(writeErrors) ? writeErrors : [writeErrors]) {
      if (isDuplicate(w.code)) {
        refused.set(w.index, 'duplicate');
        continue;
      }
      try {
        await insertOnce(collection, docs[w.index]!);
      } catch (again) {
        refused.set(w.index, isDuplicate((again as { code?: unknown }).code) ? 'duplicate' : again);
      }
    }
    return refused;
  }
}

/** One document, again while PostgreSQL answers "deadlock detected" (that insert did not happen). */
export async function insertOnce<T extends object>(collection: mongo.Collection<T>, doc: T): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await collection.insertOne(doc as mongo.OptionalUnlessRequiredId<T>);
      return;
    } catch (err) {
      if ((err as { code?: unknown }).code !== DEADLOCK_DETECTED_CODE || attempt >= 5) throw err;
    }
  }
}
