import { createHash } from 'node:crypto';
import { startTestServer, type TestServer } from '../../../test/http';
import { advanceClock, nowMs, resetClock } from '../../platform/clock';
import { residentAged, setUpVolunteerWorld, type VolunteerWorld } from '../volunteers/volunteer-test-kit';

let server: TestServer;
let world: VolunteerWorld;
let admin: string;
beforeAll(async () => {
  server = await startTestServer('budgeting');
  world = await setUpVolunteerWorld(server);
  admin = (await server.login('admin')).accessToken;
});
afterAll(async () => {
  await server.close();
});

const iso = (ms: number) => new Date(ms).toISOString();

/** 莲花社区's round: 100,000 yuan for four projects. */
function draft(over: Record<string, unknown> = {}) {
  return {
    title: '2027年莲花社区民生微实事',
    description: '请选择您最希望实施的项目，所选项目总费用不超过预算',
    communityId: world.communityId,
    budget: 100_000,
    opensAt: iso(nowMs() - 60_000),
    closesAt: iso(nowMs() + 7 * 24 * 3600_000),
    candidates: [
      { id: 'lights', title: '楼道照明改造', cost: 60_000, proposer: '3栋居民' },
      { id: 'benches', title: '小游园增设座椅', cost: 50_000 },
      { id: 'ramp', title: '无障碍坡道', cost: 40_000, description: '2号门增设坡道' },
      { id: 'board', title: '社区公告栏', cost: 5_000 },
    ],
    ...over,
  };
}

