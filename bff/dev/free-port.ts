import net from 'node:net';

/** A port free at this moment (the system's choice), for a server whose address must be known before it starts. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Where WeChat Pay sends its notifications to a BFF listening on `port` of this machine. */
export const localNotifyUrl = (port: number) => `http://127.0.0.1:${port}/api/v1/payments/wechatpay/notify`;

/** This BFF as WeChat reaches it locally: media_check_async downloads from here and pushes verdicts back. */
export const localBaseUrl = (port: number) => `http://127.0.0.1:${port}`;
