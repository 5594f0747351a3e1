/**
 * `pnpm bench`. Figures are ratios against a baseline measured in the same run (machines are noisy).
 * GET /api/v1/me (token check + database read) beside a bare node:http server doing the same driver
 * query on the same database, in alternating rounds. Goal: throughput ratio ≥ 0.8 (issue 8).
 * Then the download sizes of the H5 pages and the weapp main package (h5-size.ts), and the soak
 * (soak/run.ts) in its short form, SOAK_SECONDS (default here 60).
 */
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import mongoose, { Types } from 'mongoose';
import { CURRENT_CONSENT_VERSION } from '@gongzhi/shared';
import { signAccessToken } from '../src/modules/identity/access-token';
import { loadConfig } from '../src/platform/config';
import { startStack, type Stack } from '../dev/stack';
import { benchComplaints } from './complaints';
import { benchDownloadSizes } from './h5-size';
import { spawnBenchServer } from './child-server';
import { recordResults } from './results';
import { benchEnterprises } from './enterprises';
import { benchActivities } from './activities';
import { benchMutualAid } from './mutual-aid';
import { benchPolls } from './polls';
import { benchSignupStorm } from './signup-storm';
import { runSoak } from '../soak/run';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 4);
/** BENCH_ONLY=me,complaints,storm,polls,aid,enterprise,activities,soak,size runs only those (default: all nine) */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'me,complaints,storm,polls,aid,enterprise,activities,soak,size').split(',').map((s) => s.trim()));
const CONNECTIONS = 16;
/** short alternating rounds, many of them: a burst of other work on the machine then spoils one round, not the figure */
const ME_ROUNDS = 9;
/** the people GET /api/v1/me is asked for, in turn */
const ME_USERS = 256;

/** autocannon on `url` for DURATION_S; `vary(i)` gives the i-th request's path and headers (so the requests spread over many users). */
async function load(url: string, vary: (i: number) => { path: string; headers: Record<string, string> }): Promise<{ rps: number; p99: number; errors: number }> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [{ setupRequest: (req) => { const v = vary(n++); return { ...req, path: v.path, headers: { ...req.headers, ...v.headers } }; } }],
  });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p99: result.latency.p99, errors: non2xx };
}

async function main(): Promise<void> {
  if (['me', 'complaints', 'storm', 'polls', 'aid', 'enterprise', 'activities'].some((name) => ONLY.has(name))) await benchOnStack();
  if (ONLY.has('size')) await benchDownloadSizes();
  if (ONLY.has('soak')) {
    // the soak brings up its own database, simulator and processes
    const { lost, duplicated } = await runSoak(Number(process.env.SOAK_SECONDS ?? 60));
    if (lost > 0 || duplicated > 0) throw new Error(`soak: ${lost} lost, ${duplicated} duplicated`);
  }
}

async function benchOnStack(): Promise<void> {
  const stack = await startStack({
    ephemeral: true,
    h5Dir: null,
    mongoUri: process.env.MONGODB_URI,
    databaseName: 'bench_me',
    env: { ...process.env, GONGZHI_LOG_LEVEL: 'silent' },
  });
  // the engine the figures were measured on: the local FerretDB 2 + DocumentDB, or a MongoDB named by MONGODB_URI
  recordResults({ db_engine: stack.databaseKind === 'external' ? 'mongodb' : stack.databaseKind });
  const children: ChildProcess[] = [];
  try {
    if (ONLY.has('me')) await benchMe(stack, children);
    if (ONLY.has('complaints')) await benchComplaints(stack);
    if (ONLY.has('storm')) await benchSignupStorm(stack);
    if (ONLY.has('polls')) await benchPolls(stack);
    if (ONLY.has('aid')) await benchMutualAid(stack);
    if (ONLY.has('enterprise')) await benchEnterprises(stack);
    if (ONLY.has('activities')) await benchActivities(stack);
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await stack.close();
  }
}

