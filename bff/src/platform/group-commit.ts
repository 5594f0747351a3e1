/**
 * Group commit by key: callers for one key (a ballot box, a shift) that arrive while that key's
 * previous batch is being written wait and are written together as the next batch, in the order they
 * came; a lone caller waits for nobody. `commit` answers each entry of its batch (resolve or reject);
 * should it throw, every entry it left unanswered is rejected with that error. One queue per process:
 * across processes the database's own rules (unique keys, conditional updates) still decide.
 */
export interface Waiting<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (err: unknown) => void;
}

export function groupCommit<I, O>(commit: (key: string, batch: Array<Waiting<I, O>>) => Promise<void>): (key: string, item: I) => Promise<O> {
  /** per key, the entries waiting for the batch in flight; a key is present while its batch is writing */
  const waiting = new Map<string, Array<Waiting<I, O>>>();

  async function drain(key: string): Promise<void> {
    for (;;) {
      const batch = waiting.get(key)!;
      if (batch.length === 0) {
        waiting.delete(key);
        return;
      }
      waiting.set(key, []);
      // rejecting an entry already answered does nothing
      await commit(key, batch).catch((err: unknown) => batch.forEach((w) => w.reject(err)));
    }
  }

  return (key, item) =>
    new Promise<O>((resolve, reject) => {
      const queue = waiting.get(key);
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      waiting.set(key, [{ item, resolve, reject }]);
      void drain(key);
    });
}
