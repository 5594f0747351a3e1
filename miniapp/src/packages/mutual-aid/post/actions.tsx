import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AID_RATING_TAGS, pageUrl, type AidPostView } from '@gongzhi/shared';
import {
  acceptAidResponse, blockAidPerson, closeAidPost, completeAidPost, confirmAidPost, rateAidPost, reportAid, respondToAidPost,
} from '../../../api/mutual-aid';
import { a11y } from '../../../components/a11y';
import { CheckGroup, ChoiceGroup } from '../../../components/choice-group';
import { FieldError } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useSubscribePrompt } from '../../../platform/subscribe';

const HOURS = ['0.5', '1', '1.5', '2', '3', '4', '6', '8'].map((h) => ({ value: h, label: `${h}小时` }));
const STARS = [1, 2, 3, 4, 5].map((s) => ({ value: String(s), label: `${s}星` }));

/** What this person may do with the post now, as the BFF's action table offers it. */
export function PostActions({ post, onChanged }: { post: AidPostView; onChanged: () => void }) {
  const action = useAction();
  const { busy, error } = action;
  const act = (work: () => Promise<unknown>, done: string) => action.act(work, done, onChanged);
  const can = (a: AidPostView['viewer']['actions'][number]) => post.viewer.actions.includes(a);
  const [note, setNote] = useState('');
  const [hours, setHours] = useState(String(post.hours.claimed ?? '1'));
  const [stars, setStars] = useState<string>();
  const [tags, setTags] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const askSubscription = useSubscribePrompt('mutualAid');
  // the person on the other side, whom this viewer may report or block: the author, or for the author the helper
  const other = post.viewer.role === 'author' ? post.helper : post.viewer.role === 'staff' ? undefined : post.author;

  return (
    <>
      {can('respond') ? (
        <View className="gz-card" {...a11y({ role: 'region', label: '响应' })}>
          <TextField label="给对方留言（选填）" name="note" maxlength={200} value={note} onChange={setNote} />
          <Button
            type="primary"
            block
            loading={busy}
            disabled={busy}
            onClick={() => {
              void askSubscription();
              void act(() => respondToAidPost(post.id, note.trim()), '已响应，对方接受后会通知您');
            }}
          >
            {post.kind === 'ask' ? '我能帮忙' : '我需要'}
          </Button>
        </View>
      ) : null}
      {post.viewer.role === 'author' && post.state === 'open' ? (
        <View className="gz-card" {...a11y({ role: 'region', label: '响应的邻居' })}>
          <View className="gz-card-title">响应的邻居（{post.responseList.length}）</View>
          {post.responseList.length === 0 ? <View className="gz-muted">还没有人响应</View> : null}
          {post.responseList.map((r) => (
            <View key={r.responder.id} className="gz-row">
              <View>
                <View>
                  {r.responder.nickname}（{r.responder.ratings.count ? `${r.responder.ratings.mean}分，${r.responder.ratings.count}次评价` : '暂无评价'}）
                </View>
                {r.note ? <View className="gz-muted">{r.note}</View> : null}
              </View>
              <Button size="small" disabled={busy} onClick={() => void act(() => acceptAidResponse(post.id, r.responder.id), `已接受${r.responder.nickname}`)}>
                接受{r.responder.nickname}
              </Button>
            </View>
          ))}
        </View>
      ) : null}
      {can('complete') ? (
        <View className="gz-card" {...a11y({ role: 'region', label: '标记完成' })}>
          <View className="gz-field-label">帮忙用了多长时间</View>
          <ChoiceGroup label="帮忙时长" inline choices={HOURS} value={hours} onChange={setHours} />
          <Button type="primary" block loading={busy} disabled={busy} onClick={() => void act(() => completeAidPost(post.id, Number(hours)), '已标记完成，等待对方确认')}>
            标记完成
          </Button>
        </View>
      ) : null}
      {can('confirm') ? (
        <View className="gz-card" {...a11y({ role: 'region', label: '确认完成' })}>
          <View>对方填写的时长：{post.hours.claimed}小时。确认后记入对方的时间银行。</View>
          <ChoiceGroup label="确认时长" inline choices={HOURS} value={hours} onChange={setHours} />
          <Button type="primary" block loading={busy} disabled={busy} onClick={() => void act(() => confirmAidPost(post.id, Number(hours)), '已确认完成')}>
            确认完成
          </Button>
        </View>
      ) : null}
      {can('rate') ? (
        <View className="gz-card" {...a11y({ role: 'region', label: '评价对方' })}>
          <View className="gz-field-label">评价对方</View>
          <ChoiceGroup label="星级" inline choices={STARS} value={stars} onChange={setStars} />
          <CheckGroup label="印象" choices={AID_RATING_TAGS.map((t) => ({ value: t, label: t }))} values={tags} onChange={setTags} />
          <Button type="primary" block disabled={busy || !stars} onClick={() => void act(() => rateAidPost(post.id, { stars: Number(stars), tags: tags as never }), '评价已提交')}>
            提交评价
          </Button>
        </View>
      ) : null}
      {can('edit') || can('close') ? (
        <View className="gz-actions">
          {can('edit') ? (
            <Button block fill="outline" disabled={busy} onClick={() => void Taro.navigateTo({ url: pageUrl('aidNew', { id: post.id }) })}>
              修改
            </Button>
          ) : null}
          {can('close') ? (
            <Button block fill="outline" disabled={busy} onClick={() => void act(() => closeAidPost(post.id), '已关闭')}>
              关闭（不再需要）
            </Button>
          ) : null}
        </View>
      ) : null}
      {can('report') || other ? (
        <View className="gz-card" {...a11y({ role: 'region', label: '举报或屏蔽' })}>
          <TextField label="举报原因" name="reason" maxlength={200} value={reason} onChange={setReason} />
          <View className="gz-actions">
            {can('report') ? (
              <Button block fill="outline" disabled={busy || reason.trim().length < 2} onClick={() => void act(() => reportAid({ target: 'post', id: post.id, reason: reason.trim() }), '已举报，工作人员会尽快处理')}>
                举报这条信息
              </Button>
            ) : null}
            {other ? (
              <>
                <Button block fill="outline" disabled={busy || reason.trim().length < 2} onClick={() => void act(() => reportAid({ target: 'person', id: other.id, reason: reason.trim() }), '已举报，工作人员会尽快处理')}>
                  举报{other.nickname}
                </Button>
                <Button block fill="outline" disabled={busy} onClick={() => void act(() => blockAidPerson(other.id), `已屏蔽${other.nickname}`)}>
                  屏蔽{other.nickname}
                </Button>
              </>
            ) : null}
          </View>
        </View>
      ) : null}
      <FieldError message={error} />
    </>
  );
}
