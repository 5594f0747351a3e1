import { Types, type Connection } from 'mongoose';
import { startTestServer, type TestServer } from '../../../test/http';
import { advanceClock, resetClock } from '../../platform/clock';
import { connectDatabase } from '../../platform/database';
import { createCalendarService } from '../calendar/calendar.service';
import { residentAged, setUpVolunteerWorld, type VolunteerWorld } from '../volunteers/volunteer-test-kit';
import { runProposalSweepOnce } from './proposal-sweep';

let server: TestServer;
let world: VolunteerWorld;
let conn: Connection;
let admin: string;
beforeAll(async () => {
  server = await startTestServer('proposals');
  world = await setUpVolunteerWorld(server);
  admin = (await server.login('admin')).accessToken;
  conn = await connectDatabase(server.mongoUri);
}, 120_000);
afterAll(async () => {
  resetClock();
  await conn?.close();
  await server?.close();
});
afterEach(() => resetClock());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-and-the-rest')]);
const DAY = 86_400_000;
let seq = 0;
const resident = (name: string) => residentAged(server, world, `${name}-${seq++}`);
const elsewhere = (name: string) => residentAged(server, { ...world, communityId: world.otherCommunityId }, `${name}-${seq++}`);

const body = (over: Record<string, unknown> = {}) => ({
  title: '小区增设电动车充电桩',
  text: '建议在3号楼北侧空地增设电动车充电桩，减少楼道充电的火灾隐患。',
  place: { point: { lat: 22.5431, lng: 114.0579 }, address: '莲花社区3号楼北侧' },
  ...over,
});
const propose = (token: string, over: Record<string, unknown> = {}) => server.call('POST', '/api/v1/proposals', { token, body: body(over) });
const support = (token: string, id: string) => server.call('POST', `/api/v1/proposals/${id}/supports`, { token });
const detail = (token: string, id: string) => server.call('GET', `/api/v1/proposals/${id}`, { token });
const answer = (token: string, id: string, b: unknown) => server.call('POST', `/api/v1/proposals/${id}/answer`, { token, body: b });
const setThreshold = (token: string, threshold: number, communityId = world.communityId) =>
  server.call('PUT', `/api/v1/proposal-settings/${communityId}`, { token, body: { threshold } });
const raw = async (id: string) => (await server.rawDocuments('proposals')).find((p) => String(p._id) === id)!;
const count = async (collection: string) => (await server.rawDocuments(collection)).length;

async function proposed(author?: string, over: Record<string, unknown> = {}): Promise<{ id: string; author: string }> {
  const token = author ?? (await resident('author'));
  const res = await propose(token, over);
  expect(res.status).toBe(201);
  return { id: res.body.id as string, author: token };
}

/** A proposal of the test community that reached a threshold of 2 and awaits its answer, with its two supporters. */
async function awaitingAnswer(): Promise<{ id: string; author: string; supporters: string[] }> {
  expect((await setThreshold(world.staff, 2)).status).toBe(200);
  const { id, author } = await proposed();
  const supporters = [await resident('supporter'), await resident('supporter')];
  for (const s of supporters) expect((await support(s, id)).status).toBe(201);
  expect((await detail(author, id)).body.state).toBe('awaiting_answer');
  return { id, author, supporters };
}

