import { render, screen } from '@testing-library/react';
import type { ComplaintView } from '@gongzhi/shared';
import { ComplaintDetails } from './complaint-details';

const OWN: ComplaintView = {
  id: '65a0000000000000000000c1',
  number: 'GZ20261204000001',
  state: 'dispatched',
  categoryName: '路灯故障',
  communityName: '莲花社区',
  summary: '楼道灯坏了',
  address: '莲花路1号',
  createdAt: '2026-12-04T02:00:00.000Z',
  unitName: '城管执法中队',
  overdue: false,
  supervised: false,
  description: '楼道灯坏了好几天',
  photoIds: [],
  location: { point: { lat: 22.5431, lng: 114.0579 }, address: '莲花路1号' },
  deadlines: {},
  redoRounds: 0,
  rating: null,
  ratingDueAt: null,
  resident: null,
  timeline: [{ action: 'dispatch', from: 'accepted', to: 'dispatched', at: '2026-12-04T03:00:00.000Z', actorRole: 'dispatcher', actorLabel: '分拨中心', note: '派至城管执法中队', public: true }],
  allowedActions: [],
};

/** The public view a follower gets (complaint-view.ts in the BFF): no words, photos or address. */
const FOLLOWED: ComplaintView = { ...OWN, summary: '', address: '', description: '', location: { point: { lat: 22.543, lng: 114.058 }, address: '' }, viewerFollows: true };

describe('complaint details', () => {
  it('when the viewer follows someone else’s complaint, then it says so, shows no empty description or photo area, and says the address is not public', () => {
    const { container } = render(<ComplaintDetails view={FOLLOWED} />);
    expect(screen.getByRole('note')).toHaveTextContent('这是您关注的诉求');
    expect(container.querySelector('.gz-description')).toBeNull();
    expect(container.querySelector('.gz-photo-strip, taro-image-core')).toBeNull();
    expect(screen.getByText('莲花社区（详细地址不公开）')).toBeInTheDocument();
    expect(screen.getByText('派至城管执法中队')).toBeInTheDocument();
  });

  it('when the viewer filed it, then the description and address show and no follower notice', () => {
    const { container } = render(<ComplaintDetails view={OWN} />);
    expect(screen.queryByRole('note')).toBeNull();
    expect(container.querySelector('.gz-description')).toHaveTextContent('楼道灯坏了好几天');
    expect(screen.getByText('莲花社区 · 莲花路1号')).toBeInTheDocument();
  });
});

describe('what happens next, for the resident', () => {
  it('when a dispatched complaint is shown to its resident, then the next step is said in words with the signing deadline', () => {
    render(<ComplaintDetails view={{ ...OWN, deadlines: { sign: '2026-12-04T07:00:00.000Z', resolve: '2026-12-11T03:00:00.000Z' } }} />);
    const next = screen.getByRole('region', { name: '接下来' });
    expect(next).toHaveTextContent('等待签收');
    // the deadline that applies now, in China time, not every deadline there is
    expect(screen.getByLabelText('签收期限：2026-12-04 15:00')).toBeInTheDocument();
    expect(next).not.toHaveTextContent('办结期限');
  });

  it('when it is resolved, then the resident is asked to rate by the rating deadline', () => {
    render(<ComplaintDetails view={{ ...OWN, state: 'resolved', ratingDueAt: '2026-12-11T03:00:00.000Z' }} />);
    expect(screen.getByRole('region', { name: '接下来' })).toHaveTextContent('请您评价办理结果');
    expect(screen.getByLabelText('评价截止：2026-12-11 11:00')).toBeInTheDocument();
  });

  it('when staff read it, then they get every deadline and no resident guidance', () => {
    render(<ComplaintDetails view={{ ...OWN, deadlines: { sign: '2026-12-04T07:00:00.000Z' } }} showDeadlines />);
    expect(screen.queryByRole('region', { name: '接下来' })).toBeNull();
    expect(screen.getByLabelText('签收时限：2026-12-04 15:00')).toBeInTheDocument();
  });
});
