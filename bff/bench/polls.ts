/**
 * `pnpm bench`, polls (issue 12): 2,000 residents answer one poll at the same moment, and 500 of them
 * send their ballot a second time in the same burst, against the BFF in a child process. Exactly 2,000
 * must count, and the tally must equal a recount of the stored ballots. Throughput is reported beside
 * plain inserts in a child process in the same run (as the sign-up storm does). Then a poll's results
 * are read at 100,000 ballots and at 1,000: they come from the running tally, so the time must not
 * grow with the ballots.
 *
 * Keys: poll_ballots_exact (1 when exactly 2,000 counted and the tally equals the recount),
 * poll_vote_throughput_ratio (goal ≥ 0.5), poll_results_p95_ratio (100k/1k, goal ≤ 1.5).
 */
import mongoose, { Types } from 'mongoose';
import { withDatabaseName } from '../dev/database';
import { seedDemoDistrict } from '../dev/seed';
import { DEV_APP_ID } from '../dev/wechat-simulator';
import type { Stack } from '../dev/stack';
import { BALLOT_BUCKETS, bucketId, newBallotId } from '../src/platform/ballot-box';
import { burst, post, readP95 } from './burst';
import { benchLogin, spawnBenchServer } from './child-server';
import { recordResults } from './results';
import { benchResidents } from './residents';

const RESIDENTS = Number(process.env.BENCH_POLL_RESIDENTS ?? 2_000);
const REPEATS = Number(process.env.BENCH_POLL_REPEATS ?? 500);
const LARGE = 100_000;
const SMALL = 1_000;

const QUESTIONS = [
  { id: 'plan', kind: 'single', title: '您支持哪个方案？', options: [{ id: 'a', label: '方案一' }, { id: 'b', label: '方案二' }, { id: 'c', label: '方案三' }] },
  { id: 'score', kind: 'rating', title: '满意度' },
];
const ballotOf = (i: number) => ({ answers: [{ questionId: 'plan', choices: [['a', 'b', 'c'][i % 3]] }, { questionId: 'score', rating: 1 + (i % 5) }] });

