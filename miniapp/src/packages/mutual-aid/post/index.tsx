import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { AID_KIND_LABELS, AID_STATE_LABELS, pageUrl, type AidPersonCard } from '@gongzhi/shared';
import { getAidPost } from '../../../api/mutual-aid';
import { a11y } from '../../../components/a11y';
import { PhotoStrip } from '../../../components/complaints/photo-strip';
import { formatTime } from '../../../components/format';
import { PageShell } from '../../../components/page-shell';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { PostActions } from './actions';
import '../../../components/form.css';
import '../../../components/common.css';

const ratingText = (p: AidPersonCard) => (p.ratings.count ? `${p.ratings.mean}分（${p.ratings.count}次评价）` : '暂无评价');

/** One ask or offer: what, when, where (exactly, for the two only), who, and what this person may do now. */
export default function AidPostPage() {
  const id = useRouter().params.id ?? '';
  const [version, setVersion] = useState(0);
  const loaded = useLoaded(() => getAidPost(id), `${id}:${version}`);
  // coming back from the edit form or the conversation, the post is read again
  const shownBefore = useRef(false);
  useDidShow(() => {
    if (shownBefore.current) setVersion((v) => v + 1);
    shownBefore.current = true;
  });
  const post = loaded.value;
  const party = post?.viewer.role === 'author' || post?.viewer.role === 'helper';
  return (
    <PageShell title={post ? `${AID_KIND_LABELS[post.kind]}：${post.categoryName}` : '社区互助'}>
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {post ? (
        <>
          <View className="gz-card">
            <View className="gz-badges">
              <View className="gz-badge">{AID_KIND_LABELS[post.kind]}</View>
              <View className="gz-badge">{post.categoryName}</View>
              <View className="gz-badge">{AID_STATE_LABELS[post.state]}</View>
            </View>
            <View className="gz-paragraph">{post.text}</View>
            <View className="gz-muted">
              {formatTime(post.startsAt)} 至 {formatTime(post.endsAt)}
            </View>
            <View {...a11y({ role: 'group', label: '地点' })}>
              {post.place ? <View>地址：{post.place.address}（只有你们两位看得到）</View> : <View>大致位置：{post.area}（接受后对方可见详细地址）</View>}
            </View>
            <View className="gz-muted">
              发布人：{post.author.nickname}，{post.author.communityName}，{ratingText(post.author)}
            </View>
            {post.helper ? (
              <View className="gz-muted">
                帮忙人：{post.helper.nickname}，{ratingText(post.helper)}
              </View>
            ) : null}
            {post.hours.confirmed !== undefined ? <View>已确认时长：{post.hours.confirmed}小时</View> : null}
            {post.moderation ? <View className="gz-notice">社区审核说明：{post.moderation.reason}</View> : null}
            {post.photoIds.length ? <PhotoStrip ids={post.photoIds} /> : null}
          </View>
          {party && (post.state === 'accepted' || post.state === 'done' || post.state === 'confirmed') ? (
            <View className="gz-actions">
              <Button type="primary" block onClick={() => void Taro.navigateTo({ url: pageUrl('aidChat', { id }) })}>
                与{post.viewer.role === 'author' ? post.helper?.nickname : post.author.nickname}对话
              </Button>
            </View>
          ) : null}
          <PostActions key={version} post={post} onChanged={() => setVersion((v) => v + 1)} />
        </>
      ) : null}
    </PageShell>
  );
}
