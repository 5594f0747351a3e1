/**
 * A server in its own process, so that the load generator does not share its event loop.
 * argv: `bff <mongoUri> <wechatBaseUrl>` or `bare <mongoUri>`. Prints `LISTENING <url>` when ready.
 */
import http from 'node:http';
import mongoose from 'mongoose';
import { loadConfig } from '../src/platform/config';
import { startServer } from '../src/main';

async function main(): Promise<void> {
  const [kind, mongoUri, wechatUrl] = process.argv.slice(2) as [string, string, string];
  if (kind === 'bff') {
    const loaded = loadConfig({ ...process.env, MONGODB_URI: mongoUri, WECHAT_API_BASE_URL: wechatUrl, GONGZHI_LOG_LEVEL: 'silent' });
    // The benches measure answering requests. The background workers (outbox, deadline sweep) would
    // run at random moments of a measurement, and the sweep's queries read whole collections on
    // FerretDB: they are left out, and their cost is not part of these figures.
    const config = { ...loaded, workers: { ...loaded.workers, enabled: false } };
    const server = await startServer({ config, mongoUri, port: 0 });
    console.log(`LISTENING ${server.url}`);
    return;
  }
  // The baseline: the same driver query GET /api/v1/me needs (one user by _id), nothing else.
  const client = await new mongoose.mongo.MongoClient(mongoUri).connect();
  const users = client.db().collection('users');
  const server = http.createServer((req, res) => {
    const id = (req.url ?? '').split('/').pop() ?? '';
    users
      .findOne({ _id: new mongoose.mongo.ObjectId(id) })
      .then((user) => {
        res.writeHead(user ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: user?._id }));
      })
      .catch(() => res.writeHead(500).end());
  });
  server.listen(0, '127.0.0.1', () => console.log(`LISTENING http://127.0.0.1:${(server.address() as { port: number }).port}`));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
