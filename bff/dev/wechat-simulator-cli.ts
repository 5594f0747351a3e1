import { DEFAULT_RISKY_WORDS, DEV_APP_ID, DEV_APP_SECRET, startWechatSimulator } from './wechat-simulator';

// Standalone WeChat simulator for a developer: `tsx dev/wechat-simulator-cli.ts`.
async function main(): Promise<void> {
  const port = Number(process.env.WECHAT_SIM_PORT ?? 9301);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`WECHAT_SIM_PORT is not a port: ${process.env.WECHAT_SIM_PORT}`);
  const riskyWords = process.env.WECHAT_SIM_RISKY_WORDS?.split(',') ?? DEFAULT_RISKY_WORDS;
  const appId = process.env.WECHAT_APP_ID ?? DEV_APP_ID;
  const simulator = await startWechatSimulator({
    appId,
    appSecret: process.env.WECHAT_APP_SECRET ?? DEV_APP_SECRET,
    port,
    riskyWords,
  });
  console.log(`WeChat simulator: ${simulator.url} (appid ${appId})`);
  console.log(`  subscribe messages received: ${simulator.url}/dev/messages`);
  console.log('  login codes dev:<name>[:<nonce>], phone codes phone:<11 digits>[:<nonce>[:<issuedAtMs>]]');

  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
