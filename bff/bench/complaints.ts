/**
 * `pnpm bench`, complaints: the resident's list, a unit's task list and the dispatcher's intake queue
 * with 1,000 and with 100,000 complaints seeded (a database each), against the BFF in a child
 * process, with real tokens. Goal: p95 at 100k ÷ p95 at 1k ≤ 2 (the lists are index-served, so
 * their cost should not grow with the collection). Also the monthly assessment at 100k, timed.
 *
 * Both databases are seeded and served (a BFF child each) before anything is measured; then each list
 * is measured in ROUNDS rounds, each round loading the 1k server and then the 100k one (or the other
 * way round, alternately), one at a time. The figure is the median of the rounds' ratios: on a
 * shared, noisy machine, a ratio of two measurements taken seconds apart drifts far less than one
 * of measurements taken minutes apart.
 *
 * Each list is first sampled with sequential requests; the 16-connection autocannon rounds follow
 * only when a single request is fast enough for them to mean something (a list that scans the whole
 * collection would just queue 16 scans behind each other). Ratios use the autocannon p95 when both
 * sizes have one, else the sequential p95 of both sizes: like is always compared with like.
 *
 * The BFF under test gives every mongoose query a server-side maxTimeMS (complaints-serve.ts): a
 * list slower than QUERY_BUDGET_MS is stopped by the database and recorded as "over budget" with
 * the budget as a lower bound, so the run stays within minutes whatever the queries cost. The
 * assessment aggregates through the native driver (no maxTimeMS): it is timed last, with a client
 * deadline, and the database is dropped (or stopped with the stack) behind it.
 */
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { withDatabaseName } from '../dev/database';
import { seedDemoDistrict } from '../dev/seed';
import type { Stack } from '../dev/stack';
import { benchResidentLogin, seedBenchResidents, seedComplaints } from './complaints-seed';
import { benchLogin, spawnBenchServer } from './child-server';
import { recordResults } from './results';

const DURATION_S = Number(process.env.BENCH_COMPLAINTS_DURATION_S ?? 3);
const ROUNDS = Number(process.env.BENCH_COMPLAINTS_ROUNDS ?? 3);
const CONNECTIONS = 16;
/** above this single-request latency, 16 connections for 5 s would measure queueing, not the query */
const AUTOCANNON_CEILING_MS = 300;
const QUERY_BUDGET_MS = Number(process.env.BENCH_COMPLAINTS_QUERY_BUDGET_MS ?? 15_000);
const SIZES = [
  { label: '1k', count: 1_000, samples: 7 },
  { label: '100k', count: 100_000, samples: 3 },
] as const;

const LISTS = [
  { key: 'resident_list', login: benchResidentLogin(0), path: '/api/v1/complaints/mine' },
  { key: 'unit_tasks', login: 'unit-chengguan', path: '/api/v1/staff/tasks?filter=in_progress' },
  { key: 'dispatch_queue', login: 'dispatcher', path: '/api/v1/staff/complaints?filter=intake' },
  // one complaint's detail, the resident's newest (read by _id, scope judged on it)
  { key: 'complaint_detail', login: benchResidentLogin(0), path: '/api/v1/complaints/{newest}' },
] as const;

/** The path with {newest} replaced by the id of the first complaint in the caller's list. */
async function resolvePath(url: string, token: string, path: string): Promise<string> {
  if (!path.includes('{newest}')) return path;
  const res = await fetch(`${url}/api/v1/complaints/mine`, { headers: { authorization: `Bearer ${token}` } });
  const newest = ((await res.json()) as { items: Array<{ id: string }> }).items[0];
  if (!newest) throw new Error('the bench resident has no complaint to open');
  return path.replace('{newest}', newest.id);
}
type ListKey = (typeof LISTS)[number]['key'];

interface Measured {
  /** the first request ran out of QUERY_BUDGET_MS: the figures are lower bounds */
  overBudget?: boolean;
  seqP95: number;
  seqMean: number;
  items: number;
  p95?: number;
  rps?: number;
  errors?: number;
}

async function timed(url: string, token: string): Promise<{ ms: number; items: number; overBudget: boolean }> {
  const started = performance.now();
  // the client deadline matters for the assessment, whose native-driver aggregation has no maxTimeMS
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(QUERY_BUDGET_MS + 3_000) }).catch(
    (err: Error) => {
      if (err.name === 'TimeoutError') return null;
      throw err;
    },
  );
  if (!res) return { ms: performance.now() - started, items: 0, overBudget: true };
  const body = (await res.json()) as { items?: unknown[] };
  const ms = performance.now() - started;
  if (res.status >= 500 && ms >= QUERY_BUDGET_MS * 0.9) return { ms, items: 0, overBudget: true };
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return { ms, items: body.items?.length ?? 0, overBudget: false };
}

const p95Of = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)]!;

