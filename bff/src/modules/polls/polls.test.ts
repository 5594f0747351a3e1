import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { spawnBenchServer } from '../../../bench/child-server';
import { startTestServer, type TestServer } from '../../../test/http';
import mongoose, { Types } from 'mongoose';
import { advanceClock, nowMs, resetClock } from '../../platform/clock';
import { residentAged, setUpVolunteerWorld, type VolunteerWorld } from '../volunteers/volunteer-test-kit';

let server: TestServer;
let world: VolunteerWorld;
let admin: string;
beforeAll(async () => {
  server = await startTestServer('polls');
  world = await setUpVolunteerWorld(server);
  admin = (await server.login('admin')).accessToken;
});
afterAll(async () => {
  await server.close();
});

const iso = (ms: number) => new Date(ms).toISOString();

/** A poll of every question kind for the test world's community (莲花社区). */
function draft(over: Record<string, unknown> = {}) {
  return {
    title: '小区加装电梯意见征集',
    description: '请为本小区加装电梯的方案投票',
    questions: [
      { id: 'plan', kind: 'single', title: '您支持哪个方案？', options: [{ id: 'a', label: '方案一' }, { id: 'b', label: '方案二' }, { id: 'c', label: '都不支持' }] },
      { id: 'need', kind: 'multiple', title: '您最关心哪些事项？', options: [{ id: 'cost', label: '费用' }, { id: 'noise', label: '施工噪音' }, { id: 'light', label: '采光' }], min: 1, max: 2 },
      { id: 'score', kind: 'rating', title: '您对目前出行的满意度' },
      { id: 'order', kind: 'ranking', title: '请为以下改造排序', options: [{ id: 'lift', label: '电梯' }, { id: 'park', label: '停车' }, { id: 'green', label: '绿化' }] },
      { id: 'words', kind: 'text', title: '其他意见', maxLength: 100 },
    ],
    audience: { scope: 'communities', communityIds: [world.communityId] },
    opensAt: iso(nowMs() - 60_000),
    closesAt: iso(nowMs() + 24 * 3600_000),
    results: 'after_close',
    ballot: 'secret',
    ...over,
  };
}

const ballot = (over: Partial<Record<'plan' | 'need' | 'score' | 'order' | 'words', unknown>> = {}) => ({
  answers: [
    { questionId: 'plan', choices: over.plan ?? ['a'] },
    { questionId: 'need', choices: over.need ?? ['cost'] },
    { questionId: 'score', rating: over.score ?? 4 },
    { questionId: 'order', choices: over.order ?? ['lift', 'park', 'green'] },
    { questionId: 'words', text: over.words ?? '' },
  ],
});

async function publishedPoll(over: Record<string, unknown> = {}, token = world.staff): Promise<string> {
  const created = await server.call('POST', '/api/v1/polls', { token, body: draft(over) });
  expect(created.status).toBe(201);
  const published = await server.call('POST', `/api/v1/polls/${created.body.id}/publish`, { token });
  expect(published.status).toBe(200);
  return created.body.id as string;
}

const answer = (token: string, id: string, body: unknown = ballot()) => server.call('POST', `/api/v1/polls/${id}/ballots`, { token, body });

