import type { ComplaintSummaryView, ShiftView } from '@gongzhi/shared';
import { attentionItems } from './attention';

const NOW = Date.parse('2026-12-04T02:00:00.000Z');
const complaint = (over: Partial<ComplaintSummaryView>): ComplaintSummaryView => ({
  id: '65a0000000000000000000c1', number: 'GZ20261204000001', state: 'resolved', categoryName: '路灯故障', communityName: '莲花社区',
  summary: '楼道灯坏了', address: '莲花路1号', createdAt: '2026-12-01T02:00:00.000Z', unitName: '城管执法中队', overdue: false, supervised: false, ...over,
});
const shift = (startAt: string, status: 'confirmed' | 'waitlisted' | null): ShiftView => ({
  id: '65a0000000000000000000s1', projectId: 'p', projectTitle: '关爱独居老人', description: '', communityId: 'c', communityName: '莲花社区',
  place: { point: { lat: 22.5, lng: 114 }, address: '莲花路1号', radiusM: 200 }, startAt, endAt: startAt, capacity: 5, confirmed: 1, waitlisted: 0,
  requiredSkills: [], minStars: 0, signupDeadline: startAt, cancelCutoff: startAt, mySignup: status ? { status, waitlistPosition: null } : null,
});

describe('what needs the resident on the home page', () => {
  it('when their own complaint is resolved, then they are asked to rate it; a followed one or one still in hand is not theirs to rate', () => {
    const items = attentionItems(
      [complaint({}), complaint({ id: 'f', viewerFollows: true }), complaint({ id: 'p', state: 'in_progress' })],
      [],
      NOW,
    );
    expect(items).toEqual([{ key: 'c65a0000000000000000000c1', text: '请评价：路灯故障（GZ20261204000001）', url: '/packages/complaints/detail/index?id=65a0000000000000000000c1' }]);
  });

  it('when a shift they hold a seat on starts within two days, then it is listed with its time; one on the waitlist, past or later is not', () => {
    const items = attentionItems(
      [],
      [shift('2026-12-05T01:00:00.000Z', 'confirmed'), shift('2026-12-05T01:00:00.000Z', 'waitlisted'), shift('2026-12-04T01:00:00.000Z', 'confirmed'), shift('2026-12-07T01:00:00.000Z', 'confirmed')],
      NOW,
    );
    expect(items.map((i) => i.text)).toEqual(['志愿服务：关爱独居老人，2026-12-05 09:00 开始']);
  });
});
