/**
 * `pnpm bench`, enterprise services (issue 15), against the BFF in a child process:
 * - one verified enterprise's 为我匹配 read against 2,000 current items (p95 over 8-way reads), beside
 *   the same rules run over the same items as plain arrays in memory in this process;
 * - one new item published for 20,000 verified enterprises: the time until every notice is queued
 *   (the publish request announces before it answers), beside matching the 20,000 in memory.
 *
 * Keys: enterprise_match_p95_ms, enterprise_match_ratio (HTTP p95 / in-memory p95),
 * enterprise_fanout_20k_ms (and enterprise_fanout_baseline_ms).
 */
import mongoose, { Types } from 'mongoose';
import { CURRENT_CONSENT_VERSION, matchCriteria, type EligibilityCriteria } from '@gongzhi/shared';
import { withDatabaseName } from '../dev/database';
import { seedDemoDistrict } from '../dev/seed';
import { DEV_APP_ID } from '../dev/wechat-simulator';
import type { Stack } from '../dev/stack';
import { signAccessToken } from '../src/modules/identity/access-token';
import { loadConfig } from '../src/platform/config';
import { benchLogin, spawnBenchServer } from './child-server';
import { post, readP95 } from './burst';
import { recordResults } from './results';

const ITEMS = 2_000;
const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 20_000);
const INDUSTRIES = ['C', 'F52', 'I65', 'M', 'E'];

const criteriaOf = (i: number): EligibilityCriteria => ({
  ...(i % 2 ? { industries: [INDUSTRIES[i % 5]!, INDUSTRIES[(i + 1) % 5]!] } : {}),
  ...(i % 3 ? { maxEmployees: 50 + (i % 300) } : {}),
  ...(i % 4 === 0 ? { minYears: i % 5 } : {}),
  ...(i % 7 === 0 ? { judgement: ['近三年无重大安全事故'] } : {}),
});

