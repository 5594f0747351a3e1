/**
 * `pnpm soak` (and `pnpm bench`, BENCH_ONLY=soak, in a short form): the database, the WeChat
 * simulator, two BFF processes and a worker process; a mixed load from a bounded number of people
 * against both BFFs in turn for SOAK_SECONDS (default 300); during it a BFF is SIGKILLed (25 %), the
 * worker process is SIGKILLed mid-delivery (45 %) and the database server is stopped for ~5 s (65 %),
 * each restarted. Then the database is checked (soak/checks.ts). Exits non-zero when anything answered
 * 2xx was lost or anything was done twice.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { freePort, startDatabase, withDatabaseName } from '../dev/database';
import { seedDemoDistrict } from '../dev/seed';
import { DEFAULT_RISKY_WORDS, startWechatSimulator } from '../dev/wechat-simulator';
import { loadConfig } from '../src/platform/config';
import { recordResults } from '../bench/results';
import { SoakClient, sleep } from './client';
import { bounceDatabase, killBff, killWorkers } from './faults';
import { SoakProcess } from './processes';
import { pollReadiness, readinessVerdict } from './readiness';
import { answerCounts, errorsOutside, isError, outsideFaults, routeTable, type FaultWindow } from './report';
import { checkComplaints, checkNotifications, checkSeats } from './checks';
import { resident } from './residents';
import { staff } from './staff';
import { publishShifts, volunteer } from './volunteers';
import type { World } from './world';

const RESIDENTS = Number(process.env.SOAK_RESIDENTS ?? 6);
const VOLUNTEERS = Number(process.env.SOAK_VOLUNTEERS ?? 4);
/** how long to wait after the load for the outbox to drain: a lease of a killed worker lasts up to 2 × 60 s */
const DRAIN_S = Number(process.env.SOAK_DRAIN_S ?? 150);

