/** Bursts of HTTP requests sent all at once (the sign-up storm, the poll ballots) and what they measured. */
const REQUEST_TIMEOUT_MS = 120_000;

export async function post(url: string, opts: { token?: string; body?: unknown } = {}): Promise<{ status: number; body: any; ms: number }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
      body: JSON.stringify(opts.body ?? {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, ms: performance.now() - t0 };
  } catch (err) {
    // A request without an answer in time is a failed request (status 0), not a bench that never ends.
    if ((err as Error).name !== 'TimeoutError') throw err;
    return { status: 0, body: undefined, ms: performance.now() - t0 };
  }
}

/** All requests at once; throughput over the whole burst, p99 of the single requests. */
export async function burst(n: number, one: (i: number) => Promise<{ status: number; ms: number }>) {
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: n }, (_, i) => one(i)));
  const seconds = (performance.now() - t0) / 1000;
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const statuses: Record<number, number> = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return { rps: n / seconds, p99: Math.round(sorted[Math.ceil(0.99 * n) - 1]!), seconds, failed: results.filter((r) => r.status !== 200).length, statuses };
}

async function get(url: string, token: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return performance.now() - t0;
}

/** p95 of `reads` GETs, 8 at a time (a list or results read under a little concurrency). */
export async function readP95(url: string, token: string, reads = 300): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < reads; i += 8) times.push(...(await Promise.all(Array.from({ length: 8 }, () => get(url, token)))));
  times.sort((a, b) => a - b);
  return times[Math.ceil(0.95 * times.length) - 1]!;
}
