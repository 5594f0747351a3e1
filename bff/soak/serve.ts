/**
 * One process of the soak (soak/processes.ts), so that it can be killed on its own.
 * argv: `bff <mongoUri> <wechatUrl> <port>` — a BFF without workers, on a fixed port so a restart
 * comes back at the same URL; `workers <mongoUri> <wechatUrl>` — the background workers (outbox,
 * deadline sweep, volunteer reminders, attendance sweep) of src/main.ts, every second, on a BFF
 * listening on a free port that no load is sent to. Prints `LISTENING <url>` when ready.
 */
import { loadConfig } from '../src/platform/config';
import { startServer } from '../src/main';

async function main(): Promise<void> {
  const [kind, mongoUri, wechatUrl, port] = process.argv.slice(2) as [string, string, string, string | undefined];
  const loaded = loadConfig({ ...process.env, MONGODB_URI: mongoUri, WECHAT_API_BASE_URL: wechatUrl });
  const workers = kind === 'workers' ? { enabled: true, intervalMs: 1000 } : { ...loaded.workers, enabled: false };
  // behind a gateway, as in production: one trusted hop names each person's address (soak/world.ts login)
  const http = { ...loaded.http, trustProxy: true, maxIpsCount: 1 };
  const server = await startServer({ config: { ...loaded, workers, http }, mongoUri, port: kind === 'bff' ? Number(port) : 0 });
  console.log(`LISTENING ${server.url}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
