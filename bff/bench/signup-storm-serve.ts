/**
 * The sign-up storm's servers, each in its own process. argv: `bff <mongoUri> <wechatBaseUrl>` (the
 * real BFF) or `plain <mongoUri>` (the baseline: one insertOne per POST into a plain collection, no
 * token check, no rules). Prints `LISTENING <url>` when ready.
 */
import http from 'node:http';
import mongoose from 'mongoose';
import { startServer } from '../src/main';
import { loadConfig } from '../src/platform/config';

async function main(): Promise<void> {
  const [kind, mongoUri, wechatUrl] = process.argv.slice(2) as [string, string, string];
  if (kind === 'bff') {
    const config = loadConfig({ ...process.env, MONGODB_URI: mongoUri, WECHAT_API_BASE_URL: wechatUrl, GONGZHI_LOG_LEVEL: 'silent' });
    console.log(`LISTENING ${(await startServer({ config, mongoUri, port: 0 })).url}`);
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

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
