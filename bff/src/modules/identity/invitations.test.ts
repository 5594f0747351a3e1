import { advanceClock, resetClock } from '../../platform/clock';
import { startTestServer, type TestServer } from '../../../test/http';

let server: TestServer;
let communityId: string;
let adminToken: string;
beforeAll(async () => {
  server = await startTestServer('invitations');
  ({ communityId } = await server.seed());
  adminToken = (await server.login('admin')).accessToken;
});
afterAll(() => server.close());
afterEach(() => resetClock());

const invite = (token: string, body: object) => server.call('POST', '/api/v1/admin/invitations', { token, body });

describe('staff invitations', () => {
  it('when someone who is not an admin issues an invitation, then 403 FORBIDDEN', async () => {
    const { accessToken } = await server.login('plain-resident');
    const res = await invite(accessToken, { role: 'dispatcher' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('when a user redeems an admin invitation, then they hold the role with its scope, once', async () => {
    const created = await invite(adminToken, { role: 'community_staff', communityId });
    expect(created.status).toBe(201);
    expect(created.body.code).toMatch(/^[2-9A-Z]{12}$/);

    const { accessToken } = await server.login('new-staff');
    const redeemed = await server.call('POST', '/api/v1/me/invitations/redeem', { token: accessToken, body: { code: created.body.code.toLowerCase() } });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.roles).toEqual([{ role: 'resident' }, { role: 'community_staff', communityId }]);

    const other = await server.login('second-comer');
    const again = await server.call('POST', '/api/v1/me/invitations/redeem', { token: other.accessToken, body: { code: created.body.code } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('INVITATION_INVALID');

    expect(JSON.stringify(await server.rawDocuments('invitations'))).not.toContain(created.body.code);
    const actions = (await server.rawDocuments('audit_log')).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['invitation.created', 'invitation.redeemed']));
  });

  it('when the same user redeems the code again (a retry after a lost reply), then the role is bound once', async () => {
    const created = await invite(adminToken, { role: 'unit_staff', unitId: (await server.seed()).unitId });
    const { accessToken } = await server.login('retrying-staff');
    const redeem = () => server.call('POST', '/api/v1/me/invitations/redeem', { token: accessToken, body: { code: created.body.code } });
    const first = await redeem();
    const second = await redeem();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.roles.filter((r: { role: string }) => r.role === 'unit_staff')).toHaveLength(1);
  });

  it('when two people redeem one code at the same moment, then exactly one of them gains the role', async () => {
    for (let round = 0; round < 3; round++) {
      const created = await invite(adminToken, { role: 'dispatcher' });
      const people = await Promise.all([server.login(`racer-a-${round}`), server.login(`racer-b-${round}`), server.login(`racer-c-${round}`)]);
      const results = await Promise.all(
        people.map((p) => server.call('POST', '/api/v1/me/invitations/redeem', { token: p.accessToken, body: { code: created.body.code } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    }
  });

  it('when an invitation is past its expiry, then it cannot be redeemed', async () => {
    const created = await invite(adminToken, { role: 'dispatcher' });
    advanceClock((server.config.invitations.ttlHours + 1) * 3_600_000);
    const { accessToken } = await server.login('too-late');
    const res = await server.call('POST', '/api/v1/me/invitations/redeem', { token: accessToken, body: { code: created.body.code } });
    expect(res.body.error.code).toBe('INVITATION_INVALID');
  });

  it('when a community role comes without its community, then 400 VALIDATION_FAILED', async () => {
    const res = await invite(adminToken, { role: 'community_staff' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'body.communityId', message: '该角色必须指定' }]);
  });
});