describe('proposing', () => {
  beforeAll(async () => void (await setThreshold(world.staff, 50)));

  it('when a real-name resident proposes with photos and a place, then it is open for 30 days at the community threshold, and others see only 居民 as its author', async () => {
    const author = await resident('proposer');
    const photo = (await server.upload(author, PNG)).body.id as string;
    const res = await propose(author, { photoIds: [photo] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'open', supports: 0, threshold: 50, author: '我', photoIds: [photo], viewer: { own: true, supported: false, actions: ['withdraw'] } });
    expect(Date.parse(res.body.supportDeadline) - Date.parse(res.body.createdAt)).toBe(30 * DAY);
    const neighbour = await resident('neighbour');
    const seen = await detail(neighbour, res.body.id);
    expect(seen.body).toMatchObject({ author: '居民', viewer: { own: false, supported: false, actions: ['support'] } });
    expect(JSON.stringify(seen.body)).not.toContain('王小明');
    // the community's residents may see its photos; another community's may not
    const photoStatus = async (token: string) => (await fetch(`${server.url}/api/v1/uploads/${photo}`, { headers: { authorization: `Bearer ${token}` } })).status;
    expect(await photoStatus(neighbour)).toBe(200);
    expect(await photoStatus(await elsewhere('photo-peeker'))).toBe(404);
  });

  it('when the input is malformed (an operator object, an unknown photo, too many photos, an unknown field), then it is refused with 400 and nothing is stored', async () => {
    const author = await resident('bad-input');
    const before = await count('proposals');
    const bad = [
      body({ title: { $gt: '' } }),
      body({ text: { $gt: '' } }),
      body({ photoIds: ['0123456789abcdef01234567'] }),
      body({ photoIds: Array.from({ length: 7 }, () => '0123456789abcdef01234567') }),
      body({ place: { point: { lat: 22.5, lng: 114 }, address: { $ne: null } } }),
      { ...body(), communityId: world.otherCommunityId },
      body({ title: '短' }),
    ];
    for (const b of bad) expect((await server.call('POST', '/api/v1/proposals', { token: author, body: b })).status).toBe(400);
    expect(await count('proposals')).toBe(before);
  });

  it('when the content check finds the text risky, then it is refused with 400 CONTENT_RISKY and nothing is stored', async () => {
    const before = await count('proposals');
    const res = await propose(await resident('risky'), { text: '建议在小区里开设赌博场所，增加社区收入来源。' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('CONTENT_RISKY');
    expect(await count('proposals')).toBe(before);
  });

  it('when someone without a real name proposes, then it is refused with 403', async () => {
    const anonymous = (await server.login(`anonymous-${seq++}`)).accessToken;
    expect((await propose(anonymous)).body.error.code).toBe('REAL_NAME_REQUIRED');
  });
});

describe('supporting (附议)', () => {
  beforeAll(async () => void (await setThreshold(world.staff, 50)));

  it('when a resident supports twice, then the second answers 409 and the count is one', async () => {
    const { id } = await proposed();
    const neighbour = await resident('twice');
    const first = await support(neighbour, id);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ supports: 1, viewer: { supported: true, actions: [] } });
    const second = await support(neighbour, id);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('PROPOSAL_ALREADY_SUPPORTED');
    expect((await detail(neighbour, id)).body.supports).toBe(1);
  });

  it('when one resident taps 附议 ten times at once, then exactly one support is stored and counted', async () => {
    const { id } = await proposed();
    const neighbour = await resident('taps');
    const taps = await Promise.all(Array.from({ length: 10 }, () => support(neighbour, id)));
    expect(taps.filter((t) => t.status === 201)).toHaveLength(1);
    expect(taps.filter((t) => t.status === 409).every((t) => t.body.error.code === 'PROPOSAL_ALREADY_SUPPORTED')).toBe(true);
    expect((await server.rawDocuments('proposal_supports')).filter((s) => String(s.proposalId) === id)).toHaveLength(1);
    expect((await raw(id)).supports).toBe(1);
  });

  it('when the author supports their own proposal, then it is refused with 409 PROPOSAL_OWN and the detail says why', async () => {
    const { id, author } = await proposed();
    const res = await support(author, id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PROPOSAL_OWN');
    expect((await detail(author, id)).body.viewer.supportRefusal).toBe('这是您本人的提议，不能附议');
    expect((await raw(id)).supports).toBe(0);
  });

  it('when a resident of another community reads or supports it, then it does not exist for them (404) and their list does not show it', async () => {
    const { id } = await proposed();
    const stranger = await elsewhere('stranger');
    expect((await detail(stranger, id)).status).toBe(404);
    expect((await support(stranger, id)).status).toBe(404);
    const list = await server.call('GET', '/api/v1/proposals', { token: stranger });
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await raw(id)).supports).toBe(0);
  });

  it('when an id is unknown or malformed, then the answer is 404 and nothing is stored', async () => {
    const neighbour = await resident('unknown-id');
    const before = await count('proposal_supports');
    expect((await support(neighbour, '0123456789abcdef01234567')).status).toBe(404);
    expect((await support(neighbour, 'not-an-id')).status).toBe(404);
    expect((await detail(neighbour, '{"$gt":""}')).status).toBe(404);
    expect(await count('proposal_supports')).toBe(before);
  });
});

