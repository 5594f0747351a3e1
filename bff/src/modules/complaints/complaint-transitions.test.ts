import { COMPLAINT_STATES, COMPLAINT_TRANSITIONS, type ComplaintAction, type ComplaintState } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../../../test/http';
import { act, complaintBody, createCategory, fileComplaint, registeredResident, setUpWorld, type ComplaintWorld } from './complaint-test-kit';

let server: TestServer;
let world: ComplaintWorld;
let resident: string;
beforeAll(async () => {
  server = await startTestServer('complaint-transitions');
  world = await setUpWorld(server);
  resident = await registeredResident(server, world, 'transitions-resident');
});
afterAll(() => server.close());

type Who = 'dispatcher' | 'unit' | 'resident';
/** Each contract action as the HTTP call that asks for it, by an actor of its role. */
const CALLS: Record<ComplaintAction, { who: Who; path: string; body: unknown }> = {
  accept: { who: 'dispatcher', path: 'accept', body: {} },
  reject: { who: 'dispatcher', path: 'reject', body: { reason: '不属于受理范围' } },
  dispatch: { who: 'dispatcher', path: 'dispatch', body: { unitId: '' } },
  sign: { who: 'unit', path: 'sign', body: {} },
  return: { who: 'unit', path: 'return', body: { reason: '不属于本单位职责' } },
  recordContact: { who: 'unit', path: 'contact', body: { method: 'phone', note: '已电话联系' } },
  resolve: { who: 'unit', path: 'resolve', body: { result: '已处理完毕，恢复正常' } },
  rate: { who: 'resident', path: 'rating', body: { satisfaction: 'satisfied', resolved: true } },
  sendBack: { who: 'resident', path: 'send-back', body: { reason: '问题依旧没有解决' } },
  recordPhoneCallback: { who: 'dispatcher', path: 'phone-callback', body: { reached: false } },
  close: { who: 'dispatcher', path: 'close', body: {} },
};

function call(action: ComplaintAction, id: string) {
  const c = CALLS[action];
  const body = action === 'dispatch' ? { unitId: world.units.chengguan } : c.body;
  if (c.who === 'resident') return server.call('POST', `/api/v1/complaints/${id}/${c.path}`, { token: resident, body });
  return server.call('POST', `/api/v1/staff/complaints/${id}/${c.path}`, { token: c.who === 'dispatcher' ? world.dispatcher : world.unitStaff, body });
}

/** The shortest way to each state, through the API. */
const PATHS: Record<ComplaintState, ComplaintAction[]> = {
  submitted: [],
  accepted: ['accept'],
  rejected: ['reject'],
  dispatched: ['accept', 'dispatch'],
  returned: ['accept', 'dispatch', 'return'],
  signed: ['accept', 'dispatch', 'sign'],
  in_progress: ['accept', 'dispatch', 'sign', 'recordContact'],
  resolved: ['accept', 'dispatch', 'sign', 'recordContact', 'resolve'],
  reopened: ['accept', 'dispatch', 'sign', 'recordContact', 'resolve', 'sendBack'],
  rated: ['accept', 'dispatch', 'sign', 'recordContact', 'resolve', 'rate'],
  closed: ['accept', 'dispatch', 'sign', 'recordContact', 'resolve', 'rate', 'close'],
};

