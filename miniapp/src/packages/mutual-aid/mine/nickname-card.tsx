import { useState } from 'react';
import { View } from '@tarojs/components';
import { AidNicknameBody } from '@gongzhi/shared';
import { myAidCard, setAidNickname } from '../../../api/mutual-aid';
import { a11y } from '../../../components/a11y';
import { LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useLoaded } from '../../../components/use-loaded';

/** The card neighbours see (nickname, community, ratings; never the real name), and the nickname the resident chooses for it. */
export function NicknameCard() {
  const [version, setVersion] = useState(0);
  const card = useLoaded(() => myAidCard(), `card:${version}`);
  const [nickname, setNickname] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const action = useAction();

  async function save() {
    const parsed = AidNicknameBody.safeParse({ nickname });
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message);
      return;
    }
    setFieldError(undefined);
    await action.run(
      async () => {
        await setAidNickname(parsed.data.nickname);
        toast('昵称已保存');
        setNickname('');
        setVersion((v) => v + 1);
      },
      (refusal) => {
        // the reason beside the field: taken, the real name, or risky
        const beside = Array.isArray(refusal.details) ? (refusal.details as Array<{ message?: string }>)[0]?.message : undefined;
        setFieldError(beside ?? refusal.message);
        return true;
      },
    );
  }

  const value = card.value;
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '我的互助名片' })}>
      <View className="gz-card-title">我的互助名片</View>
      <LoadState loading={card.loading} error={card.error} onRetry={() => void card.reload()} />
      {value ? (
        <>
          <View>
            昵称：{value.nickname}，{value.communityName}，{value.ratings.count ? `${value.ratings.mean}分（${value.ratings.count}次评价）` : '暂无评价'}
          </View>
          <View className="gz-muted">邻居只看到您的昵称、社区和评价，看不到您的真实姓名。</View>
          <TextField label="新的互助昵称" name="nickname" maxlength={12} placeholder="2至12个字，不要用真实姓名" value={nickname} error={fieldError} onChange={setNickname} />
          <Button block fill="outline" loading={action.busy} disabled={action.busy || nickname.trim() === ''} onClick={() => void save()}>
            保存昵称
          </Button>
        </>
      ) : null}
    </View>
  );
}
