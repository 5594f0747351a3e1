import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app';
import { loadConfig, type Config } from './platform/config';
import { connectDatabase, ensureIndexes, watchDatabaseClient } from './platform/database';
import { createFieldCipher, parseKeyRing } from './platform/field-crypto';
import { createLogger } from './platform/logger';
import { createMiniProgramApi } from './wechat/miniprogram';
import { assessmentCounting, countUncountedComplaints } from './modules/assessment/assessment-tallies';
import { runDeadlineSweepOnce } from './modules/complaints/deadline-sweep';
import { runOutboxOnce } from './modules/notifications/outbox-delivery';
import { createLocalDiskStorage } from './modules/uploads/local-disk-storage';
import { runUploadCleanupOnce } from './modules/uploads/upload-cleanup';
import { runAttendanceSweepOnce } from './modules/volunteers/attendance/attendance-sweep';
import { runVolunteerRemindersOnce } from './modules/volunteers/shifts/reminders';
import { runProposalSweepOnce } from './modules/proposals/proposal-sweep';
import { startWorkers } from './platform/worker';
import { createBudgetingService } from './modules/budgeting/budgeting.service';
import { runPollRemindersOnce } from './modules/polls/poll-reminders';
import { runBudgetRemindersOnce } from './modules/budgeting/budget-reminders';
import { createAidSafety } from './modules/mutual-aid/aid-safety';
import { createActivityService, runActivityRemindersOnce } from './modules/activities/activities.service';
import { createPaymentGateway, paymentGatewayConfig } from './modules/payments/payment-gateway';
import { createAidService } from './modules/mutual-aid/aid.service';
import { createPollService } from './modules/polls/polls.service';

const SHUTDOWN_GRACE_MS = 10_000;

/** Config → database → app → listen. close() finishes in-flight requests, then disconnects. */
export async function startServer(opts: { config: Config; mongoUri: string; port?: number; logger?: Logger }) {
  const { config } = opts;
  const logger = opts.logger ?? createLogger({ level: config.log.level });
  const conn = await connectDatabase(opts.mongoUri);
  const stopWatching = watchDatabaseClient(conn, opts.mongoUri, { onReconnect: (stuckForMs) => logger.error({ stuckForMs }, 'database client stuck while the database answered: reconnected') });
  const cipher = createFieldCipher({
    keys: parseKeyRing(config.secrets.fieldKeys),
    currentKeyId: config.secrets.fieldKeyId,
    blindIndexKey: Buffer.from(config.secrets.blindIndexKey, 'base64'),
  });
  const wechat = createMiniProgramApi({
    baseUrl: config.wechat.apiBaseUrl,
    appId: config.wechat.appId,
    appSecret: config.secrets.wechatAppSecret,
  });
  const app = createApp({ config, conn, logger, wechat, cipher });
  await ensureIndexes(conn);
  await countUncountedComplaints(conn);
  // one gateway for the jobs (its platform certificates are fetched once and kept)
  const activityPayments = createActivityService({ conn, config, cipher, logger }, createPaymentGateway(paymentGatewayConfig(config), { conn })).payments;
  const workers = config.workers.enabled
    ? startWorkers({
        intervalMs: config.workers.intervalMs,
        logger,
        jobs: [
          { name: 'outbox', run: () => runOutboxOnce({ conn, wechat, templates: config.wechat.subscribeTemplates, logger }) },
          { name: 'deadline-sweep', run: () => runDeadlineSweepOnce({ conn, counting: assessmentCounting, logger }) },
          { name: 'volunteer-reminders', run: () => runVolunteerRemindersOnce({ conn, logger }) },
          { name: 'poll-reminders', run: () => runPollRemindersOnce({ conn, logger }) },
          { name: 'budget-reminders', run: () => runBudgetRemindersOnce({ conn, logger }) },
          { name: 'ballot-settling', run: () => Promise.all([createPollService({ conn, wechat }).settleDue(), createBudgetingService({ conn }).settleDue()]) },
          { name: 'proposal-sweep', run: () => runProposalSweepOnce({ conn, logger }) },
          { name: 'activity-reminders', run: () => runActivityRemindersOnce({ conn }) },
          // paid activities: holds that ran out (queried, closed, seat to the line), payments never notified, refunds to ask for again
          { name: 'activity-payments', run: () => activityPayments.runOnce() },
          { name: 'mutual-aid-sweep', run: () => createAidSafety(createAidService({ conn, wechat, cipher })).sweep() },
          { name: 'attendance-sweep', run: () => runAttendanceSweepOnce({ conn, logger }) },
          { name: 'upload-cleanup', run: () => runUploadCleanupOnce({ conn, storage: createLocalDiskStorage(config.uploads.dir), logger }) },
        ],
      })
    : undefined;

  const server = http.createServer(app.callback());
  server.listen(opts.port ?? config.http.port, '0.0.0.0');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url }, 'bff listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      // Keep-alive sockets become idle as their last response ends; drop them then, not after the keep-alive timeout.
      const sweep = setInterval(() => server.closeIdleConnections(), 50).unref();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearInterval(sweep);
      clearTimeout(force);
      await workers?.stop();
      stopWatching();
      await conn.close();
      logger.info('bff stopped');
    })());
  return { url, close };
}

async function runFromCommandLine(): Promise<void> {
  const config = loadConfig();
  const { close } = await startServer({ config, mongoUri: config.mongo.uri });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

if (require.main === module) {
  runFromCommandLine().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
