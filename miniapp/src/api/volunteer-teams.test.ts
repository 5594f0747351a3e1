import Taro from '@tarojs/taro';
import type { TeamSummaryView } from '@gongzhi/shared';
import { removeLeader } from './volunteer-teams';

/**
 * Taro.request is the boundary here (WeChat's or the browser's network): a stand-in records what
 * the team calls send and answers as the BFF would. The real BFF is exercised by e2e/ and bff/.
 */
type Sent = { url: string; method?: string; header?: Record<string, string> };
function answerWith(status: number, data: unknown): Sent[] {
  const sent: Sent[] = [];
  (Taro as unknown as { request: (o: Sent) => Promise<unknown> }).request = async (options) => {
    sent.push(options);
    return { statusCode: status, data };
  };
  return sent;
}

const team: TeamSummaryView = { id: '64b000000000000000000001', communityId: '64b0000000000000000000c1', name: '莲花助老服务队', leaders: [] };

beforeEach(() => {
  window.localStorage.setItem('gz.accessToken', 'access-1');
  window.localStorage.setItem('gz.refreshToken', 'refresh-1');
});

describe('team calls', () => {
  it('when staff remove a leader, then one signed-in DELETE names the team and the leader, escaped, and the team as it now stands comes back', async () => {
    const sent = answerWith(200, team);
    await expect(removeLeader(team.id, 'GZV2026/123')).resolves.toEqual(team);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'DELETE',
      url: `http://bff.test/api/v1/volunteer-teams/${team.id}/leaders/GZV2026%2F123`,
      header: expect.objectContaining({ Authorization: 'Bearer access-1' }),
    });
  });

  it('when the BFF refuses the removal, then the refusal reaches the screen as its code', async () => {
    answerWith(403, { error: { code: 'FORBIDDEN', message: 'x' } });
    await expect(removeLeader(team.id, 'GZV2026123456')).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });
});
