import { useState } from 'react';
import { View } from '@tarojs/components';
import { toApiError } from '../../../api/errors';
import { myAidBlocks, myAidPosts, myTimeBank, unblockAidPerson } from '../../../api/mutual-aid';
import { a11y } from '../../../components/a11y';
import { ChoiceGroup } from '../../../components/choice-group';
import { formatTime } from '../../../components/format';
import { ItemList } from '../../../components/links';
import { PageShell } from '../../../components/page-shell';
import { LoadState } from '../../../components/status';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { AidPostCard } from '../post-card';
import { NicknameCard } from './nickname-card';
import '../../../components/form.css';
import '../../../components/common.css';

const TABS = [
  { value: 'author', label: '我发布的' },
  { value: 'helper', label: '我帮忙的' },
] as const;

/** My asks and offers, the ones I help with, my time bank (时间银行) and the people I blocked. */
export default function AidMinePage() {
  const [tab, setTab] = useState<'author' | 'helper'>('author');
  const [version, setVersion] = useState(0);
  const posts = useLoaded(() => myAidPosts(tab), `${tab}:${version}`);
  const bank = useLoaded(() => myTimeBank(), `bank:${version}`);
  const blocks = useLoaded(() => myAidBlocks(), `blocks:${version}`);

  async function unblock(id: string, nickname: string) {
    try {
      await unblockAidPerson(id);
      toast(`已取消屏蔽${nickname}`);
      setVersion((v) => v + 1);
    } catch (failure) {
      toast(toApiError(failure).message);
    }
  }

  return (
    <PageShell title="我的互助">
      <NicknameCard />
      <View className="gz-card" {...a11y({ role: 'region', label: '时间银行' })}>
        <View className="gz-card-title">时间银行</View>
        <LoadState loading={bank.loading} error={bank.error} onRetry={() => void bank.reload()} />
        {bank.value ? (
          <>
            <View>帮助邻居累计 {bank.value.balance} 小时</View>
            {bank.value.entries.length ? (
              <ItemList label="时间银行记录">
                {bank.value.entries.map((e) => (
                  <View key={`${e.postId}:${e.at}`} className="gz-row">
                    <View>
                      <View>{e.text}</View>
                      <View className="gz-muted">{formatTime(e.at)}</View>
                    </View>
                    <View>
                      {e.delta > 0 ? '+' : ''}
                      {e.delta}小时
                    </View>
                  </View>
                ))}
              </ItemList>
            ) : (
              <View className="gz-muted">帮助邻居并经对方确认后，时长会记在这里</View>
            )}
          </>
        ) : null}
      </View>
      <ChoiceGroup label="列表" inline choices={TABS} value={tab} onChange={setTab} />
      <LoadState loading={posts.loading} error={posts.error} onRetry={() => void posts.reload()} />
      {posts.value ? (
        posts.value.items.length ? (
          <ItemList className="gz-card" label={tab === 'author' ? '我发布的' : '我帮忙的'}>
            {posts.value.items.map((p) => (
              <AidPostCard key={p.id} post={p} />
            ))}
          </ItemList>
        ) : (
          <View className="gz-card gz-muted">{tab === 'author' ? '还没有发布过' : '还没有帮过忙'}</View>
        )
      ) : null}
      {blocks.value?.items.length ? (
        <View className="gz-card" {...a11y({ role: 'region', label: '我屏蔽的人' })}>
          <View className="gz-card-title">我屏蔽的人</View>
          {blocks.value.items.map((p) => (
            <View key={p.id} className="gz-row">
              <View>{p.nickname}</View>
              <Button size="small" fill="outline" onClick={() => void unblock(p.id, p.nickname)}>
                取消屏蔽{p.nickname}
              </Button>
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}
