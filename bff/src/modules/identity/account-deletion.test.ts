import { CURRENT_CONSENT_VERSION } from '@gongzhi/shared';
import { idNumberAged, phoneCode, phoneNumber } from '../../../test/people';
import { startTestServer, type TestServer } from '../../../test/http';

let server: TestServer;
let communityId: string;
beforeAll(async () => {
  server = await startTestServer('account-deletion');
  ({ communityId } = await server.seed());
});
afterAll(() => server.close());

const registration = (idNumber: string) => ({
  name: '李四',
  idNumber,
  phoneCode: phoneCode(phoneNumber()),
  communityId,
  consentVersion: CURRENT_CONSENT_VERSION,
});

describe('account deletion', () => {
  it('when a resident deletes their account, then personal data and tokens are gone and the audit trail stays', async () => {
    const idNumber = idNumberAged(35);
    const login = await server.login('leaving');
    expect((await server.call('POST', '/api/v1/me/real-name', { token: login.accessToken, body: registration(idNumber) })).status).toBe(200);

    expect((await server.call('DELETE', '/api/v1/me', { token: login.accessToken })).status).toBe(204);

    expect((await server.call('GET', '/api/v1/me', { token: login.accessToken })).status).toBe(401);
    expect((await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: login.refreshToken } })).status).toBe(401);

    const stored = (await server.rawDocuments('users')).find((u) => String(u._id) === login.user.id)!;
    expect(stored.realName).toBeUndefined();
    expect(stored.openid).toBe(`deleted:${login.user.id}`);

    const audit = (await server.rawDocuments('audit_log')).filter((e) => e.subjectId === login.user.id);
    expect(audit.map((e) => e.action)).toEqual(['user.real_name_registered', 'user.deleted']);
  });

  it('when the same WeChat user comes back, then they start afresh and may register the same ID number', async () => {
    const idNumber = idNumberAged(36);
    const before = await server.login('returning');
    await server.call('POST', '/api/v1/me/real-name', { token: before.accessToken, body: registration(idNumber) });
    await server.call('DELETE', '/api/v1/me', { token: before.accessToken });

    const after = await server.login('returning');
    expect(after.user.id).not.toBe(before.user.id);
    expect(after.user.verified).toBe(false);
    const again = await server.call('POST', '/api/v1/me/real-name', { token: after.accessToken, body: registration(idNumber) });
    expect(again.status).toBe(200);
  });
});