async function complaintIn(state: ComplaintState): Promise<string> {
  const filed = await fileComplaint(server, resident, complaintBody(world));
  const id: string = filed.body.id;
  for (const step of PATHS[state]) {
    const res = await call(step, id);
    if (res.status !== 200) throw new Error(`${step} on the way to ${state}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return id;
}

async function stored(id: string) {
  const doc = (await server.rawDocuments('complaints')).find((d) => String(d._id) === id)!;
  return { state: doc.state, version: doc.version, events: (doc.events as unknown[]).length, outbox: (doc.outbox as unknown[]).length };
}

// Before dispatch no unit holds the complaint, so a unit asking about it is out of its scope: 404, as if absent.
const NOT_YET_A_TASK: ComplaintState[] = ['submitted', 'accepted', 'rejected'];

describe('illegal transitions', () => {
  it.each(COMPLAINT_STATES.map((s) => [s]))('when a complaint is %s, then every action the contract does not allow from there is refused and changes nothing', async (state) => {
    const id = await complaintIn(state);
    expect((await stored(id)).state).toBe(state);
    const illegal = (Object.keys(COMPLAINT_TRANSITIONS) as ComplaintAction[]).filter((a) => !(COMPLAINT_TRANSITIONS[a].from as readonly string[]).includes(state));
    expect(illegal.length).toBeGreaterThan(0);
    for (const action of illegal) {
      const before = await stored(id);
      const res = await call(action, id);
      const expected = CALLS[action].who === 'unit' && NOT_YET_A_TASK.includes(state) ? 'COMPLAINT_NOT_FOUND' : 'COMPLAINT_STATE_CONFLICT';
      expect({ action, code: res.body.error?.code }).toEqual({ action, code: expected });
      expect(res.status).toBe(expected === 'COMPLAINT_NOT_FOUND' ? 404 : 409);
      expect(await stored(id)).toEqual(before);
    }
  });

  it('when an action comes from a role the contract does not name, then it is refused before any change', async () => {
    const id = await complaintIn('submitted');
    const res = await server.call('POST', `/api/v1/staff/complaints/${id}/accept`, { token: world.unitStaff, body: {} });
    expect(res.status).toBe(403);
    expect((await stored(id)).state).toBe('submitted');
  });
});

describe('one table for the buttons and the moves', () => {
  const viewOf = (who: Who, id: string) =>
    who === 'resident'
      ? server.call('GET', `/api/v1/complaints/${id}`, { token: resident })
      : server.call('GET', `/api/v1/staff/complaints/${id}`, { token: who === 'dispatcher' ? world.dispatcher : world.unitStaff });

  it.each(COMPLAINT_STATES.map((s) => [s]))('when a complaint is %s, then each contract action is offered to its role exactly when taking it succeeds', async (state) => {
    const id = await complaintIn(state);
    for (const action of Object.keys(CALLS) as ComplaintAction[]) {
      const view = await viewOf(CALLS[action].who, id);
      const offered = view.status === 200 && (view.body.allowedActions as string[]).includes(action);
      // an offered action is taken on a twin in the same state, so that the next ones still find this one as it was
      const res = await call(action, offered ? await complaintIn(state) : id);
      expect({ action, offered, taken: res.status === 200 }).toEqual({ action, offered, taken: offered });
    }
  });
});

describe('concurrent transitions', () => {
  it('when two dispatchers accept the same complaint at once, then exactly one succeeds and the other gets 409', async () => {
    const id = await complaintIn('submitted');
    const second = (await server.login('dispatcher')).accessToken;
    const answers = await Promise.all(
      [world.dispatcher, second, world.dispatcher, second].map((token) => server.call('POST', `/api/v1/staff/complaints/${id}/accept`, { token, body: {} })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    const doc = await stored(id);
    // one move, one update, after the filing
    expect(doc).toMatchObject({ state: 'accepted', version: 1, events: 2, outbox: 1 });
  });

  it('when one dispatcher accepts while another rejects, then only one of the two moves happens', async () => {
    const id = await complaintIn('submitted');
    const [a, r] = await Promise.all([call('accept', id), call('reject', id)]);
    expect([a.status, r.status].sort()).toEqual([200, 409]);
    expect((await stored(id)).events).toBe(2);
  });
});

describe('admission', () => {
  it('when the category is refused by the admission list, then the complaint is kept and at once rejected by the system with the referral', async () => {
    const categoryId = await createCategory(server, { admission: { accepted: false, referral: '请向人民调解委员会申请调解' } });
    const filed = await fileComplaint(server, resident, complaintBody(world, { categoryId }));
    expect(filed.status).toBe(201);
    expect(filed.body.state).toBe('rejected');
    expect(filed.body.description).toBe(complaintBody(world).description);
    expect(filed.body.timeline[1]).toMatchObject({ action: 'reject', actorRole: 'system', note: '请向人民调解委员会申请调解', public: true });
    const res = await act(server, world.dispatcher, filed.body.id, 'accept').catch((e: Error) => e.message);
    expect(res).toContain('409');
  });
});
