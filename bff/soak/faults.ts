import type { mongo } from 'mongoose';
import { startDatabase, type Database } from '../dev/database';
import { sleep } from './client';
import type { SoakProcess } from './processes';
import type { FaultWindow } from './report';

/** SIGKILL one BFF and start it again on its port. */
export async function killBff(bff: SoakProcess, name: string): Promise<FaultWindow> {
  const start = Date.now();
  await bff.kill();
  await bff.start();
  return { name, start, end: Date.now() };
}

/**
 * SIGKILL the worker process while it delivers: waits (up to 10 s) for an outbox lease that is not yet
 * done, i.e. an entry claimed and being sent, else kills it while entries are pending. Then starts it again.
 */
export async function killWorkers(workers: SoakProcess, db: mongo.Db): Promise<FaultWindow & { moment: string }> {
  let moment = 'no outbox entry pending';
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const leases = await db.collection('worker_leases').find({ key: /^outbox:/ }, { projection: { _id: 1 } }).toArray();
    if (leases.some((l) => !String(l._id).endsWith('#done'))) {
      moment = 'an outbox entry claimed, not yet recorded done';
      break;
    }
    if (moment !== 'outbox entries pending' && (await db.collection('complaints').countDocuments({ 'outbox.status': 'pending' }, { limit: 1 })) > 0) {
      moment = 'outbox entries pending';
    }
    await sleep(20);
  }
  const start = Date.now();
  await workers.kill();
  await workers.start();
  return { name: 'worker process SIGKILL + restart', start, end: Date.now(), moment };
}

/** Stops the database server, waits, and starts it again on the same folder and port (same URI). */
export async function bounceDatabase(database: Database, options: { dataDir: string; port: number }, downMs: number): Promise<{ window: FaultWindow; database: Database }> {
  const start = Date.now();
  await database.stop();
  await sleep(downMs);
  const restarted = await startDatabase(options);
  return { window: { name: 'database stopped + restarted', start, end: Date.now() }, database: restarted };
}