export async function benchPolls(stack: Stack): Promise<void> {
  const mongoUri = withDatabaseName(stack.mongoUri, `bench_polls_${Date.now()}`);
  await seedDemoDistrict(mongoUri, { appId: DEV_APP_ID });
  const bff = await spawnBenchServer('signup-storm-serve.ts', ['bff', mongoUri, stack.simulatorUrl]);
  const plain = await spawnBenchServer('signup-storm-serve.ts', ['plain', mongoUri]);
  const conn = await mongoose.createConnection(mongoUri).asPromise();
  try {
    const staff = (await benchLogin(bff.url, 'community-lianhua')).accessToken;
    const community = await conn.db!.collection<{ _id: Types.ObjectId; name: string }>('communities').findOne({ code: 'lianhua' });
    const at = Date.now();
    const draft = (title: string) => ({
      title, questions: QUESTIONS, audience: { scope: 'communities', communityIds: [community!._id.toString()] },
      opensAt: new Date(at - 60_000).toISOString(), closesAt: new Date(at + 24 * 3600_000).toISOString(), results: 'live', ballot: 'secret',
    });
    const pollOf = async (title: string): Promise<string> => {
      const created = await post(`${bff.url}/api/v1/polls`, { token: staff, body: draft(title) });
      if (created.status !== 201) throw new Error(`poll: ${created.status} ${JSON.stringify(created.body)}`);
      const published = await post(`${bff.url}/api/v1/polls/${created.body.id}/publish`, { token: staff });
      if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
      return created.body.id as string;
    };

    const tokens = await benchResidents(conn, mongoUri, community!, RESIDENTS, 'bench-poll');

    const pollId = await pollOf('加装电梯方案征集');
    await burst(50, () => post(`${plain.url}/warm-up`));
    // everyone once, and the first REPEATS a second time, all in one burst
    const votes = await burst(RESIDENTS + REPEATS, (i) => post(`${bff.url}/api/v1/polls/${pollId}/ballots`, { token: tokens[i % RESIDENTS], body: ballotOf(i % RESIDENTS) }));
    const baseline = await burst(RESIDENTS + REPEATS, (i) => post(`${plain.url}/insert/${i}`));

    const id = new Types.ObjectId(pollId);
    const tally = await conn.db!.collection('poll_tallies').findOne({ _id: id });
    const ballots = (await conn.db!.collection('poll_ballot_buckets').find({ boxId: id }).toArray()).flatMap((b) => b.ballots as Array<{ answers: Array<{ questionId: string; choices?: string[]; rating?: number }> }>);
    const recount = (option: string) => ballots.filter((b) => b.answers.find((a) => a.questionId === 'plan')!.choices![0] === option).length;
    const tallyEqualsRecount = ['a', 'b', 'c'].every((o) => recount(o) === (tally?.q?.plan?.o?.[o] ?? 0));
    const exact = votes.statuses[201] === RESIDENTS && votes.statuses[409] === REPEATS && tally?.ballots === RESIDENTS && ballots.length === RESIDENTS && tallyEqualsRecount;
    const ratio = votes.rps / baseline.rps;
    console.log(`poll ballots        ${RESIDENTS} residents + ${REPEATS} repeats in ${votes.seconds.toFixed(1)} s: ${votes.rps.toFixed(0)} req/s, p99 ${votes.p99} ms ${JSON.stringify(votes.statuses)}`);
    console.log(`                    counted ${tally?.ballots}, stored ${ballots.length}, tally = recount: ${tallyEqualsRecount}`);
    console.log(`plain inserts       ${baseline.rps.toFixed(0)} req/s, p99 ${baseline.p99} ms`);
    console.log(`throughput ratio    ${ratio.toFixed(3)} (goal ≥ 0.5)`);

    // results at 1,000 and at 100,000 ballots: the second poll's ballots and tally written straight in
    const small = await pollOf('小样本');
    const large = await pollOf('大样本');
    for (const [poll, n] of [[small, SMALL], [large, LARGE]] as const) {
      const pid = new Types.ObjectId(poll);
      const stored = Array.from({ length: n }, (_, i) => ({ id: newBallotId(), answers: ballotOf(i).answers, day: '2026-12-04' }));
      for (let b = 0; b < BALLOT_BUCKETS; b++) {
        const part = stored.filter((_, i) => i % BALLOT_BUCKETS === b).sort((x, y) => (x.id < y.id ? -1 : 1));
        await conn.db!.collection<{ _id: string }>('poll_ballot_buckets').updateOne({ _id: bucketId(pid, b) }, { $set: { ballots: part } });
      }
      const count = (o: string) => stored.filter((s) => s.answers[0]!.choices![0] === o).length;
      await conn.db!.collection('poll_tallies').updateOne({ _id: pid }, { $set: { ballots: n, 'q.plan.n': n, 'q.plan.o': { a: count('a'), b: count('b'), c: count('c') }, 'q.score.n': n } });
    }
    await readP95(`${bff.url}/api/v1/polls/${small}/results`, staff); // warm-up
    const p95Small = await readP95(`${bff.url}/api/v1/polls/${small}/results`, staff);
    const p95Large = await readP95(`${bff.url}/api/v1/polls/${large}/results`, staff);
    const p95Ratio = p95Large / p95Small;
    console.log(`poll results        p95 ${p95Large.toFixed(1)} ms at ${LARGE} ballots, ${p95Small.toFixed(1)} ms at ${SMALL}: ratio ${p95Ratio.toFixed(2)} (goal ≤ 1.5)`);

    recordResults({
      poll_ballots_exact: exact ? 1 : 0,
      poll_vote_throughput_ratio: Number(ratio.toFixed(3)),
      poll_vote_rps: Math.round(votes.rps),
      poll_vote_p99_ms: votes.p99,
      poll_vote_baseline_rps: Math.round(baseline.rps),
      poll_results_p95_ratio: Number(p95Ratio.toFixed(3)),
      poll_results_p95_ms_100k: Number(p95Large.toFixed(1)),
      poll_results_p95_ms_1k: Number(p95Small.toFixed(1)),
    });
    if (!exact) throw new Error(`polls: ${tally?.ballots} counted, ${ballots.length} stored, statuses ${JSON.stringify(votes.statuses)}`);
  } finally {
    bff.child.kill('SIGTERM');
    plain.child.kill('SIGTERM');
    await conn.db!.dropDatabase().catch(() => undefined);
    await conn.close();
  }
}
