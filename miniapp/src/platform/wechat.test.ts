import { DEMO_LOCATION, currentPosition, obtainLoginCode, phoneCodeFromButtonEvent, scanCode, standInPhoneCode, usesScanStandIn, usesWechatStandIn } from './wechat';

describe('WeChat adapter in the H5 build', () => {
  it('when a login name is given, then each login gets a fresh simulator code for that name', async () => {
    expect(usesWechatStandIn).toBe(true);
    const first = await obtainLoginCode('zhangsan');
    const second = await obtainLoginCode('zhangsan');
    expect(first).toMatch(/^dev:zhangsan:[0-9a-f]{16}$/);
    // the simulator, like WeChat, accepts each code string once
    expect(second).not.toBe(first);
  });

  it('when the login name could break the code format, then no code is made', async () => {
    await expect(obtainLoginCode('a:b')).rejects.toThrow();
    await expect(obtainLoginCode('')).rejects.toThrow();
  });

  it('when a phone number is given, then the stand-in code carries it, a nonce and the time it was issued', () => {
    const before = Date.now();
    const code = standInPhoneCode('13800138000');
    const [, phone, nonce, issuedAt] = code.split(':');
    expect(phone).toBe('13800138000');
    expect(nonce).toMatch(/^[0-9a-f]{16}$/);
    expect(Number(issuedAt)).toBeGreaterThanOrEqual(before);
  });

  it('when the user refuses the phone-number button, then there is no code', () => {
    expect(phoneCodeFromButtonEvent({ detail: { code: 'abc' } })).toBe('abc');
    expect(phoneCodeFromButtonEvent({ detail: {} })).toBeUndefined();
  });
});

describe('on-site stand-ins in the H5 build', () => {
  it('when scanning in a browser, then there is no camera code: the page asks for the pasted code instead', async () => {
    expect(usesScanStandIn).toBe(true);
    await expect(scanCode()).resolves.toBeUndefined();
  });

  it('when the position is asked for in a browser, then it is the demo street point with a plausible accuracy', async () => {
    await expect(currentPosition()).resolves.toEqual({ lat: DEMO_LOCATION.point.lat, lng: DEMO_LOCATION.point.lng, accuracyM: 15 });
  });
});
