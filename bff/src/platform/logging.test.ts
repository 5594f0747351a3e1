import { CURRENT_CONSENT_VERSION } from '@gongzhi/shared';
import { captureLogs, startTestServer, type TestServer } from '../../test/http';
import { idNumberAged, phoneCode, phoneNumber } from '../../test/people';

const logs = captureLogs();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('logging', { logger: logs.logger });
});
afterAll(() => server.close());

describe('logs', () => {
  it('when a resident logs in, registers and fails once, then no ID number, phone, name or token reaches the log', async () => {
    const { communityId } = await server.seed();
    const idNumber = idNumberAged(28);
    const phone = phoneNumber();
    const login = await server.login('logged');
    const body = { name: '王小明', idNumber, phoneCode: phoneCode(phone), communityId, consentVersion: CURRENT_CONSENT_VERSION };
    expect((await server.call('POST', '/api/v1/me/real-name', { token: login.accessToken, body })).status).toBe(200);
    await server.call('POST', '/api/v1/me/real-name', { token: login.accessToken, body: { ...body, idNumber: idNumber.slice(0, 17) } });
    await server.call('GET', `/api/v1/communities?phone=${phone}`, { token: login.accessToken });
    await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: login.refreshToken } });

    const text = logs.text();
    expect(text).toContain('"path":"/api/v1/me/real-name"');
    expect(text).toContain(login.user.id);
    for (const secret of [idNumber, idNumber.slice(0, 17), phone, '王小明', login.accessToken, login.refreshToken]) {
      expect(text).not.toContain(secret);
    }
  });
});
