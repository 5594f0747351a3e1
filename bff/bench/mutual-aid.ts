/**
 * `pnpm bench`, mutual aid (issue 13), against the BFF in a child process:
 * - a community's feed (first page, newest) read when the community has made 100,000 posts and when it
 *   has made 1,000, over two years as a real one would: most are long finished, the ones of the last
 *   weeks are open. The page is looked for in windows of time on the index {community, state, _id},
 *   so the time must not grow with the history;
 * - 100 neighbours respond to one ask at the same moment, then its author's 20 accepts of different
 *   neighbours arrive together: exactly one may win.
 *
 * Keys: mutual_aid_feed_p95_ratio (100k/1k, goal ≤ 1.5), mutual_aid_accept_exact (1 when exactly one
 * accept won, 100 responses counted and the post names that one helper, else 0).
 */
import { randomBytes } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { CURRENT_CONSENT_VERSION } from '@gongzhi/shared';
import { withDatabaseName } from '../dev/database';
import { seedDemoDistrict } from '../dev/seed';
import { DEV_APP_ID } from '../dev/wechat-simulator';
import type { Stack } from '../dev/stack';
import { signAccessToken } from '../src/modules/identity/access-token';
import { loadConfig } from '../src/platform/config';
import { burst, post, readP95 } from './burst';
import { spawnBenchServer } from './child-server';
import { recordResults } from './results';

const LARGE = Number(process.env.BENCH_AID_LARGE ?? 100_000);
const SMALL = 1_000;
const RESPONDERS = 100;
const ACCEPTS = 20;
const HOUR = 3600_000;