/** Sequential samples after a warm-up; a list over budget is not sampled again. */
async function probe(url: string, token: string, samples: number): Promise<Measured> {
  const first = await timed(url, token);
  if (first.overBudget) return { overBudget: true, seqP95: QUERY_BUDGET_MS, seqMean: QUERY_BUDGET_MS, items: 0 };
  const runs: number[] = [];
  let items = 0;
  for (let i = 0; i < samples; i++) {
    const r = await timed(url, token);
    runs.push(r.ms);
    items = r.items;
  }
  return { seqP95: round(p95Of(runs)), seqMean: round(runs.reduce((a, b) => a + b, 0) / runs.length), items };
}

/** One autocannon round: 16 connections for DURATION_S. */
async function load(url: string, token: string): Promise<{ p95: number; rps: number; errors: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers: { authorization: `Bearer ${token}` }, timeout: 30 });
  // autocannon's histogram has p97_5 and p90; p95 is interpolated between them only if absent
  const latency = result.latency as unknown as Record<string, number>;
  return {
    p95: latency.p95 ?? round((latency.p90! + latency.p97_5!) / 2),
    rps: Math.round(result.requests.average),
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const round = (x: number) => Math.round(x * 10) / 10;

/** The assessment of the busiest month, through the real route; timed three times, the median kept. */
async function timeAssessment(bffUrl: string, token: string, period: string): Promise<{ ms: number; overBudget: boolean }> {
  const url = `${bffUrl}/api/v1/staff/assessment?period=${period}`;
  const first = await timed(url, token);
  if (first.overBudget) return { ms: QUERY_BUDGET_MS, overBudget: true };
  const runs: number[] = [first.ms];
  for (let i = 0; i < 2; i++) runs.push((await timed(url, token)).ms);
  return { ms: round(runs.sort((a, b) => a - b)[1]!), overBudget: false };
}

async function dropDatabase(uri: string): Promise<void> {
  const client = await new mongoose.mongo.MongoClient(uri).connect();
  try {
    await client.db().dropDatabase();
  } finally {
    await client.close();
  }
}

export async function benchComplaints(stack: Pick<Stack, 'mongoUri' | 'simulatorUrl' | 'appId' | 'databaseKind'>): Promise<void> {
  const servers: Array<{ label: '1k' | '100k'; uri: string; url: string; child: ChildProcess; busiestPeriod: string }> = [];
  try {
    for (const size of SIZES) {
      const uri = withDatabaseName(stack.mongoUri, `bench_complaints_${size.label}`);
      await dropDatabase(uri);
      await seedDemoDistrict(uri, { appId: stack.appId });
      await seedBenchResidents(uri, stack.appId);
      const seeded = await seedComplaints(uri, size.count);
      console.log(`complaints: seeded ${size.count} in ${(seeded.ms / 1000).toFixed(1)} s`);
      const bff = await spawnBenchServer('complaints-serve.ts', ['bff', uri, stack.simulatorUrl], { BENCH_QUERY_BUDGET_MS: String(QUERY_BUDGET_MS) });
      servers.push({ label: size.label, uri, url: bff.url, child: bff.child, busiestPeriod: seeded.busiestPeriod });
    }
    const results = { '1k': {}, '100k': {} } as Record<'1k' | '100k', Record<ListKey, Measured>>;
    const ratios = {} as Record<ListKey, number>;
    for (const list of LISTS) {
      const targets = await Promise.all(
        servers.map(async (s) => {
          const token = (await benchLogin(s.url, list.login)).accessToken;
          return { ...s, token, path: await resolvePath(s.url, token, list.path), samples: SIZES.find((z) => z.label === s.label)!.samples };
        }),
      );
      for (const t of targets) results[t.label][list.key] = await probe(t.url + t.path, t.token, t.samples);
      const [small, large] = [results['1k'][list.key], results['100k'][list.key]];
      if (small.overBudget || large.overBudget || small.seqP95 > AUTOCANNON_CEILING_MS || large.seqP95 > AUTOCANNON_CEILING_MS) continue;
      const rounds: Array<Record<'1k' | '100k', { p95: number; rps: number; errors: number }>> = [];
      for (const t of targets) await autocannon({ url: t.url + t.path, connections: CONNECTIONS, duration: 1, headers: { authorization: `Bearer ${t.token}` } });
      for (let r = 0; r < ROUNDS; r++) {
        const order = r % 2 === 0 ? targets : [...targets].reverse();
        const got = {} as Record<'1k' | '100k', { p95: number; rps: number; errors: number }>;
        for (const t of order) got[t.label] = await load(t.url + t.path, t.token);
        rounds.push(got);
      }
      for (const label of ['1k', '100k'] as const) {
        const m = results[label][list.key];
        m.p95 = median(rounds.map((x) => x[label].p95));
        m.rps = median(rounds.map((x) => x[label].rps));
        m.errors = rounds.reduce((n, x) => n + x[label].errors, 0);
      }
      ratios[list.key] = median(rounds.map((x) => x['100k'].p95 / x['1k'].p95));
    }
    const large = servers.find((s) => s.label === '100k')!;
    const assessment = await timeAssessment(large.url, (await benchLogin(large.url, 'dispatcher')).accessToken, large.busiestPeriod);
    report(results, ratios, assessment, stack.databaseKind);
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
    // an aggregation stopped by the client deadline may still hold the database: do not wait on it
    for (const s of servers) await Promise.race([dropDatabase(s.uri), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  }
}

function report(
  r: Record<'1k' | '100k', Record<ListKey, Measured>>,
  roundRatios: Partial<Record<ListKey, number>>,
  assessment: { ms: number; overBudget: boolean },
  databaseKind: string,
): void {
  const figures: Record<string, number> = {
    complaints_assessment_100k_ms: assessment.ms,
    complaints_assessment_100k_over_budget: assessment.overBudget ? 1 : 0,
  };
  const rows: string[] = [];
  const missed: string[] = [];
  for (const { key, path: route } of LISTS) {
    const small = r['1k'][key];
    const large = r['100k'][key];
    const byAutocannon = roundRatios[key] !== undefined;
    // over budget: the 100k figure is a lower bound, and so is the ratio
    const ratio = byAutocannon ? roundRatios[key]! : large.seqP95 / small.seqP95;
    const bound = large.overBudget ? '≥ ' : '';
    figures[`complaints_${key}_p95_ratio`] = Number(ratio.toFixed(2));
    figures[`complaints_${key}_100k_over_budget`] = large.overBudget ? 1 : 0;
    if (ratio > 2) missed.push(key);
    for (const [label, m] of [['1k', small], ['100k', large]] as const) {
      const rps = m.rps ?? Number((1000 / m.seqMean).toFixed(2));
      figures[`complaints_${key}_${label}_seq_p95_ms`] = m.seqP95;
      if (m.p95 !== undefined) figures[`complaints_${key}_${label}_p95_ms`] = m.p95;
      figures[`complaints_${key}_${label}_rps`] = rps;
      rows.push(
        [
          route.padEnd(40), label.padEnd(5), (m.overBudget ? '—' : `${m.items}`).padStart(5),
          `${m.overBudget ? '> ' : ''}${m.seqP95}`.padStart(10), (m.p95 === undefined ? '—' : `${m.p95}`).padStart(8),
          (m.p95 === undefined ? `${m.overBudget ? '< ' : ''}${rps}*` : `${rps}`).padStart(9), `${m.errors ?? 0}`.padStart(5),
          label === '100k' ? `${bound}${ratio.toFixed(1)}${byAutocannon ? '' : ' (seq)'}${ratio > 2 ? '  goal ≤ 2 missed' : ''}` : '',
        ].join(' '),
      );
    }
  }
  console.log(
    `\ncomplaints (database: ${databaseKind}; autocannon ${CONNECTIONS} connections × ${DURATION_S} s, ${ROUNDS} rounds alternating 1k and 100k, medians, ` +
      `when one request takes ≤ ${AUTOCANNON_CEILING_MS} ms; query budget ${QUERY_BUDGET_MS} ms)`,
  );
  console.log(['route'.padEnd(40), 'size '.padEnd(5), 'items', 'seq p95 ms'.padStart(10), 'p95 ms'.padStart(8), 'req/s'.padStart(9), 'errs', 'p95 100k/1k'].join(' '));
  for (const row of rows) console.log(row);
  console.log('* sequential, one connection: 1000 ÷ mean latency');
  console.log(`monthly assessment, 100k complaints: ${assessment.overBudget ? `> ${assessment.ms} ms (stopped at the query budget)` : `${assessment.ms} ms (GET /api/v1/staff/assessment, median of 3)`}`);
  if (missed.length) console.log(`goal missed (p95 ratio > 2): ${missed.join(', ')} — see "explain" of these queries on ${databaseKind}`);
  recordResults(figures);
  const failed = LISTS.filter(({ key }) => (r['1k'][key].errors ?? 0) + (r['100k'][key].errors ?? 0) > 0);
  if (failed.length) throw new Error(`requests failed during the complaints benchmark (${failed.map((l) => l.key).join(', ')}): the figures are not valid`);
}

if (require.main === module) {
  // Standalone: `MONGODB_URI=... SIMULATOR_URL=... tsx bench/complaints.ts` against a running stack.
  benchComplaints({
    mongoUri: process.env.MONGODB_URI!,
    simulatorUrl: process.env.SIMULATOR_URL!,
    appId: process.env.WECHAT_APP_ID ?? 'wxdev0000gongzhi',
    databaseKind: 'external',
  }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
