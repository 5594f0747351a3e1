/**
 * Reads shared by the requests that want them at the same moment ("single flight"): while a read of a
 * key is in flight, a request for the same key waits for that read instead of sending its own. Nothing
 * is kept once the read answers, so no answer is older than a read that was still running when the
 * request arrived; a burst of a thousand voters on one poll reads the poll a few times, not a thousand.
 */
export function sharedReads<T>(read: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const inFlight = new Map<string, Promise<T>>();
  return (key) => {
    const running = inFlight.get(key);
    if (running) return running;
    const started = read(key).finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };
}
