import { useState } from 'react';
import { View } from '@tarojs/components';
import { toApiError } from '../../../api/errors';
import { a11y } from '../../../components/a11y';
import { FieldError } from '../../../components/status';
import { Button } from '../../../components/ui';

/**
 * "移除队长" asks first, in the card itself rather than a system dialog, so that the question and
 * its two answers are read out in order on both targets. Removal takes the right to run the team's
 * shifts away at once, so the question says so. It names the leader by user id, which every leader
 * has: leaders named when the team was created need not be registered volunteers.
 */
export function RemoveLeader({
  teamName,
  leader,
  onRemove,
}: {
  teamName: string;
  leader: { id: string; name: string; volunteerNumber: string | null };
  onRemove: (leaderId: string) => Promise<void>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const who = `${leader.name || '未实名'}（${leader.volunteerNumber ?? '未注册志愿者'}）`;

  async function confirm() {
    setError(undefined);
    setBusy(true);
    try {
      await onRemove(leader.id);
      setAsking(false);
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  if (!asking) {
    return (
      <Button size="small" {...a11y({ label: `移除${teamName}的队长${who}` })} onClick={() => setAsking(true)}>
        移除队长
      </Button>
    );
  }
  return (
    <View className="gz-card" {...a11y({ role: 'alertdialog', label: `移除队长${who}，请确认` })}>
      <View>
        确定移除队长{who}？移除后其立即不能再组织{teamName}的班次。
      </View>
      <FieldError message={error} />
      <View className="gz-row">
        <Button size="small" type="danger" loading={busy} {...a11y({ label: `确认移除队长${who}` })} onClick={() => void confirm()}>
          确认移除
        </Button>
        <Button size="small" disabled={busy} {...a11y({ label: '取消移除' })} onClick={() => setAsking(false)}>
          取消
        </Button>
      </View>
    </View>
  );
}