async function openRound(over: Record<string, unknown> = {}): Promise<string> {
  const created = await server.call('POST', '/api/v1/budget-rounds', { token: world.staff, body: draft(over) });
  if (created.status !== 201) throw new Error(`round: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await server.call('POST', `/api/v1/budget-rounds/${created.body.id}/publish`, { token: world.staff });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return created.body.id as string;
}

const vote = (token: string, id: string, projects: unknown) => server.call('POST', `/api/v1/budget-rounds/${id}/ballots`, { token, body: { projects } });
const stored = async (id: string) => (await server.rawDocuments('budget_ballot_buckets')).filter((b) => String(b.boxId) === id).flatMap((b) => b.ballots as Array<Record<string, unknown>>);

describe('opening a budgeting round', () => {
  it('when community staff draft and publish a round for their community, then its residents see it, and it can no longer be edited', async () => {
    const created = await server.call('POST', '/api/v1/budget-rounds', { token: world.staff, body: draft() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'draft', budget: 100_000, communityName: '莲花社区', viewer: { manages: true, canVote: false } });
    const resident = await residentAged(server, world, 'budget-viewer');
    expect((await server.call('GET', `/api/v1/budget-rounds/${created.body.id}`, { token: resident })).status).toBe(404);
    expect((await server.call('PUT', `/api/v1/budget-rounds/${created.body.id}`, { token: world.staff, body: draft({ budget: 120_000 }) })).body.budget).toBe(120_000);
    expect((await server.call('POST', `/api/v1/budget-rounds/${created.body.id}/publish`, { token: world.staff })).body.state).toBe('open');
    expect((await server.call('PUT', `/api/v1/budget-rounds/${created.body.id}`, { token: world.staff, body: draft() })).body.error.code).toBe('BUDGET_ROUND_NOT_DRAFT');
    const list = (await server.call('GET', '/api/v1/budget-rounds', { token: resident })).body.items;
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.body.id, state: 'open', voted: false })]));
    const detail = (await server.call('GET', `/api/v1/budget-rounds/${created.body.id}`, { token: resident })).body;
    expect(detail.viewer).toEqual({ voted: false, canVote: true, manages: false });
    expect(detail.outcome).toBeUndefined(); // residents see the outcome once it is closed
    expect((await server.call('GET', `/api/v1/budget-rounds/${created.body.id}`, { token: world.staff })).body.outcome.final).toBe(false);
  });

  it('when a round is for another community, malformed, or drafted by a resident, then it is refused and nothing is stored', async () => {
    const before = (await server.rawDocuments('budget_rounds')).length;
    const resident = await residentAged(server, world, 'budget-drafter');
    const refusals: Array<[string, unknown, number]> = [
      [world.staff, draft({ communityId: world.otherCommunityId }), 403],
      [resident, draft(), 403],
      [world.staff, draft({ candidates: [{ id: 'a', title: '太贵的项目', cost: 200_000 }, { id: 'b', title: '项目二', cost: 1 }] }), 400],
      [world.staff, draft({ candidates: [{ id: 'a', title: '项目一', cost: 10 }, { id: 'a', title: '项目二', cost: 10 }] }), 400],
      [world.staff, draft({ budget: 1000.5 }), 400],
      [world.staff, draft({ budget: { $gt: 0 } }), 400],
      [world.staff, draft({ closesAt: iso(nowMs() - 3600_000) }), 400],
      [world.staff, draft({ candidates: [{ id: 'a', title: '来自提议', cost: 10, proposalId: '64b7f0c2a1b2c3d4e5f60718' }, { id: 'b', title: '项目二', cost: 10 }] }), 400],
    ];
    for (const [token, body, status] of refusals) expect((await server.call('POST', '/api/v1/budget-rounds', { token, body })).status).toBe(status);
    expect((await server.rawDocuments('budget_rounds')).length).toBe(before);
    // the street admin may open one for any community
    expect((await server.call('POST', '/api/v1/budget-rounds', { token: admin, body: draft({ communityId: world.otherCommunityId }) })).status).toBe(201);
  });
});

describe('voting within the budget', () => {
  it('when a resident picks projects over the budget, unknown projects or operator objects, then each is refused with 400 and nothing is stored; within the budget it counts', async () => {
    const id = await openRound();
    const resident = await residentAged(server, world, 'budget-over');
    const over = await vote(resident, id, ['lights', 'benches']);
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe('BUDGET_EXCEEDED');
    expect((await vote(resident, id, ['lights', 'nope'])).body.error.code).toBe('BUDGET_BALLOT_INVALID');
    expect((await vote(resident, id, ['board', 'board'])).status).toBe(400);
    expect((await vote(resident, id, { $gt: '' })).status).toBe(400);
    expect((await vote(resident, id, [])).status).toBe(400);
    expect(await stored(id)).toHaveLength(0);
    expect((await server.rawDocuments('budget_participations')).filter((p) => String(p.boxId) === id)).toHaveLength(0);
    // exactly the budget is allowed
    expect((await vote(resident, id, ['ramp', 'lights'])).status).toBe(201);
    expect((await server.call('GET', `/api/v1/budget-rounds/${id}`, { token: resident })).body.viewer).toMatchObject({ voted: true, canVote: false });
  });

  it('when a resident votes twice, at once or after, then one ballot counts and the others answer 409', async () => {
    const id = await openRound();
    const resident = await residentAged(server, world, 'budget-twice');
    const tries = await Promise.all(Array.from({ length: 6 }, () => vote(resident, id, ['board'])));
    expect(tries.map((t) => t.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect((await vote(resident, id, ['ramp'])).body.error.code).toBe('BUDGET_ALREADY_VOTED');
    expect(await stored(id)).toHaveLength(1);
  });

  it('when someone of another community or without a real name votes, then each gets its clear refusal and nothing counts', async () => {
    const id = await openRound();
    const elsewhere = await residentAged(server, { ...world, communityId: world.otherCommunityId }, 'budget-elsewhere');
    expect((await vote(elsewhere, id, ['board'])).status).toBe(404);
    const anonymous = (await server.login('budget-no-name')).accessToken;
    const refused = await vote(anonymous, id, ['board']);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('REAL_NAME_REQUIRED');
    expect(await stored(id)).toHaveLength(0);
  });

  it('when residents vote, then nothing stored leads back to them: no user id, no time but the day, projects in the order of the list', async () => {
    const id = await openRound();
    for (const [i, projects] of [['board', 'lights'], ['ramp'], ['benches', 'board']].entries()) {
      expect((await vote(await residentAged(server, world, `budget-secret-${i}`), id, projects)).status).toBe(201);
    }
    const participations = (await server.rawDocuments('budget_participations')).filter((p) => String(p.boxId) === id);
    for (const p of participations) expect(Object.keys(p).sort()).toEqual(['_id', 'boxId', 'day']);
    const ballots = await stored(id);
    expect(ballots).toHaveLength(3);
    for (const b of ballots) {
      expect(Object.keys(b).sort()).toEqual(['day', 'id', 'projects']);
      expect(b.id).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(ballots.map((b) => (b.projects as string[]).join('|')).sort()).toEqual(['benches|board', 'lights|board', 'ramp']);
  });
});

describe('the outcome', () => {
  it('when the round closes, then projects are funded greedily by votes, skipping what no longer fits, and a minute later the outcome is final with a digest of the anonymous ballots', async () => {
    const id = await openRound();
    // votes: lights 3, benches 2, ramp 2, board 1 → lights (60k) funded, ramp (40k, cheaper of the tie) funded, benches skipped, board skipped (0 left)
    const picks = [['lights', 'ramp'], ['lights'], ['lights', 'board'], ['benches', 'ramp'], ['benches']];
    for (const [i, p] of picks.entries()) expect((await vote(await residentAged(server, world, `budget-outcome-${i}`), id, p)).status).toBe(201);
    const resident = await residentAged(server, world, 'budget-outcome-reader');
    expect((await server.call('GET', `/api/v1/budget-rounds/${id}/ballots.csv`, { token: resident })).status).toBe(409);
    expect((await server.call('POST', `/api/v1/budget-rounds/${id}/close`, { token: resident })).status).toBe(403);
    expect((await server.call('POST', `/api/v1/budget-rounds/${id}/close`, { token: world.otherStaff })).status).toBe(404);
    expect((await server.call('POST', `/api/v1/budget-rounds/${id}/close`, { token: world.staff })).body.state).toBe('closed');
    expect((await vote(resident, id, ['board'])).body.error.code).toBe('BUDGET_ROUND_NOT_OPEN');

    const outcome = (await server.call('GET', `/api/v1/budget-rounds/${id}`, { token: resident })).body.outcome;
    expect(outcome.ranking.map((r: { id: string; votes: number; funded: boolean }) => [r.id, r.votes, r.funded])).toEqual([
      ['lights', 3, true], ['ramp', 2, true], ['benches', 2, false], ['board', 1, false],
    ]);
    expect(outcome).toMatchObject({ spent: 100_000, final: false });
    advanceClock(61_000);
    try {
      const settled = (await server.call('GET', `/api/v1/budget-rounds/${id}`, { token: resident })).body.outcome;
      expect(settled.final).toBe(true);
      const csv = await fetch(`${server.url}/api/v1/budget-rounds/${id}/ballots.csv`, { headers: { authorization: `Bearer ${resident}` } });
      const bytes = Buffer.from(await csv.arrayBuffer());
      expect(bytes.toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(picks.length + 1);
      expect(settled.ballotsDigest).toBe(createHash('sha256').update(bytes).digest('hex'));
    } finally {
      resetClock();
    }
  });
});