describe('drafting and publishing a poll', () => {
  it('when community staff draft, edit and publish a poll, then it can no longer be edited, and residents of the community see it', async () => {
    const created = await server.call('POST', '/api/v1/polls', { token: world.staff, body: draft() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'draft', ballots: 0, viewer: { manages: true, canAnswer: false } });
    const resident = await residentAged(server, world, 'poll-viewer');
    // a draft is the staff's own: a resident does not find it
    expect((await server.call('GET', `/api/v1/polls/${created.body.id}`, { token: resident })).status).toBe(404);

    const edited = await server.call('PUT', `/api/v1/polls/${created.body.id}`, { token: world.staff, body: draft({ title: '加装电梯方案投票' }) });
    expect(edited.body.title).toBe('加装电梯方案投票');
    expect((await server.call('POST', `/api/v1/polls/${created.body.id}/publish`, { token: world.staff })).body.state).toBe('open');
    const late = await server.call('PUT', `/api/v1/polls/${created.body.id}`, { token: world.staff, body: draft() });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('POLL_NOT_DRAFT');

    const list = await server.call('GET', '/api/v1/polls', { token: resident });
    expect(list.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.body.id, state: 'open', answered: false })]));
    const detail = await server.call('GET', `/api/v1/polls/${created.body.id}`, { token: resident });
    expect(detail.body.viewer).toEqual({ answered: false, canAnswer: true, manages: false });
  });

  it('when community staff aim a poll at another community or the street, then it is refused and nothing is stored', async () => {
    const before = (await server.rawDocuments('polls')).length;
    for (const audience of [{ scope: 'communities', communityIds: [world.otherCommunityId] }, { scope: 'street' }]) {
      const res = await server.call('POST', '/api/v1/polls', { token: world.staff, body: draft({ audience }) });
      expect(res.status).toBe(403);
    }
    expect((await server.rawDocuments('polls')).length).toBe(before);
    // the street admin may ask the whole street
    expect((await server.call('POST', '/api/v1/polls', { token: admin, body: draft({ audience: { scope: 'street' } }) })).status).toBe(201);
  });

  it('when a poll is malformed, then it is refused with 400 and nothing is stored', async () => {
    const before = (await server.rawDocuments('polls')).length;
    const bad = [
      draft({ closesAt: iso(nowMs() - 3600_000) }),
      draft({ questions: [{ id: 'x', kind: 'multiple', title: '多选', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], min: 2, max: 3 }] }),
      draft({ questions: [{ id: 'x', kind: 'single', title: '单选', options: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] }] }),
      draft({ title: { $gt: '' } }),
      draft({ questions: [] }),
    ];
    for (const body of bad) expect((await server.call('POST', '/api/v1/polls', { token: world.staff, body })).status).toBe(400);
    // a resident may not draft at all
    const resident = await residentAged(server, world, 'poll-drafter');
    expect((await server.call('POST', '/api/v1/polls', { token: resident, body: draft() })).status).toBe(403);
    expect((await server.rawDocuments('polls')).length).toBe(before);
  });

  it('when a resident lists polls, then the open ones come before the closed ones, however new', async () => {
    const older = await publishedPoll({ title: '先发布的问卷' });
    const closed = await publishedPoll({ title: '后发布已结束的问卷', opensAt: iso(nowMs()) });
    await server.call('POST', `/api/v1/polls/${closed}/close`, { token: world.staff });
    const resident = await residentAged(server, world, 'poll-lister');
    const ids = (await server.call('GET', '/api/v1/polls', { token: resident })).body.items.map((p: { id: string }) => p.id);
    expect(ids.indexOf(older)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(older)).toBeLessThan(ids.indexOf(closed));
  });
});