describe('the threshold', () => {
  it('when the supports that reach the threshold land at once, then it moves to awaiting_answer exactly once, with an answer deadline 15 working days on', async () => {
    expect((await setThreshold(world.staff, 3)).status).toBe(200);
    const { id } = await proposed();
    const supporters = await Promise.all(Array.from({ length: 8 }, () => resident('rush')));
    const results = await Promise.all(supporters.map((s) => support(s, id)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const doc = await raw(id);
    expect(doc.state).toBe('awaiting_answer');
    expect(doc.supports).toBe(8);
    expect((doc.events as Array<{ action: string }>).filter((e) => e.action === 'reachThreshold')).toHaveLength(1);
    const expected = await createCalendarService({ conn }).deadlineFrom(doc.thresholdReachedAt as Date, { amount: 15, unit: 'working_days' });
    expect((doc.answerDeadline as Date).toISOString()).toBe(expected.toISOString());
    expect((await detail(supporters[0]!, id)).body).toMatchObject({ state: 'awaiting_answer', overdue: false, answerDeadline: expected.toISOString() });
  });

  it('when staff of another community, or a resident, set the threshold, then it is refused; a threshold below 1 is 400', async () => {
    expect((await setThreshold(world.otherStaff, 2)).status).toBe(403);
    expect((await setThreshold(await resident('setter'), 2)).status).toBe(403);
    expect((await setThreshold(world.staff, 0)).status).toBe(400);
    // staff saving at once: every save lands, one document per community
    const saves = await Promise.all([4, 5, 6].map((n) => setThreshold(world.staff, n)));
    expect(saves.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await server.rawDocuments('proposal_settings')).filter((d) => String(d._id) === world.communityId)).toHaveLength(1);
    expect((await setThreshold(world.staff, 3)).status).toBe(200);
    expect((await setThreshold(world.staff, { $gt: 1 } as unknown as number)).status).toBe(400);
    expect((await server.call('GET', `/api/v1/proposal-settings/${world.communityId}`, { token: admin })).body).toMatchObject({ threshold: 3, supportWindowDays: 30 });
  });

  it('when a process died between the count that reached the threshold and the move, then the sweep makes the move, not the expiry', async () => {
    expect((await setThreshold(world.staff, 50)).status).toBe(200);
    const { id } = await proposed();
    // the count as a crash would leave it: reached, the proposal still open
    await conn.db!.collection('proposals').updateOne({ _id: new Types.ObjectId(id) }, { $set: { supports: 50 } });
    advanceClock(30 * DAY + 60_000);
    await runProposalSweepOnce({ conn });
    const doc = await raw(id);
    expect(doc.state).toBe('awaiting_answer');
    expect(doc.answerDeadline).toBeInstanceOf(Date);
  });

  it('when 30 days pass short of the threshold, then it shows as expired at once, refuses supports, and the sweep writes it once', async () => {
    expect((await setThreshold(world.staff, 50)).status).toBe(200);
    const { id } = await proposed();
    advanceClock(30 * DAY + 60_000);
    // signed in after the move of the clock (tokens expire)
    const neighbour = await resident('late');
    expect((await detail(neighbour, id)).body).toMatchObject({ state: 'expired', viewer: { actions: [] } });
    const late = await support(neighbour, id);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('PROPOSAL_NOT_OPEN');
    expect((await raw(id)).state).toBe('open');
    const first = await runProposalSweepOnce({ conn });
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect((await raw(id)).state).toBe('expired');
    expect((await runProposalSweepOnce({ conn })).expired).toBe(0);
    // still listed: the community sees that it closed
    const list = await server.call('GET', '/api/v1/proposals', { token: neighbour });
    expect(list.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id, state: 'expired' })]));
  });
});