export async function benchEnterprises(stack: Stack): Promise<void> {
  const mongoUri = withDatabaseName(stack.mongoUri, `bench_ent_${Date.now()}`);
  await seedDemoDistrict(mongoUri, { appId: DEV_APP_ID });
  const bff = await spawnBenchServer('signup-storm-serve.ts', ['bff', mongoUri, stack.simulatorUrl]);
  const conn = await mongoose.createConnection(mongoUri).asPromise();
  try {
    const config = loadConfig({ ...process.env, MONGODB_URI: mongoUri, GONGZHI_LOG_LEVEL: 'silent' });
    const community = (await conn.db!.collection('communities').findOne({ code: 'lianhua' }))!;
    const owner = {
      _id: new Types.ObjectId(), openid: 'bench-ent-owner', tokenVersion: 0, roles: [], createdAt: new Date(), consent: { version: CURRENT_CONSENT_VERSION, at: new Date() },
      realName: { nameCipher: 'x', idNumberCipher: 'x', phoneCipher: 'x', idNumberIndex: 'bench-ent-id', phoneIndex: 'bench-ent-phone', birthDate: '1980-01-01', minor: false, communityId: community._id, communityName: community.name, verifiedAt: new Date() },
    };
    await conn.db!.collection('users').insertOne(owner);
    const token = signAccessToken(config, { userId: owner._id.toString(), tokenVersion: 0 });
    const enterpriseOf = (i: number) => ({
      _id: new Types.ObjectId(), name: `企业${i}`, creditCode: `BENCH${String(i).padStart(13, '0')}`, legalRepresentative: 'x', contactPhoneCipher: 'x',
      industry: INDUSTRIES[i % 5], employees: 5 + (i % 400), revenueWan: 100 + (i % 5000), assetsWan: 100, sizeClass: 'small', foundedOn: `20${10 + (i % 15)}-03-01`,
      communityId: community._id, communityName: community.name, tags: [], state: 'verified', createdBy: owner._id, createdAt: new Date(),
    });
    const mine = enterpriseOf(1);
    await conn.db!.collection('enterprises').insertOne(mine);
    await conn.db!.collection('enterprise_members').insertOne({ _id: `${mine._id.toHexString()}:${owner._id.toHexString()}`, enterpriseId: mine._id, userId: owner._id, role: 'admin', at: new Date() } as never);
    const items = Array.from({ length: ITEMS }, (_, i) => ({
      _id: new Types.ObjectId(), kind: ['policy', 'financing', 'talent'][i % 3], title: `政策${i}`, issuer: '区政府', summary: '摘要', body: '', validFrom: '2026-01-01', validUntil: '2030-12-31',
      benefit: `${i}万元`, benefitWan: i, howToApply: '网上申报', criteria: criteriaOf(i), version: 1, publishedBy: owner._id, publishedAt: new Date(),
    }));
    await conn.db!.collection('enterprise_items').insertMany(items);

    const url = `${bff.url}/api/v1/enterprises/${mine._id.toHexString()}/matches`;
    await readP95(url, token, 40); // warm-up
    const httpP95 = await readP95(url, token, 120);
    const profile = { industry: mine.industry!, sizeClass: 'small' as const, foundedOn: mine.foundedOn, employees: mine.employees, revenueWan: mine.revenueWan, communityId: community._id.toHexString(), tags: [] };
    const memoryTimes: number[] = [];
    for (let r = 0; r < 120; r++) {
      const t0 = performance.now();
      items.map((it) => matchCriteria(it.criteria, profile, new Date())).sort((a, b) => a.fit.localeCompare(b.fit));
      memoryTimes.push(performance.now() - t0);
    }
    memoryTimes.sort((a, b) => a - b);
    const memoryP95 = memoryTimes[Math.ceil(0.95 * memoryTimes.length) - 1]!;
    console.log(`enterprise matches  p95 ${httpP95.toFixed(1)} ms over HTTP for ${ITEMS} items; the rules in memory ${memoryP95.toFixed(2)} ms: ratio ${(httpP95 / memoryP95).toFixed(1)}`);

    // the fan-out: 20,000 verified enterprises, one new item that fits most of them
    for (let i = 0; i < ENTERPRISES; i += 5000) {
      await conn.db!.collection('enterprises').insertMany(Array.from({ length: Math.min(5000, ENTERPRISES - i) }, (_, j) => enterpriseOf(10 + i + j)));
    }
    const officer = (await benchLogin(bff.url, 'enterprise-service')).accessToken;
    const criteria = { maxEmployees: 300 };
    const t0 = performance.now();
    const published = await post(`${bff.url}/api/v1/enterprise-items`, {
      token: officer,
      body: { kind: 'policy', title: '稳岗补贴', issuer: '区人社局', summary: '稳岗补贴', validFrom: '2026-01-01', validUntil: '2030-12-31', benefit: '每人1000元', howToApply: '网上申报', criteria },
    });
    const fanoutMs = performance.now() - t0;
    if (published.status !== 201) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
    const queued = await conn.db!.collection('notices').countDocuments({ subjectId: new Types.ObjectId(published.body.id as string) });
    const everyone = await conn.db!.collection('enterprises').find({ state: 'verified' }).toArray();
    const b0 = performance.now();
    const fits = everyone.filter((e) => matchCriteria(criteria, { industry: e.industry, sizeClass: e.sizeClass, foundedOn: e.foundedOn, employees: e.employees, revenueWan: e.revenueWan, communityId: String(e.communityId), tags: e.tags }, new Date()).fit !== 'ineligible').length;
    const baselineMs = performance.now() - b0;
    console.log(`enterprise fan-out  ${queued} notices queued for ${ENTERPRISES + 1} verified enterprises in ${fanoutMs.toFixed(0)} ms (in memory: ${fits} fit, ${baselineMs.toFixed(0)} ms)`);
    if (queued !== fits) throw new Error(`fan-out: ${queued} notices for ${fits} fitting enterprises`);
    recordResults({
      enterprise_match_p95_ms: Number(httpP95.toFixed(1)),
      enterprise_match_ratio: Number((httpP95 / memoryP95).toFixed(1)),
      enterprise_fanout_20k_ms: Math.round(fanoutMs),
      enterprise_fanout_baseline_ms: Math.round(baselineMs),
    });
  } finally {
    bff.child.kill('SIGTERM');
    await conn.db!.dropDatabase().catch(() => undefined);
    await conn.close();
  }
}