describe('answering', () => {
  it('when a resident answers at once through two BFF processes, then the database keeps exactly one ballot and the others answer 409', async () => {
    const id = await publishedPoll();
    const resident = await residentAged(server, world, 'poll-two-processes');
    const other = await spawnBenchServer('../test/child-bff.ts', [server.mongoUri, server.simulator.url]);
    try {
      const through = (url: string) => fetch(`${url}/api/v1/polls/${id}/ballots`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${resident}` }, body: JSON.stringify(ballot()) }).then((r) => r.status);
      const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => through(i % 2 ? other.url : server.url)));
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(9);
      const stored = (await server.rawDocuments('poll_ballot_buckets')).filter((b) => String(b.boxId) === id).flatMap((b) => b.ballots as unknown[]);
      expect(stored).toHaveLength(1);
      expect((await server.rawDocuments('poll_tallies')).find((t) => String(t._id) === id)!.ballots).toBe(1);
    } finally {
      other.child.kill('SIGTERM');
      await once(other.child, 'exit');
    }
  });

  it('when a resident answers twice, at once or one after the other, then exactly one ballot counts and the others answer 409', async () => {
    const id = await publishedPoll();
    const resident = await residentAged(server, world, 'poll-twice');
    const answers = await Promise.all(Array.from({ length: 12 }, () => answer(resident, id)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'POLL_ALREADY_ANSWERED')).toBe(true);
    expect((await answer(resident, id)).status).toBe(409);
    const detail = await server.call('GET', `/api/v1/polls/${id}`, { token: resident });
    expect(detail.body).toMatchObject({ ballots: 1, viewer: { answered: true, canAnswer: false } });
    const stored = (await server.rawDocuments('poll_ballot_buckets')).filter((b) => String(b.boxId) === id).flatMap((b) => b.ballots as unknown[]);
    expect(stored).toHaveLength(1);
  });

  it('when someone outside the audience, under its age or without a real name answers, then each is refused with its reason and nothing counts', async () => {
    const id = await publishedPoll({ minAge: 60 });
    const young = await residentAged(server, world, 'poll-young', 30);
    const elsewhere = await residentAged(server, { ...world, communityId: world.otherCommunityId }, 'poll-elsewhere', 70);
    const anonymous = (await server.login('poll-anonymous')).accessToken;
    expect((await answer(young, id)).body.error.code).toBe('POLL_AGE_RESTRICTED');
    // another community's resident does not find the poll at all
    expect((await answer(elsewhere, id)).status).toBe(404);
    expect((await answer(anonymous, id)).body.error.code).toBe('REAL_NAME_REQUIRED');
    const senior = await residentAged(server, world, 'poll-senior', 70);
    expect((await answer(senior, id)).status).toBe(201);
    expect((await server.call('GET', `/api/v1/polls/${id}`, { token: world.staff })).body.ballots).toBe(1);
  });

  it('when an answer does not fit the questions, then it is refused with 400 and nothing is stored, the person may still answer', async () => {
    const id = await publishedPoll();
    const resident = await residentAged(server, world, 'poll-badanswer');
    const bad = [
      ballot({ plan: ['z'] }), // no such option
      ballot({ plan: ['a', 'b'] }), // single choice
      ballot({ need: ['cost', 'noise', 'light'] }), // at most 2
      ballot({ need: [] }), // at least 1
      ballot({ score: 6 }),
      ballot({ order: ['lift', 'park'] }), // every option ranked
      ballot({ words: 'x'.repeat(101) }),
      ballot({ plan: { $gt: '' } }),
      { answers: ballot().answers.slice(1) }, // a question left out
      { answers: [...ballot().answers, { questionId: 'extra', text: '?' }] },
    ];
    for (const body of bad) {
      const res = await answer(resident, id, body);
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 400, code: expect.stringMatching(/^(POLL_ANSWER_INVALID|VALIDATION_FAILED|FORBIDDEN_KEY)$/) });
    }
    expect((await server.rawDocuments('poll_participations')).filter((p) => String(p.boxId) === id)).toHaveLength(0);
    expect((await answer(resident, id)).status).toBe(201);
  });
});

describe('secret ballots and results', () => {
  it('when residents answer a secret poll, then nothing in the stored ballots leads back to them, and the tallies equal a recount of the ballots', async () => {
    const id = await publishedPoll({ results: 'live' });
    const voters = await Promise.all(Array.from({ length: 6 }, (_, i) => residentAged(server, world, `poll-secret-${i}`)));
    const choices = [
      ballot({ plan: ['a'], need: ['cost', 'noise'], score: 5, order: ['park', 'lift', 'green'] }),
      ballot({ plan: ['b'], need: ['noise'], score: 3 }),
      ballot({ plan: ['a'], need: ['light'], score: 4, order: ['green', 'park', 'lift'] }),
      ballot({ plan: ['c'], need: ['cost'], score: 1 }),
      ballot({ plan: ['a'], need: ['cost', 'light'], score: 2, words: '希望尽快施工' }),
      ballot({ plan: ['b'], need: ['noise', 'light'], score: 4 }),
    ];
    await Promise.all(voters.map((token, i) => answer(token, id, choices[i])));
    const userIds = await Promise.all(voters.map(async (token) => (await server.call('GET', '/api/v1/me', { token })).body.id as string));

    // the raw collections, as someone reading the database sees them
    const buckets = (await server.rawDocuments('poll_ballot_buckets')).filter((b) => String(b.boxId) === id);
    const ballots = buckets.flatMap((b) => b.ballots as Array<Record<string, unknown>>);
    expect(ballots).toHaveLength(6);
    const raw = JSON.stringify(buckets);
    for (const userId of userIds) expect(raw).not.toContain(userId);
    for (const b of ballots) {
      expect(Object.keys(b).sort()).toEqual(['answers', 'day', 'id']);
      expect(b.id).toMatch(/^[0-9a-f]{32}$/); // random: no time, no counter (an ObjectId carries both)
      expect(b.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // within each bucket the order is the random ids', not the order of arrival
    for (const bucket of buckets) {
      const ids = (bucket.ballots as Array<{ id: string }>).map((b) => b.id);
      expect(ids).toEqual([...ids].sort());
    }
    // who answered: the person and the day, no answers
    const participations = (await server.rawDocuments('poll_participations')).filter((p) => String(p.boxId) === id);
    expect(participations).toHaveLength(6);
    for (const p of participations) expect(Object.keys(p).sort()).toEqual(['_id', 'boxId', 'day']);

    // the tallies (results) against a recount of the stored ballots
    const results = (await server.call('GET', `/api/v1/polls/${id}/results`, { token: voters[0] })).body;
    expect(results.ballots).toBe(6);
    const answersTo = (q: string) => ballots.map((b) => (b.answers as Array<{ questionId: string; choices?: string[]; rating?: number }>).find((a) => a.questionId === q)!);
    const count = (q: string, option: string) => answersTo(q).filter((a) => a.choices!.includes(option)).length;
    const question = (q: string) => results.questions.find((x: { questionId: string }) => x.questionId === q);
    for (const o of ['a', 'b', 'c']) expect(question('plan').options.find((x: { id: string }) => x.id === o).count).toBe(count('plan', o));
    for (const o of ['cost', 'noise', 'light']) expect(question('need').options.find((x: { id: string }) => x.id === o).count).toBe(count('need', o));
    const ratings = answersTo('score').map((a) => a.rating!);
    expect(question('score').ratingCounts).toEqual([1, 2, 3, 4, 5].map((r) => ratings.filter((x) => x === r).length));
    expect(question('score').ratingMean).toBeCloseTo(ratings.reduce((a, b) => a + b, 0) / ratings.length, 2);
    const borda = (o: string) => answersTo('order').reduce((sum, a) => sum + (a.choices!.length - 1 - a.choices!.indexOf(o)), 0);
    for (const o of ['lift', 'park', 'green']) expect(question('order').options.find((x: { id: string }) => x.id === o).points).toBe(borda(o));
    expect(question('order').options.map((x: { id: string }) => x.id)).toEqual(['lift', 'park', 'green'].sort((x, y) => borda(y) - borda(x)));
    expect(question('words').answered).toBe(1);
    expect(results.audienceSize).toBeGreaterThanOrEqual(6);
  });

  it('when a poll shows results after closing, then residents see them only once it is closed, and a minute later with a digest of the ballots CSV anyone can recompute', async () => {
    const id = await publishedPoll();
    const resident = await residentAged(server, world, 'poll-after');
    await answer(resident, id, ballot({ words: '电梯很需要，"尽快"' }));
    await answer(await residentAged(server, world, 'poll-after-2'), id, ballot({ words: '=HYPERLINK("x")' }));
    const early = await server.call('GET', `/api/v1/polls/${id}/results`, { token: resident });
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe('POLL_RESULTS_HIDDEN');
    // staff see them at any time; residents get neither the ballots nor the results file before then
    expect((await server.call('GET', `/api/v1/polls/${id}/results`, { token: world.staff })).status).toBe(200);
    expect((await server.call('GET', `/api/v1/polls/${id}/ballots.csv`, { token: resident })).status).toBe(403);
    expect((await server.call('GET', `/api/v1/polls/${id}/results.csv`, { token: resident })).status).toBe(403);

    expect((await server.call('POST', `/api/v1/polls/${id}/close`, { token: world.staff })).body.state).toBe('closed');
    expect((await answer(await residentAged(server, world, 'poll-too-late'), id)).body.error.code).toBe('POLL_NOT_OPEN');
    const unsettled = await server.call('GET', `/api/v1/polls/${id}/results`, { token: resident });
    expect(unsettled.status).toBe(200);
    expect(unsettled.body.ballotsDigest).toBeUndefined(); // ballots may still be landing

    advanceClock(61_000);
    try {
      const results = await server.call('GET', `/api/v1/polls/${id}/results`, { token: resident });
      expect(results.body.settled).toEqual({ ballots: 2, participations: 2, repaired: false });
      const csv = await fetch(`${server.url}/api/v1/polls/${id}/ballots.csv`, { headers: { authorization: `Bearer ${resident}` } });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = Buffer.from(await csv.arrayBuffer());
      const text = bytes.toString('utf8');
      expect(text.split('\r\n')[0]).toBe('\uFEFFballot,question,answer');
      expect(text).toContain('"电梯很需要，""尽快"""');
      expect(text).toContain(`"'=HYPERLINK(""x"")"`); // a spreadsheet shows it, never runs it
      expect(results.body.ballotsDigest).toBe(createHash('sha256').update(bytes).digest('hex'));
      const table = await (await fetch(`${server.url}/api/v1/polls/${id}/results.csv`, { headers: { authorization: `Bearer ${resident}` } })).text();
      expect(table).toContain('plan,您支持哪个方案？,方案一,2,100.0%,');
      expect(table).toContain(',答卷总数,,2,');
    } finally {
      resetClock();
    }
  });

  it('when a crash left the running tally short of its ballots, then settling the closed poll recounts and repairs it, and says so', async () => {
    const id = await publishedPoll({ results: 'live' });
    for (const name of ['poll-crash-1', 'poll-crash-2', 'poll-crash-3']) await answer(await residentAged(server, world, name), id, ballot({ plan: ['b'] }));
    const conn = await mongoose.createConnection(server.mongoUri).asPromise();
    try {
      // as if the process died between storing the third ballot and counting it
      await conn.db!.collection('poll_tallies').updateOne({ _id: new Types.ObjectId(id) }, { $inc: { ballots: -1, 'q.plan.o.b': -1, 'q.plan.n': -1 } });
    } finally {
      await conn.close();
    }
    const short = (await server.call('GET', `/api/v1/polls/${id}/results`, { token: world.staff })).body;
    expect(short.ballots).toBe(2);
    await server.call('POST', `/api/v1/polls/${id}/close`, { token: world.staff });
    advanceClock(61_000);
    try {
      const settled = (await server.call('GET', `/api/v1/polls/${id}/results`, { token: world.staff })).body;
      expect(settled.settled).toEqual({ ballots: 3, participations: 3, repaired: true });
      expect(settled.ballots).toBe(3);
      expect(settled.questions.find((q: { questionId: string }) => q.questionId === 'plan').options.find((o: { id: string }) => o.id === 'b').count).toBe(3);
      // and it stays settled: the next read is the stored tally, equal to the recount
      expect((await server.call('GET', `/api/v1/polls/${id}/results`, { token: world.staff })).body.ballots).toBe(3);
    } finally {
      resetClock();
    }
  });

  it('when residents write free text, then staff read every answer page by page and publish the ones they choose, which residents then see with the results', async () => {
    const id = await publishedPoll({ results: 'live' });
    const words = ['楼道灯坏了', '希望多装长椅', ''];
    for (const [i, w] of words.entries()) await answer(await residentAged(server, world, `poll-text-${i}`), id, ballot({ words: w }));
    const resident = await residentAged(server, world, 'poll-text-reader');
    expect((await server.call('GET', `/api/v1/polls/${id}/texts?question=words`, { token: resident })).status).toBe(403);
    const page = await server.call('GET', `/api/v1/polls/${id}/texts?question=words`, { token: world.staff });
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(2); // the empty box answered nothing
    expect(page.body.items.map((t: { text: string }) => t.text).sort()).toEqual(['希望多装长椅', '楼道灯坏了'].sort());
    expect((await server.call('GET', `/api/v1/polls/${id}/texts?question=plan`, { token: world.staff })).status).toBe(400);

    const invented = await server.call('PUT', `/api/v1/polls/${id}/published-texts`, { token: world.staff, body: { questionId: 'words', texts: ['我编的'] } });
    expect(invented.status).toBe(400);
    expect((await server.call('GET', `/api/v1/polls/${id}/results`, { token: resident })).body.questions.find((q: { questionId: string }) => q.questionId === 'words').texts).toEqual([]);
    expect((await server.call('PUT', `/api/v1/polls/${id}/published-texts`, { token: world.staff, body: { questionId: 'words', texts: ['希望多装长椅'] } })).status).toBe(200);
    const results = (await server.call('GET', `/api/v1/polls/${id}/results`, { token: resident })).body;
    expect(results.questions.find((q: { questionId: string }) => q.questionId === 'words').texts).toEqual(['希望多装长椅']);
    expect((await server.call('GET', `/api/v1/polls/${id}/texts?question=words`, { token: world.staff })).body.items.filter((t: { published: boolean }) => t.published)).toHaveLength(1);
  });

  it('when staff give a poll a cover, then its audience sees the picture and no one else does; someone else\'s upload is refused', async () => {
    const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-cover')]);
    const cover = (await server.upload(world.staff, PNG)).body.id as string;
    const foreign = (await server.upload(world.otherStaff, PNG)).body.id as string;
    expect((await server.call('POST', '/api/v1/polls', { token: world.staff, body: draft({ coverId: foreign }) })).body.error.code).toBe('UPLOAD_NOT_FOUND');
    const id = await publishedPoll({ coverId: cover });
    const resident = await residentAged(server, world, 'poll-cover-reader');
    expect((await server.call('GET', `/api/v1/polls/${id}`, { token: resident })).body.coverId).toBe(cover);
    expect((await fetch(`${server.url}/api/v1/uploads/${cover}`, { headers: { authorization: `Bearer ${resident}` } })).status).toBe(200);
    const elsewhere = await residentAged(server, { ...world, communityId: world.otherCommunityId }, 'poll-cover-elsewhere');
    expect((await fetch(`${server.url}/api/v1/uploads/${cover}`, { headers: { authorization: `Bearer ${elsewhere}` } })).status).toBe(404);
  });

  it('when a named poll is answered, then its ballot carries the person, and the poll said so', async () => {
    const id = await publishedPoll({ ballot: 'named' });
    const resident = await residentAged(server, world, 'poll-named');
    expect((await server.call('GET', `/api/v1/polls/${id}`, { token: resident })).body.ballot).toBe('named');
    await answer(resident, id);
    const me = (await server.call('GET', '/api/v1/me', { token: resident })).body.id;
    const ballots = (await server.rawDocuments('poll_ballot_buckets')).filter((b) => String(b.boxId) === id).flatMap((b) => b.ballots as Array<{ userId?: string }>);
    expect(ballots.map((b) => b.userId)).toEqual([me]);
  });
});