/** GET /api/v1/me for 256 people in turn, against a bare node:http server doing the same driver query for the same people. */
async function benchMe(stack: Stack, children: ChildProcess[]): Promise<void> {
  // Many people, as in life: the BFF reads the users of requests that arrive together in one query
  // (identity/guards.ts), which one person asking again and again would flatter.
  // (made straight in the database and signed with the BFF's own signer: the login route limits each address)
  const config = loadConfig({ ...process.env, MONGODB_URI: stack.mongoUri, GONGZHI_LOG_LEVEL: 'silent' });
  const conn = await mongoose.createConnection(stack.mongoUri).asPromise();
  const people = Array.from({ length: ME_USERS }, (_, i) => ({
    _id: new Types.ObjectId(), openid: `bench-me-${i}`, tokenVersion: 0, roles: [], createdAt: new Date(), consent: { version: CURRENT_CONSENT_VERSION, at: new Date() },
  }));
  await conn.db!.collection('users').insertMany(people);
  await conn.close();
  const logins = people.map((u) => ({ accessToken: signAccessToken(config, { userId: u._id.toString(), tokenVersion: 0 }), user: { id: u._id.toString() } }));
  const bff = await spawnBenchServer('serve-child.ts', ['bff', stack.mongoUri, stack.simulatorUrl]);
  const bare = await spawnBenchServer('serve-child.ts', ['bare', stack.mongoUri]);
  children.push(bff.child, bare.child);

  const meUrl = `${bff.url}/api/v1/me`;
  const bareUrl = bare.url;
  const asMe = (i: number) => ({ path: '/api/v1/me', headers: { authorization: `Bearer ${logins[i % logins.length]!.accessToken}` } });
  const asBare = (i: number) => ({ path: `/users/${logins[i % logins.length]!.user.id}`, headers: {} });
  await load(meUrl, asMe); // warm-up: JIT, connection pools
  await load(bareUrl, asBare);
  // Alternating rounds, the median of their ratios: one pair measured minutes apart swung 0.53–0.86,
  // and three 8 s rounds on a busy machine 0.58–0.92.
  const rounds: Array<{ me: Awaited<ReturnType<typeof load>>; baseline: Awaited<ReturnType<typeof load>>; ratio: number }> = [];
  for (let i = 0; i < ME_ROUNDS; i++) {
    const me = await load(meUrl, asMe);
    const baseline = await load(bareUrl, asBare);
    rounds.push({ me, baseline, ratio: me.rps / baseline.rps });
    console.log(`round ${i + 1}: GET /api/v1/me ${me.rps.toFixed(0)} req/s, bare ${baseline.rps.toFixed(0)} req/s, ratio ${(me.rps / baseline.rps).toFixed(2)}`);
  }
  const { me, baseline, ratio } = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)]!;
  console.log(`GET /api/v1/me      ${me.rps.toFixed(0)} req/s, p99 ${me.p99} ms, non-2xx/errors ${me.errors}`);
  console.log(`bare http + driver  ${baseline.rps.toFixed(0)} req/s, p99 ${baseline.p99} ms, non-2xx/errors ${baseline.errors}`);
  console.log(`throughput ratio    ${ratio.toFixed(2)} (median of ${ME_ROUNDS} rounds; goal ≥ 0.8)   database: ${stack.databaseKind}`);
  if (rounds.some((r) => r.me.errors > 0 || r.baseline.errors > 0)) throw new Error('requests failed during the benchmark: the figures are not valid');
  recordResults({
    me_throughput_ratio: Number(ratio.toFixed(3)),
    me_rps: Math.round(me.rps),
    me_p99_ms: me.p99,
    me_baseline_rps: Math.round(baseline.rps),
    me_baseline_p99_ms: baseline.p99,
  });
  for (const c of children.splice(0)) c.kill('SIGTERM'); // the /me servers must not share the CPU with what follows
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