describe('answering', () => {
  it('when the answer deadline passes, then the staff queue flags it overdue, awaiting ones first by deadline', async () => {
    const { id } = await awaitingAnswer();
    const before = await server.call('GET', '/api/v1/proposals/queue', { token: world.staff });
    expect(before.body.items.find((p: { id: string }) => p.id === id)).toMatchObject({ overdue: false });
    advanceClock(40 * DAY);
    const staff = (await server.login('community-lianhua')).accessToken;
    const queue = await server.call('GET', '/api/v1/proposals/queue', { token: staff });
    expect(queue.body.items.find((p: { id: string }) => p.id === id)).toMatchObject({ state: 'awaiting_answer', overdue: true });
    const deadlines = queue.body.items.map((p: { answerDeadline: string }) => Date.parse(p.answerDeadline));
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    // another community's staff do not see it
    const other = await server.call('GET', '/api/v1/proposals/queue', { token: (await server.login('community-hehua')).accessToken });
    expect(other.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('when an answer is "not adopted" without a reason, or has an unknown decision, then 400 and the proposal still awaits', async () => {
    const { id } = await awaitingAnswer();
    expect((await answer(world.staff, id, { decision: 'not_adopted' })).status).toBe(400);
    expect((await answer(world.staff, id, { decision: 'not_adopted', reason: { $gt: '' } })).status).toBe(400);
    expect((await answer(world.staff, id, { decision: 'ignored', text: '不处理' })).status).toBe(400);
    expect((await raw(id)).state).toBe('awaiting_answer');
    const res = await answer(world.staff, id, { decision: 'not_adopted', reason: '该位置为消防通道，不能设置充电设施' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'not_adopted', answer: { decision: 'not_adopted', text: '该位置为消防通道，不能设置充电设施' } });
  });

  it('when a proposal is merged, then the target must be another live proposal of the same community', async () => {
    const { id } = await awaitingAnswer();
    const sameCommunity = await proposed();
    const otherCommunity = await proposed(await elsewhere('other-author'));
    for (const into of [otherCommunity.id, id, '0123456789abcdef01234567']) {
      const res = await answer(world.staff, id, { decision: 'merged', into });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('PROPOSAL_MERGE_TARGET_INVALID');
    }
    expect((await answer(world.staff, id, { decision: 'merged', into: 'not-an-id' })).status).toBe(400);
    const merged = await answer(world.staff, id, { decision: 'merged', into: sameCommunity.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ state: 'merged', answer: { decision: 'merged', into: sameCommunity.id } });
  });

  it('when a process died between storing a support and counting it, then a minute after the answer the sweep counts the supports stored, once', async () => {
    const { id } = await awaitingAnswer();
    // the count as the crash left it: one short
    await conn.db!.collection('proposals').updateOne({ _id: new Types.ObjectId(id) }, { $inc: { supports: -1 } });
    expect((await answer(world.staff, id, { decision: 'adopted', text: '采纳' })).status).toBe(200);
    // not before a minute: a support may still be in flight
    await runProposalSweepOnce({ conn });
    expect((await raw(id)).supports).toBe(1);
    advanceClock(2 * 60_000);
    expect((await runProposalSweepOnce({ conn })).repaired).toBeGreaterThanOrEqual(1);
    expect(await raw(id)).toMatchObject({ supports: 2, supportsRepairedFrom: 1 });
    expect((await raw(id)).settleSupportsAfter).toBeUndefined();
  });

  it('when a resident, another community\'s staff, or anyone answers a proposal not awaiting an answer, then each is refused', async () => {
    const { id, supporters } = await awaitingAnswer();
    expect((await answer(supporters[0]!, id, { decision: 'adopted', text: '采纳' })).status).toBe(403);
    expect((await answer(world.otherStaff, id, { decision: 'adopted', text: '采纳' })).status).toBe(404);
    const open = await proposed();
    const early = await answer(world.staff, open.id, { decision: 'adopted', text: '提前采纳' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('PROPOSAL_NOT_AWAITING');
    expect((await answer(world.staff, id, { decision: 'adopted', text: '同意，下月施工' })).status).toBe(200);
    const again = await answer(admin, id, { decision: 'not_adopted', reason: '改变主意' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PROPOSAL_NOT_AWAITING');
  });

  it('when a proposal has been answered, then a further support is refused (409), staff without a real name may not support at all (403), and the street admin sees every community\'s queue', async () => {
    const { id } = await awaitingAnswer();
    const queued = await server.call('GET', '/api/v1/proposals/queue?queue=awaiting&limit=100', { token: admin });
    expect(queued.body.items.map((p: { id: string }) => p.id)).toContain(id);
    const staffSupport = await support(world.staff, id);
    expect(staffSupport.status).toBe(403);
    expect(staffSupport.body.error.code).toBe('REAL_NAME_REQUIRED');
    expect((await answer(admin, id, { decision: 'adopted', text: '街道统筹采纳' })).status).toBe(200);
    const late = await support(await resident('after-answer'), id);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('PROPOSAL_NOT_OPEN');
    expect((await raw(id)).supports).toBe(2);
    const adopted = await server.call('GET', '/api/v1/proposals/queue?queue=adopted', { token: world.staff });
    expect(adopted.body.items.map((p: { id: string }) => p.id)).toContain(id);
  });

  it('when staff answer and then report progress, then the author and every supporter get a notice of each through the outbox, once', async () => {
    const { id, author, supporters } = await awaitingAnswer();
    const notices = async (kind: string) => (await server.rawDocuments('notices')).filter((n) => String(n.subjectId) === id && n.kind === kind);
    const progressBefore = await server.call('POST', `/api/v1/proposals/${id}/progress`, { token: world.staff, body: { text: '已完成选址' } });
    expect(progressBefore.body.error.code).toBe('PROPOSAL_NOT_ADOPTED');
    expect((await answer(world.staff, id, { decision: 'adopted', text: '采纳，由物业负责实施' })).status).toBe(200);
    expect(await notices('proposal_answered')).toHaveLength(3);
    const progress = await server.call('POST', `/api/v1/proposals/${id}/progress`, { token: world.staff, body: { text: '已完成选址，下周进场施工' } });
    expect(progress.status).toBe(201);
    expect(progress.body.progress).toEqual([expect.objectContaining({ text: '已完成选址，下周进场施工' })]);
    const sent = await notices('proposal_progress');
    expect(sent).toHaveLength(3);
    for (const n of sent) expect(n.outbox).toEqual([expect.objectContaining({ template: 'proposalProgress', status: 'pending' })]);
    expect((await raw(id)).announcing).toBeUndefined();
    // a process that died before taking the announcement off: the sweep runs it again, and tells nobody twice
    const key = String(sent[0]!._id).split(':').slice(0, -1).join(':');
    await conn.db!.collection('proposals').updateOne(
      { _id: new Types.ObjectId(id) },
      { $push: { announcements: { key, kind: 'progress', at: new Date() } } as never, $set: { announcing: true } },
    );
    expect((await runProposalSweepOnce({ conn })).announced).toBe(0);
    expect(await notices('proposal_progress')).toHaveLength(3);
    expect((await raw(id)).announcing).toBeUndefined();
    // the author sees the answer and the progress
    expect((await detail(author, id)).body).toMatchObject({ state: 'adopted', answer: { decision: 'adopted' }, progress: [{ text: '已完成选址，下周进场施工' }] });
    expect((await detail(supporters[1]!, id)).body.viewer.actions).toEqual([]);
  });
});

describe('withdrawing and lists', () => {
  beforeAll(async () => void (await setThreshold(world.staff, 50)));

  it('when the author withdraws an open proposal, then it leaves the community\'s lists and others no longer find it; no one else may withdraw it', async () => {
    const { id, author } = await proposed();
    const neighbour = await resident('withdraw-watcher');
    expect((await server.call('POST', `/api/v1/proposals/${id}/withdraw`, { token: neighbour })).status).toBe(403);
    const res = await server.call('POST', `/api/v1/proposals/${id}/withdraw`, { token: author });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('withdrawn');
    expect((await detail(neighbour, id)).status).toBe(404);
    const mine = await server.call('GET', '/api/v1/proposals/mine', { token: author });
    expect(mine.body.items).toEqual([expect.objectContaining({ id, state: 'withdrawn', author: '我' })]);
    expect((await server.call('POST', `/api/v1/proposals/${id}/withdraw`, { token: author })).body.error.code).toBe('PROPOSAL_NOT_OPEN');
  });

  it('when residents page through the newest and the most supported, then each page follows its order and the cursor walks every proposal once', async () => {
    const a = await proposed();
    const b = await proposed();
    const c = await proposed();
    for (let i = 0; i < 2; i++) expect((await support(await resident('fan'), a.id)).status).toBe(201);
    expect((await support(await resident('fan'), c.id)).status).toBe(201);
    const reader = await resident('reader');
    const walk = async (order: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = `/api/v1/proposals?order=${order}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await server.call('GET', q, { token: reader });
        expect(page.status).toBe(200);
        ids.push(...page.body.items.map((p: { id: string }) => p.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      return ids;
    };
    const newest = await walk('newest');
    expect(new Set(newest).size).toBe(newest.length);
    expect(newest.indexOf(c.id)).toBeLessThan(newest.indexOf(b.id));
    expect(newest.indexOf(b.id)).toBeLessThan(newest.indexOf(a.id));
    const supported = await walk('supported');
    expect(new Set(supported).size).toBe(supported.length);
    expect(supported.length).toBe(newest.length);
    expect(supported.indexOf(a.id)).toBeLessThan(supported.indexOf(c.id));
    expect(supported.indexOf(c.id)).toBeLessThan(supported.indexOf(b.id));
    expect((await server.call('GET', '/api/v1/proposals?cursor=n5_zz', { token: reader })).status).toBe(400);
  });
});
