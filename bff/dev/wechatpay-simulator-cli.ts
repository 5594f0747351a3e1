import { loadConfig } from '../src/platform/config';
import { startWechatPaySimulatorFor } from './wechatpay-simulator';

// Standalone WeChat Pay simulator for a developer: `tsx dev/wechatpay-simulator-cli.ts`. It accepts the
// merchant of the development config; a BFF started on its own with that config (certificate mode)
// finds the platform certificate at /v3/certificates, so nothing needs copying between the two.
async function main(): Promise<void> {
  const port = Number(process.env.WECHATPAY_SIM_PORT ?? 9302);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`WECHATPAY_SIM_PORT is not a port: ${process.env.WECHATPAY_SIM_PORT}`);
  const config = loadConfig({ ...process.env, MONGODB_URI: process.env.MONGODB_URI || 'mongodb://unused' });
  if (config.env === 'production') throw new Error('the WeChat Pay simulator is for development and tests only');
  const simulator = await startWechatPaySimulatorFor(config, { port });
  console.log(`WeChat Pay simulator: ${simulator.url} (mchid ${config.wechatPay.mchid}, appid ${config.wechatPay.appid})`);
  console.log(`  platform certificate serial ${simulator.platform.certificateSerial}; public key id ${simulator.platform.publicKeyId} (PEM at ${simulator.url}/dev/platform)`);
  console.log(`  notifications sent: ${simulator.url}/dev/notifications; H5 pay page: ${simulator.url}/dev/pay?prepay_id=…&return=…`);

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
