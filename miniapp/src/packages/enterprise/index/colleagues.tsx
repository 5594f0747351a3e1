import { useState } from 'react';
import { View } from '@tarojs/components';
import type { EnterpriseView } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { enterpriseMembers, inviteColleague, joinEnterprise, removeEnterpriseMember } from '../../../api/enterprises';
import { a11y } from '../../../components/a11y';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';

/** The enterprise's people: the admin invites colleagues (a one-time code) and removes them; anyone may leave. */
export function Colleagues({ enterprise, onLeft }: { enterprise: EnterpriseView; onLeft: () => void }) {
  const [version, setVersion] = useState(0);
  const members = useLoaded(() => enterpriseMembers(enterprise.id), `${enterprise.id}:${version}`);
  const [code, setCode] = useState<string>();
  const [error, setError] = useState<string>();
  const me = members.value?.items.find((m) => m.me);

  async function act(run: () => Promise<unknown>, done: string, after: () => void = () => setVersion((v) => v + 1)) {
    setError(undefined);
    try {
      await run();
      toast(done);
      after();
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  }

  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '企业成员' })}>
      <View className="gz-card-title">企业成员</View>
      <LoadState loading={members.loading} error={members.error} onRetry={() => void members.reload()} />
      {members.value?.items.map((m) => (
        <View key={m.userId} className="gz-row">
          <View>
            {m.name}（{m.role === 'admin' ? '管理员' : '成员'}）{m.me ? '· 我' : ''}
          </View>
          {me?.role === 'admin' && !m.me ? (
            <Button size="small" fill="outline" onClick={() => void act(() => removeEnterpriseMember(enterprise.id, m.userId), `已移除${m.name}`)}>
              移除{m.name}
            </Button>
          ) : null}
        </View>
      ))}
      {me?.role === 'admin' ? (
        <Button block fill="outline" onClick={() => void act(async () => setCode((await inviteColleague(enterprise.id)).code), '邀请码已生成', () => undefined)}>
          邀请同事
        </Button>
      ) : null}
      {code ? <View role="status">邀请码：{code}（7天内有效，只能用一次。请同事在“企业服务”页面填写）</View> : null}
      {me ? (
        <Button block fill="outline" onClick={() => void act(() => removeEnterpriseMember(enterprise.id, me.userId), '已退出企业', onLeft)}>
          退出企业
        </Button>
      ) : null}
      <FieldError message={error} />
    </View>
  );
}

/** A colleague joins with the code the admin gave them. */
export function JoinWithCode({ onJoined }: { onJoined: () => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  async function join() {
    setError(undefined);
    try {
      await joinEnterprise(code.trim().toUpperCase());
      toast('已加入企业');
      onJoined();
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  }
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '加入已登记的企业' })}>
      <TextField label="邀请码（由企业管理员提供）" name="inviteCode" maxlength={8} value={code} onChange={setCode} />
      <FieldError message={error} />
      <Button block fill="outline" disabled={code.trim().length !== 8} onClick={() => void join()}>
        加入企业
      </Button>
    </View>
  );
}
