import { ACTION_SPECS, bodyFor } from './action-specs';

const spec = (action: string) => {
  const found = ACTION_SPECS.find((s) => s.action === action);
  if (!found) throw new Error(`no spec for ${action}`);
  return found;
};

describe('staff action forms', () => {
  it('when every transition a staff member can make is listed, then each has a form', () => {
    expect(ACTION_SPECS.map((s) => s.action).sort()).toEqual(
      ['accept', 'appeal', 'dispatch', 'recordContact', 'recordPhoneCallback', 'reject', 'resolve', 'return', 'ruleOnAppeal', 'sign', 'supervise'].sort(),
    );
  });

  it('when dispatching without a unit, then the unit is asked for', () => {
    expect(bodyFor(spec('dispatch'), { note: '  ' })).toEqual({ ok: false, errors: { unitId: '请选择承办单位' } });
  });

  it('when dispatching to a unit with a blank note, then the note is left out and no assisting units are sent', () => {
    expect(bodyFor(spec('dispatch'), { unitId: '65a000000000000000000001', note: ' ' })).toEqual({
      ok: true,
      body: { unitId: '65a000000000000000000001', assistingUnitIds: [], public: false },
    });
  });

  it('when dispatching with assisting units that include the main unit, then only the others are sent as 协办', () => {
    const main = '65a000000000000000000001';
    const other = '65a000000000000000000002';
    expect(bodyFor(spec('dispatch'), { unitId: main, assistingUnitIds: [main, other] })).toEqual({
      ok: true,
      body: { unitId: main, assistingUnitIds: [other], public: false },
    });
  });

  it('when recording a contact without the method or a note, then both are asked for', () => {
    expect(bodyFor(spec('recordContact'), {})).toEqual({
      ok: false,
      errors: { method: '请选择联系方式', note: '请填写联系情况，2至500字' },
    });
  });

  it('when resolving with a short result, then the result is asked for; with photos, their ids are sent', () => {
    expect(bodyFor(spec('resolve'), { result: '已处理', photoIds: [] })).toMatchObject({ ok: false, errors: { result: '请填写办理结果，5至2000字' } });
    expect(bodyFor(spec('resolve'), { result: '摊贩已劝离，设置了提示牌', photoIds: ['65a0000000000000000000f1'] })).toEqual({
      ok: true,
      body: { result: '摊贩已劝离，设置了提示牌', photoIds: ['65a0000000000000000000f1'], public: false },
    });
  });

  it('when a note is to be made public, then the form sends public: true; by default it sends public: false; internal notes (return, supervise) offer no such choice', () => {
    expect(bodyFor(spec('accept'), { note: '已受理，将尽快派单', public: 'true' })).toEqual({ ok: true, body: { note: '已受理，将尽快派单', public: true } });
    expect(bodyFor(spec('accept'), { note: '已受理' })).toEqual({ ok: true, body: { note: '已受理', public: false } });
    for (const action of ['accept', 'reject', 'dispatch', 'sign', 'recordContact', 'resolve']) expect([action, spec(action).fields.some((f) => f.name === 'public')]).toEqual([action, true]);
    for (const action of ['return', 'supervise', 'appeal', 'ruleOnAppeal']) expect([action, spec(action).fields.some((f) => f.name === 'public')]).toEqual([action, false]);
  });

  it('when a supervision has no words, then it is refused before the call', () => {
    expect(bodyFor(spec('supervise'), {})).toEqual({ ok: false, errors: { note: '请填写督办意见，2至500字' } });
  });

  it('when the phone callback did not reach the resident, then a satisfaction picked earlier is not sent', () => {
    expect(bodyFor(spec('recordPhoneCallback'), { reached: 'false', satisfaction: 'satisfied', resolved: 'true' })).toEqual({
      ok: true,
      body: { reached: false },
    });
    expect(bodyFor(spec('recordPhoneCallback'), { reached: 'true', satisfaction: 'satisfied', resolved: 'false' })).toEqual({
      ok: true,
      body: { reached: true, satisfaction: 'satisfied', resolved: false },
    });
  });
});
