import type { SubscribeTemplatesView } from '@gongzhi/shared';
import { createSubscriber, type SubscribeDeps } from './subscribe';

const TEMPLATES: SubscribeTemplatesView = { complaint: ['t-progress', 't-rating'], volunteerSignup: ['t-shift'], volunteerRegistration: ['t-shift'], staffWork: ['t-overdue'], polls: ['t-poll'], mutualAid: ['t-aid'], proposal: ['t-proposal'], activity: ['t-activity'], enterprise: ['t-enterprise'], enterpriseDesk: ['t-enterprise-case'] };

function deps(answer: Record<string, unknown> | Error = { 't-progress': 'accept', 't-rating': 'reject' }) {
  const d = {
    loadTemplates: jest.fn().mockResolvedValue(TEMPLATES),
    request: jest.fn(() => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', ...answer }))),
    report: jest.fn().mockResolvedValue({}),
  } satisfies SubscribeDeps;
  return d;
}

describe('asking for subscriptions on a submit tap', () => {
  it('when the page has loaded the templates, then the tap asks WeChat synchronously and reports only the accepted ids', async () => {
    const d = deps();
    const subscriber = createSubscriber(d);
    await subscriber.prepare();
    const asked = subscriber.ask('complaint');
    // called in the same tick as the tap, before anything is awaited
    expect(d.request).toHaveBeenCalledWith(['t-progress', 't-rating']);
    await expect(asked).resolves.toEqual(['t-progress']);
    expect(d.report).toHaveBeenCalledWith(['t-progress']);
  });

  it('when the person rejects everything, then nothing is reported', async () => {
    const d = deps({ 't-shift': 'reject' });
    const subscriber = createSubscriber(d);
    await subscriber.prepare();
    await expect(subscriber.ask('volunteerSignup')).resolves.toEqual([]);
    expect(d.report).not.toHaveBeenCalled();
  });

  it('when the templates are not loaded yet, then WeChat is not asked (it would be outside the tap)', async () => {
    const d = deps();
    d.loadTemplates.mockRejectedValueOnce(new Error('offline'));
    const subscriber = createSubscriber(d);
    await subscriber.prepare();
    await expect(subscriber.ask('complaint')).resolves.toEqual([]);
    expect(d.request).not.toHaveBeenCalled();
    // the next page load tries again
    await subscriber.prepare();
    expect(d.loadTemplates).toHaveBeenCalledTimes(2);
  });

  it('when WeChat fails or the report fails, then asking still resolves and submitting can go on', async () => {
    const failing = deps(new Error('requestSubscribeMessage:fail can only be invoked by user TAP gesture'));
    const s1 = createSubscriber(failing);
    await s1.prepare();
    await expect(s1.ask('complaint')).resolves.toEqual([]);

    const unreported = deps({ 't-shift': 'accept' });
    unreported.report.mockRejectedValueOnce(new Error('network'));
    const s2 = createSubscriber(unreported);
    await s2.prepare();
    await expect(s2.ask('volunteerRegistration')).resolves.toEqual(['t-shift']);
  });
});