export async function runSoak(seconds: number): Promise<{ lost: number; duplicated: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-soak-'));
  const dbOptions = { dataDir, port: await freePort() };
  let database = await startDatabase(dbOptions);
  if (database.kind === 'external') throw new Error('the soak stops and restarts its own database server: unset MONGODB_URI');
  const mongoUri = withDatabaseName(database.uri, 'soak');
  const config = loadConfig({ ...process.env, MONGODB_URI: mongoUri });
  await seedDemoDistrict(mongoUri, { appId: config.wechat.appId });
  const simulator = await startWechatSimulator({ appId: config.wechat.appId, appSecret: process.env.WECHAT_APP_SECRET ?? 'dev-app-secret', riskyWords: DEFAULT_RISKY_WORDS });
  const bffs = [new SoakProcess(['bff', mongoUri, simulator.url, String(await freePort())]), new SoakProcess(['bff', mongoUri, simulator.url, String(await freePort())])];
  const workers = new SoakProcess(['workers', mongoUri, simulator.url]);
  const client = await new mongoose.mongo.MongoClient(mongoUri, { serverSelectionTimeoutMS: 60_000 }).connect();
  const db = client.db();
  try {
    await Promise.all([...bffs, workers].map((p) => p.start()));
    const [community, category, unit] = await Promise.all([
      db.collection('communities').findOne({ code: 'lianhua' }),
      db.collection('categories').findOne({ code: 'zhandao-jingying' }),
      db.collection('units').findOne({ code: 'chengguan' }),
    ]);
    const world: World = {
      client: new SoakClient(bffs.map((b) => b.url)),
      simulatorUrl: simulator.url,
      until: 0,
      communityId: String(community!._id),
      categoryId: String(category!._id),
      unitId: String(unit!._id),
      shiftIds: [],
      board: new Map(),
      ledger: { created: [], transitions: [] },
    };
    world.shiftIds = await publishShifts(world);
    world.client.log.length = 0; // the figures are about the load, not the set-up

    const t0 = Date.now();
    world.until = t0 + seconds * 1000;
    const readiness = pollReadiness(() => bffs.map((b) => b.url));
    const actors = [
      ...Array.from({ length: RESIDENTS }, (_, i) => resident(world, `soak-resident-${i}`)),
      ...Array.from({ length: VOLUNTEERS }, (_, i) => volunteer(world, `soak-volunteer-${i}`)),
      staff(world, 'dispatcher'),
      staff(world, 'unit'),
    ];
    const at = (fraction: number) => sleep(Math.max(0, t0 + fraction * seconds * 1000 - Date.now()));
    const windows: FaultWindow[] = [];
    await at(0.25);
    windows.push(await killBff(bffs[0]!, 'BFF 0 SIGKILL + restart'));
    await at(0.45);
    const workerKill = await killWorkers(workers, db);
    windows.push(workerKill);
    await at(0.65);
    const bounced = await bounceDatabase(database, dbOptions, 5_000);
    database = bounced.database;
    windows.push(bounced.window);
    // on a slow machine the faults can run late: the load goes on a while after the database is back
    world.until = Math.max(world.until, Date.now() + 10_000);
    await Promise.all(actors);
    const loadSeconds = (Date.now() - t0) / 1000;
    await readiness.stop();

    const drained = await drainOutbox(db, DRAIN_S);
    const received = ((await (await fetch(`${simulator.url}/dev/messages`)).json()) as { messages: Parameters<typeof checkNotifications>[1] }).messages;
    const complaints = await checkComplaints(db, world.ledger);
    const notifications = await checkNotifications(db, received);
    const seats = await checkSeats(db, world.shiftIds);
    const findings = [...complaints, ...notifications.findings, ...seats.findings];

    const log = world.client.log;
    const outside = log.filter((r) => outsideFaults(r, windows));
    const errorRate = outside.length ? outside.filter(isError).length / outside.length : 0;
    const dbWindow = bounced.window;
    const firstOk = log.filter((r) => r.start >= dbWindow.end && r.status >= 200 && r.status < 300).sort((a, b) => a.end - b.end)[0];
    const recovery = firstOk ? (firstOk.end - dbWindow.end) / 1000 : -1;
    const ready = readinessVerdict(readiness.probes, dbWindow, bffs.length);
    const lost = findings.filter((f) => f.kind === 'lost').length;
    const duplicated = findings.filter((f) => f.kind === 'duplicated').length;

    console.log(`\nsoak: ${seconds} s of load (${loadSeconds.toFixed(0)} s with the last requests), ${RESIDENTS} residents, ${VOLUNTEERS} volunteers, dispatcher, unit staff; database ${database.kind}`);
    console.log(routeTable(log, windows));
    console.log('\nnon-2xx answers:');
    for (const line of answerCounts(log)) console.log(line);
    if (process.env.SOAK_DEBUG) writeFileSync(process.env.SOAK_DEBUG, JSON.stringify({ t0, windows, probes: readiness.probes, log }));
    console.log('\nfault windows (± 2 s grace):');
    for (const w of windows) console.log(`  ${((w.start - t0) / 1000).toFixed(1)}–${((w.end - t0) / 1000).toFixed(1)} s  ${w.name}`);
    console.log(`  the worker was killed with ${workerKill.moment}`);
    console.log(`\nerrors outside the fault windows: ${outside.filter(isError).length} of ${outside.length}`);
    for (const line of errorsOutside(log, windows, t0).slice(0, 20)) console.log(line);
    ready.forEach((r, i) => console.log(`/readyz bff${i}: while the database was down ${r.unready503} × 503, ${r.unansweredWhileDown} × no answer in 2 s; unready ${r.unreadyWhileDown ? 'yes' : 'NO'}, ready again ${r.readyAgainAfterS === null ? 'NEVER' : `${r.readyAgainAfterS.toFixed(2)} s after`}`));
    console.log(`complaints answered 2xx on creation: ${world.ledger.created.length}; transitions answered 2xx: ${world.ledger.transitions.length}`);
    console.log(`notifications due ${notifications.due} (each in the message centre), sent with a subscription ${notifications.sent}, received by the simulator ${received.length}, still pending ${notifications.pending} (outbox drained: ${drained})`);
    for (const line of seats.summary) console.log(`shift ${line}`);
    console.log(`database back → first 2xx: ${recovery.toFixed(2)} s`);
    console.log(`lost ${lost}, duplicated ${duplicated}`);
    for (const f of findings) console.log(`  ${f.kind.toUpperCase()} ${f.what}: ${f.detail}`);

    recordResults({
      soak_requests: log.length,
      soak_error_rate_outside_faults: Number(errorRate.toFixed(4)),
      soak_lost: lost,
      soak_duplicated: duplicated,
      soak_recovery_s: Number(recovery.toFixed(2)),
    });
    const readinessFailed = ready.some((r) => !r.unreadyWhileDown || !r.readyAfter);
    if (readinessFailed) console.log('/readyz did not follow the database');
    return { lost, duplicated };
  } finally {
    await client.close().catch(() => undefined);
    await Promise.all([...bffs, workers].map((p) => p.stop()));
    await simulator.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Waits until no outbox entry is pending (the restarted worker delivers what the killed one held). */
async function drainOutbox(db: mongoose.mongo.Db, seconds: number): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const pending = await Promise.all(['complaints', 'notices'].map((c) => db.collection(c).countDocuments({ 'outbox.status': 'pending' }, { limit: 1 })));
    if (pending.every((n) => n === 0)) return true;
    await sleep(1000);
  }
  return false;
}

if (require.main === module) {
  runSoak(Number(process.env.SOAK_SECONDS ?? 300)).then(
    ({ lost, duplicated }) => process.exit(lost > 0 || duplicated > 0 ? 1 : 0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
