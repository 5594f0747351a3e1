import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import mongoose, { type Connection } from 'mongoose';
import { parseJsonBody } from '../../platform/body';
import type { AppContext } from '../../platform/context';
import { startTestServer, type TestServer } from '../../../test/http';
import { PaymentGatewayError } from './payment-errors';
import { createPaymentGateway, paymentGatewayConfig, type PaymentGateway, type PaymentGatewayConfig } from './payment-gateway';
import type { PaymentNotification } from './payment-notifications';
import { answerWechatPayNotification } from './wechatpay-notify';

/**
 * The BFF's test server with its WeChat Pay simulator, a database connection, and a notify_url: a
 * small Koa app with the platform's body parser and the notification answer, which records what
 * each delivery verified to (a notification or a typed error) and what was handled.
 */
export interface PaymentsKit {
  server: TestServer;
  conn: Connection;
  gateway: PaymentGateway;
  /** another gateway on the same simulator and database with some settings changed */
  gatewayWith(patch: Partial<PaymentGatewayConfig>): PaymentGateway;
  outcomes: Array<PaymentNotification | PaymentGatewayError>;
  handled: PaymentNotification[];
  /** the next this many verified notifications fail in the handler (the business side), as after a database error */
  failHandling: { next: number };
  close(): Promise<void>;
}

export async function startPaymentsKit(label: string): Promise<PaymentsKit> {
  const server = await startTestServer(label);
  const conn = await mongoose.createConnection(server.mongoUri).asPromise();
  const outcomes: PaymentsKit['outcomes'] = [];
  const handled: PaymentNotification[] = [];
  const failHandling = { next: 0 };

  // The port first (the gateway's notify_url names it), the middleware before app.callback() composes it.
  const listener = http.createServer();
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const notifyUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/api/v1/payments/wechatpay/notify`;

  const base = { ...paymentGatewayConfig(server.config), notifyUrl };
  const gatewayWith = (patch: Partial<PaymentGatewayConfig>) => createPaymentGateway({ ...base, ...patch }, { conn });
  const gateway = gatewayWith({});
  const app = new Koa();
  const recording: Pick<PaymentGateway, 'verifyNotification'> = {
    verifyNotification: (headers, rawBody) =>
      gateway.verifyNotification(headers, rawBody).then(
        (n) => (outcomes.push(n), n),
        (error: unknown) => {
          if (error instanceof PaymentGatewayError) outcomes.push(error);
          throw error;
        },
      ),
  };
  app.use(parseJsonBody({ jsonLimit: server.config.http.jsonLimit }) as unknown as Koa.Middleware);
  app.use(answerWechatPayNotification(recording, async (n) => {
        if (failHandling.next > 0) {
          failHandling.next -= 1;
          throw new Error('the business side failed');
        }
        handled.push(n);
      }) as unknown as Koa.Middleware<AppContext['state']>);
  listener.on('request', app.callback());

  return {
    server,
    conn,
    gateway,
    gatewayWith,
    outcomes,
    handled,
    failHandling,
    async close() {
      await server.paySimulator.whenIdle();
      listener.closeAllConnections();
      await new Promise((resolve) => listener.close(resolve));
      await conn.close();
      await server.close();
    },
  };
}

let orderSeq = 0;
/** A fresh out_trade_no (6–32 characters of [A-Za-z0-9_-|*]). */
export function newOutTradeNo(prefix = 'T'): string {
  orderSeq += 1;
  return `${prefix}${Date.now().toString(36)}${orderSeq}${Math.random().toString(36).slice(2, 8)}`.slice(0, 32);
}
