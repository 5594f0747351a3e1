import { CURRENT_CONSENT_VERSION } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../../test/http';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('service-endpoints');
});
afterAll(() => server.close());

describe('health, readiness, API document, privacy notice', () => {
  it('when asked, then /healthz and /readyz (which pings the database) answer ok', async () => {
    expect((await server.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await server.call('GET', '/readyz')).body).toEqual({ status: 'ok' });
  });

  it('when /openapi.json is fetched, then it lists every route with its schemas', async () => {
    const doc = (await server.call('GET', '/openapi.json')).body;
    expect(doc.openapi).toBe('3.0.3');
    const operations = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/wechat-login', 'POST /api/v1/auth/refresh', 'POST /api/v1/auth/logout',
        'GET /api/v1/me', 'POST /api/v1/me/real-name', 'DELETE /api/v1/me', 'POST /api/v1/me/invitations/redeem',
        'POST /api/v1/admin/invitations', 'GET /api/v1/communities', 'GET /api/v1/units', 'GET /api/v1/privacy-notice',
        'GET /healthz', 'GET /readyz',
      ]),
    );
    const realName = doc.paths['/api/v1/me/real-name'].post;
    expect(realName.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(realName.requestBody.content['application/json'].schema.properties)).toEqual(
      ['name', 'idNumber', 'phoneCode', 'communityId', 'consentVersion'],
    );
  });

  it('when the privacy notice is fetched, then it is the version residents must consent to', async () => {
    const res = await server.call('GET', '/api/v1/privacy-notice');
    expect(res.body).toMatchObject({ version: CURRENT_CONSENT_VERSION, title: expect.stringContaining('个人信息') });
  });

  it('when the privacy notice is read, then it says what of a complaint becomes public and that the rest only with consent, masked', async () => {
    const { body } = (await server.call('GET', '/api/v1/privacy-notice')).body;
    for (const words of ['诉求的公开', '类别、办理状态', '约100米', 'Open311', '同意公开', '自动隐去', '不会公开']) expect([words, body.includes(words)]).toEqual([words, true]);
  });
});
