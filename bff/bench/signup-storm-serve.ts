/**
 * The sign-up storm's servers, each in its own process. argv: `bff <mongoUri> <wechatBaseUrl>` (the
 * real BFF) or `plain <mongoUri>` (the baseline: one insertOne per POST into a plain collection, no
 * token check, no rules). Prints `LISTENING <url>` when ready.
 *
 * The BFF child watches itself: when requests are in flight and none has completed for 10 s, it prints
 * (stderr) what they could be waiting on: the driver's pool (connections, wait queue, clears), the
 * requests in flight. A storm that hangs then says where.
 */
import diagnostics from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import inspector from 'node:inspector';
import path from 'node:path';
import mongoose from 'mongoose';
import { startServer } from '../src/main';
import { loadConfig } from '../src/platform/config';

const STALL_MS = 10_000;

async function main(): Promise<void> {
  const [kind, mongoUri, wechatUrl] = process.argv.slice(2) as [string, string, string];
  if (kind === 'bff') {
    const watch = watchRequests();
    const config = loadConfig({ ...process.env, MONGODB_URI: mongoUri, WECHAT_API_BASE_URL: wechatUrl, GONGZHI_LOG_LEVEL: 'silent' });
    const { url } = await startServer({ config, mongoUri, port: 0 });
    watch.pool(mongoose.connections[mongoose.connections.length - 1]!.getClient());
    const stopProfile = process.env.BENCH_STORM_CPU_PROF ? await startProfile(process.env.BENCH_STORM_CPU_PROF) : undefined;
    process.once('SIGTERM', () => void (stopProfile?.() ?? Promise.resolve()).finally(() => process.exit(0)));
    console.log(`LISTENING ${url}`);
    return;
  }
  const client = await new mongoose.mongo.MongoClient(mongoUri).connect();
  const plain = client.db().collection('bench_plain_inserts');
  const server = http.createServer((req, res) => {
    plain
      .insertOne({ path: req.url, at: new Date() })
      .then((r) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: r.insertedId }));
      })
      .catch(() => res.writeHead(500).end());
  });
  server.listen(0, '127.0.0.1', () => console.log(`LISTENING http://127.0.0.1:${(server.address() as { port: number }).port}`));
}

/** A CPU profile of this process (inspector), written to `dir` by the returned function. */
async function startProfile(dir: string): Promise<() => Promise<void>> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(path.join(dir, `storm-bff-${process.pid}.cpuprofile`), JSON.stringify(profile));
  };
}

/** Counts requests in flight (Node's own diagnostics channels) and prints the state when they stall. */
function watchRequests() {
  let inFlight = 0;
  let completed = 0;
  let lastProgress = Date.now();
  diagnostics.subscribe('http.server.request.start', () => {
    if (inFlight === 0) lastProgress = Date.now();
    inFlight++;
  });
  diagnostics.subscribe('http.server.response.finish', () => {
    inFlight--;
    completed++;
    lastProgress = Date.now();
  });
  const events: Record<string, number> = {};
  let client: mongoose.mongo.MongoClient | undefined;
  const poolState = () => {
    // The driver keeps its pools internal; these are the fields its own CMAP code reads.
    const servers = (client as unknown as { topology?: { s: { servers: Map<string, { pool: Record<string, number> }> } } })?.topology?.s.servers;
    return [...(servers?.values() ?? [])].map(({ pool }) => ({
      total: pool.totalConnectionCount, available: pool.availableConnectionCount, pending: pool.pendingConnectionCount,
      checkedOut: pool.currentCheckedOutCount, waitQueue: pool.waitQueueSize,
    }));
  };
  setInterval(() => {
    if (inFlight === 0 || Date.now() - lastProgress < STALL_MS) return;
    console.error(`[storm watchdog] no response for ${Math.round((Date.now() - lastProgress) / 1000)} s: ${JSON.stringify({ inFlight, completed, pool: poolState(), poolEvents: events })}`);
    lastProgress = Date.now(); // again in 10 s if still stuck
  }, 1_000).unref();
  return {
    pool(c: mongoose.mongo.MongoClient) {
      client = c;
      for (const e of ['connectionCreated', 'connectionClosed', 'connectionPoolCleared', 'connectionCheckOutFailed'] as const) {
        c.on(e, (ev: { reason?: string }) => {
          const name = ev.reason ? `${e}:${ev.reason}` : e;
          events[name] = (events[name] ?? 0) + 1;
        });
      }
    },
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
