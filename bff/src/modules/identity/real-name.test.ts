import { CURRENT_CONSENT_VERSION, maskIdNumber, maskPhone, needsNewConsent } from '@gongzhi/shared';
import { connectDatabase } from '../../platform/database';
import { Users } from './user.model';
import { idNumberAged, phoneCode, phoneNumber, withCheckChar } from '../../../test/people';
import { startTestServer, type TestServer } from '../../../test/http';

let server: TestServer;
let communityId: string;
beforeAll(async () => {
  server = await startTestServer('real-name');
  ({ communityId } = await server.seed());
});
afterAll(() => server.close());

async function register(name: string, fields: { idNumber?: string; phoneCode?: string; consentVersion?: string; communityId?: string } = {}) {
  const { accessToken } = await server.login(name);
  const body = {
    name: '张三丰',
    idNumber: fields.idNumber ?? idNumberAged(30),
    phoneCode: fields.phoneCode ?? phoneCode(phoneNumber()),
    communityId: fields.communityId ?? communityId,
    consentVersion: fields.consentVersion ?? CURRENT_CONSENT_VERSION,
  };
  const res = await server.call('POST', '/api/v1/me/real-name', { token: accessToken, body });
  return { res, accessToken, body };
}

describe('real-name registration', () => {
  it('when an adult registers, then the profile shows their data masked and they are not a minor', async () => {
    const idNumber = idNumberAged(30);
    const phone = phoneNumber();
    const { res, accessToken } = await register('adult', { idNumber, phoneCode: phoneCode(phone) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verified: true, consent: { version: CURRENT_CONSENT_VERSION } });
    const me = await server.call('GET', '/api/v1/me', { token: accessToken });
    expect(me.body.realName).toMatchObject({
      name: '张*丰',
      idNumber: maskIdNumber(idNumber),
      phone: maskPhone(phone),
      minor: false,
      communityId,
      communityName: '莲花社区',
    });
    expect(JSON.stringify(me.body)).not.toContain(idNumber);
    expect(JSON.stringify(me.body)).not.toContain(phone);
  });

  it('when registered, then the ID number, phone and name appear nowhere in plaintext in the database', async () => {
    const idNumber = idNumberAged(40);
    const phone = phoneNumber();
    const { res } = await register('stored', { idNumber, phoneCode: phoneCode(phone) });
    expect(res.status).toBe(200);
    for (const collection of ['users', 'audit_log', 'refresh_families']) {
      const raw = JSON.stringify(await server.rawDocuments(collection));
      expect(raw).not.toContain(idNumber);
      expect(raw).not.toContain(idNumber.slice(0, 17));
      expect(raw).not.toContain(phone);
      expect(raw).not.toContain('张三丰');
    }
    const users = await server.rawDocuments('users');
    expect(users.some((u) => String(u._id) === res.body.id && (u.realName as { idNumberCipher?: string })?.idNumberCipher)).toBe(true);
  });

  it('when the resident is 14 to 17, then they are registered and marked minor', async () => {
    const { res } = await register('teen', { idNumber: idNumberAged(16) });
    expect(res.status).toBe(200);
    expect(res.body.realName.minor).toBe(true);
  });

  it('when the resident is under 14, then registration is refused with AGE_UNDER_14', async () => {
    const { res } = await register('child', { idNumber: idNumberAged(13) });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('AGE_UNDER_14');
  });

  it('when the check character is wrong, then it is refused with ID_NUMBER_INVALID', async () => {
    const valid = idNumberAged(30);
    const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const { res } = await register('typo', { idNumber: wrong });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('ID_NUMBER_INVALID');
  });

  it('when the birth date does not exist, then it is refused with ID_NUMBER_BAD_DATE', async () => {
    const { res } = await register('feb30', { idNumber: withCheckChar('11010519990230123') });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('ID_NUMBER_BAD_DATE');
  });

  it('when the ID number is already registered to another account, then 409 ID_ALREADY_REGISTERED', async () => {
    const idNumber = idNumberAged(50);
    expect((await register('first-holder', { idNumber })).res.status).toBe(200);
    const { res } = await register('second-holder', { idNumber: idNumber.toLowerCase() });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ID_ALREADY_REGISTERED');
  });

  it('when the phone code was already used, then it is refused with PHONE_CODE_INVALID', async () => {
    const code = phoneCode(phoneNumber());
    expect((await register('phone-first', { phoneCode: code })).res.status).toBe(200);
    const { res } = await register('phone-again', { phoneCode: code });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('PHONE_CODE_INVALID');
  });

  it('when the phone code has expired, then it is refused with PHONE_CODE_INVALID', async () => {
    const { res } = await register('phone-late', { phoneCode: phoneCode(phoneNumber(), 6 * 60_000) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('PHONE_CODE_INVALID');
  });

  it('when the consent is for an older notice, then it is refused', async () => {
    const { res } = await register('old-consent', { consentVersion: '2020-01-01' });
    expect(res.body.error.code).toBe('CONSENT_VERSION_OUTDATED');
    // the notice before complaints were said to become public (issue 8)
    const previous = await register('previous-consent', { consentVersion: '2026-11-01' });
    expect(previous.res.body.error.code).toBe('CONSENT_VERSION_OUTDATED');
  });

  it('when the community does not exist, then it is refused', async () => {
    const { res } = await register('nowhere', { communityId: 'a'.repeat(24) });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('COMMUNITY_NOT_FOUND');
  });

  it('when a verified resident registers again, then 409 ALREADY_VERIFIED', async () => {
    const { accessToken, body } = await register('twice');
    const again = await server.call('POST', '/api/v1/me/real-name', { token: accessToken, body: { ...body, idNumber: idNumberAged(31), phoneCode: phoneCode(phoneNumber()) } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_VERIFIED');
  });

  it('when a field is malformed, then 400 VALIDATION_FAILED names it', async () => {
    const { accessToken } = await server.login('sloppy');
    const res = await server.call('POST', '/api/v1/me/real-name', {
      token: accessToken,
      body: { name: '1', idNumber: '123', phoneCode: 'phone:13900000000', communityId, consentVersion: CURRENT_CONSENT_VERSION },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.name', 'body.idNumber']);
  });
});

describe('consent to a newer privacy notice', () => {
  /** A resident registered under the notice before complaints were said to become public. */
  async function registeredUnderOldNotice(name: string) {
    const { res, accessToken } = await register(name);
    expect(res.status).toBe(200);
    const conn = await connectDatabase(server.mongoUri);
    try {
      await Users(conn).updateOne({ _id: res.body.id }, { $set: { consent: { version: '2026-11-01', at: new Date('2026-11-02T00:00:00Z') } } });
    } finally {
      await conn.close();
    }
    return accessToken;
  }

  it('when a resident registered under an older notice agrees to the current one, then /me shows it and the audit trail keeps both versions', async () => {
    const token = await registeredUnderOldNotice('renew-consent');
    const before = await server.call('GET', '/api/v1/me', { token });
    expect(needsNewConsent(before.body)).toBe(true);
    const res = await server.call('POST', '/api/v1/me/consent', { token, body: { consentVersion: CURRENT_CONSENT_VERSION } });
    expect(res.status).toBe(200);
    expect(res.body.consent.version).toBe(CURRENT_CONSENT_VERSION);
    expect(needsNewConsent((await server.call('GET', '/api/v1/me', { token })).body)).toBe(false);
    const audit = (await server.rawDocuments('audit_log')).find((a) => a.action === 'user.consent_renewed' && a.subjectId === res.body.id);
    expect(audit?.details).toEqual({ consentVersion: CURRENT_CONSENT_VERSION, previous: '2026-11-01' });
  });

  it('when the version sent is not the current one, then 400 and the old consent stays', async () => {
    const token = await registeredUnderOldNotice('renew-stale');
    const res = await server.call('POST', '/api/v1/me/consent', { token, body: { consentVersion: '2026-11-01' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('CONSENT_VERSION_OUTDATED');
    expect((await server.call('GET', '/api/v1/me', { token })).body.consent.version).toBe('2026-11-01');
  });

  it('when someone without real-name registration sends a consent, then 403 REAL_NAME_REQUIRED', async () => {
    const { accessToken } = await server.login('renew-unregistered');
    const res = await server.call('POST', '/api/v1/me/consent', { token: accessToken, body: { consentVersion: CURRENT_CONSENT_VERSION } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('REAL_NAME_REQUIRED');
  });
});