export async function benchMutualAid(stack: Stack): Promise<void> {
  const mongoUri = withDatabaseName(stack.mongoUri, `bench_aid_${Date.now()}`);
  await seedDemoDistrict(mongoUri, { appId: DEV_APP_ID });
  const bff = await spawnBenchServer('signup-storm-serve.ts', ['bff', mongoUri, stack.simulatorUrl]);
  const conn = await mongoose.createConnection(mongoUri).asPromise();
  try {
    const config = loadConfig({ ...process.env, MONGODB_URI: mongoUri, GONGZHI_LOG_LEVEL: 'silent' });
    const communities = await conn.db!.collection('communities').find({ code: { $in: ['lianhua', 'hehua'] } }).toArray();
    const big = communities.find((c) => c.code === 'lianhua')!;
    const small = communities.find((c) => c.code === 'hehua')!;
    const resident = (i: number, community: typeof big) => ({
      _id: new Types.ObjectId(), openid: `bench-aid-${i}`, tokenVersion: 0, roles: [], createdAt: new Date(),
      consent: { version: CURRENT_CONSENT_VERSION, at: new Date() },
      realName: {
        nameCipher: 'x', idNumberCipher: 'x', phoneCipher: 'x', idNumberIndex: `bench-aid-id-${i}`, phoneIndex: `bench-aid-phone-${i}`,
        birthDate: '1980-01-01', minor: false, communityId: community._id, communityName: community.name, verifiedAt: new Date(),
      },
    });
    const people = [resident(0, big), resident(1, small), ...Array.from({ length: RESPONDERS }, (_, i) => resident(i + 2, big))];
    await conn.db!.collection('users').insertMany(people);
    const tokenOf = (u: { _id: Types.ObjectId }) => signAccessToken(config, { userId: u._id.toString(), tokenVersion: 0 });
    const [author, smallReader, ...responders] = people;

    // the feeds: posts straight into the collection (what the BFF writes, minus the content check)
    const now = Date.now();
    // post i of n made at an even pace over two years, the newest now; open if it is still running
    const TWO_YEARS_S = 2 * 365 * 24 * 3600;
    const postOf = (community: typeof big, authorId: Types.ObjectId, i: number, n: number) => {
      const madeS = Math.floor(now / 1000) - Math.floor((i / n) * TWO_YEARS_S);
      const open = now - madeS * 1000 < 20 * 24 * HOUR;
      return {
      _id: new Types.ObjectId(madeS.toString(16).padStart(8, '0') + randomBytes(8).toString('hex')), kind: i % 3 === 0 ? 'offer' : 'ask', category: 'errand', communityId: community._id, authorId,
      text: `帮忙取快递 ${i}`, photoIds: [], startsAt: new Date(madeS * 1000 + HOUR), endsAt: new Date(madeS * 1000 + 20 * 24 * HOUR), placeCipher: 'x', area: '3栋附近',
      rough: { type: 'Point', coordinates: [114.058 + (i % 100) / 10_000, 22.543 + Math.floor((i / 100) % 100) / 10_000] },
      state: open ? 'open' : i % 5 === 0 ? 'expired' : 'confirmed', responses: 0, reports: 0, createdAt: new Date(madeS * 1000),
      };
    };
    for (let i = 0; i < LARGE; i += 5000) {
      await conn.db!.collection('aid_posts').insertMany(Array.from({ length: Math.min(5000, LARGE - i) }, (_, j) => postOf(big, responders[(i + j) % RESPONDERS]!._id, i + j, LARGE)));
    }
    await conn.db!.collection('aid_posts').insertMany(Array.from({ length: SMALL }, (_, j) => postOf(small, smallReader!._id, j, SMALL)));
    const feed = '/api/v1/aid/posts?limit=20';
    await readP95(`${bff.url}${feed}`, tokenOf(author!)); // warm-up
    const p95Small = await readP95(`${bff.url}${feed}`, tokenOf(smallReader!));
    const p95Large = await readP95(`${bff.url}${feed}`, tokenOf(author!));
    const feedRatio = p95Large / p95Small;
    console.log(`aid feed            p95 ${p95Large.toFixed(1)} ms at ${LARGE} posts, ${p95Small.toFixed(1)} ms at ${SMALL}: ratio ${feedRatio.toFixed(2)} (goal ≤ 1.5)`);

    // one ask, 100 responses at once, then 20 accepts at once
    const created = await post(`${bff.url}/api/v1/aid/posts`, {
      token: tokenOf(author!),
      body: {
        kind: 'ask', category: 'errand', text: '腿脚不便，请邻居帮忙买菜', startsAt: new Date(now + HOUR).toISOString(), endsAt: new Date(now + 5 * HOUR).toISOString(),
        place: { point: { lat: 22.5431, lng: 114.0579 }, address: '莲花小区3栋502', area: '莲花小区3栋附近' },
      },
    });
    if (created.status !== 201) throw new Error(`aid post: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    const responses = await burst(RESPONDERS, (i) => post(`${bff.url}/api/v1/aid/posts/${id}/responses`, { token: tokenOf(responders[i]!), body: {} }));
    const accepts = await burst(ACCEPTS, (i) => post(`${bff.url}/api/v1/aid/posts/${id}/accept`, { token: tokenOf(author!), body: { responderId: responders[i]!._id.toHexString() } }));
    const stored = await conn.db!.collection('aid_posts').findOne({ _id: new Types.ObjectId(id) });
    const winners = accepts.statuses[200] ?? 0;
    const exact = responses.statuses[201] === RESPONDERS && winners === 1 && accepts.statuses[409] === ACCEPTS - 1 && stored?.responses === RESPONDERS && !!stored?.helperId && stored.state === 'accepted';
    console.log(`aid responses       ${RESPONDERS} at once: ${JSON.stringify(responses.statuses)} in ${responses.seconds.toFixed(1)} s; accepts ${JSON.stringify(accepts.statuses)}; stored responses ${stored?.responses}`);
    recordResults({
      mutual_aid_feed_p95_ratio: Number(feedRatio.toFixed(3)),
      mutual_aid_feed_p95_ms_100k: Number(p95Large.toFixed(1)),
      mutual_aid_feed_p95_ms_1k: Number(p95Small.toFixed(1)),
      mutual_aid_accept_exact: exact ? 1 : 0,
    });
    if (!exact) throw new Error(`mutual aid: ${winners} accepts won, responses ${JSON.stringify(responses.statuses)}`);
  } finally {
    bff.child.kill('SIGTERM');
    await conn.db!.dropDatabase().catch(() => undefined);
    await conn.close();
  }
}
