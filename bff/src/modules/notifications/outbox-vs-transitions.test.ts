/**
 * The outbox worker marks entries inside the complaint's own document while staff move it. Each is one
 * update of the fields it changes, atomic on MongoDB and FerretDB 2, so a "sent" mark never puts an
 * old state back; this is the race that says so.
 */
import { connectDatabase } from '../../platform/database';
import { startTestServer, type TestServer } from '../../../test/http';
import { complaintBody, registeredResident, setUpWorld, type ComplaintWorld } from '../complaints/complaint-test-kit';
import { runOutboxOnce } from './outbox-delivery';
import { createMiniProgramApi } from '../../wechat/miniprogram';
import type { Connection } from 'mongoose';

let server: TestServer;
let world: ComplaintWorld;
let resident: string;
let conn: Connection;

beforeAll(async () => {
  server = await startTestServer('outbox-race');
  world = await setUpWorld(server);
  resident = await registeredResident(server, world, 'outbox-racer');
  conn = await connectDatabase(server.mongoUri);
});
afterAll(async () => {
  await conn.close();
  await server.close();
});

it('when the outbox worker marks messages while the dispatcher moves the complaint, then no move is undone', async () => {
  const wechat = createMiniProgramApi({ baseUrl: server.simulator.url, appId: server.config.wechat.appId, appSecret: server.config.secrets.wechatAppSecret });
  for (let round = 0; round < 15; round++) {
    const filed = await server.call('POST', '/api/v1/complaints', {
      token: resident,
      headers: { 'idempotency-key': `outbox-race-${round}-${Date.now()}` },
      body: complaintBody(world),
    });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    // accept queues a message to the resident; dispatch races the worker that marks it sent
    expect((await server.call('POST', `/api/v1/staff/complaints/${id}/accept`, { token: world.dispatcher, body: {} })).status).toBe(200);
    const [dispatched] = await Promise.all([
      server.call('POST', `/api/v1/staff/complaints/${id}/dispatch`, { token: world.dispatcher, body: { unitId: world.units.chengguan } }),
      runOutboxOnce({ conn, wechat, templates: server.config.wechat.subscribeTemplates }),
      runOutboxOnce({ conn, wechat, templates: server.config.wechat.subscribeTemplates }),
    ]);
    expect(dispatched.status).toBe(200);
    const doc = await conn.db!.collection('complaints').findOne({ _id: new conn.base.Types.ObjectId(id) });
    expect(doc!.state).toBe('dispatched');
    expect((doc!.events as Array<{ action: string }>).map((e) => e.action)).toEqual(expect.arrayContaining(['accept', 'dispatch']));
  }
});
