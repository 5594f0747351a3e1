import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AID_KIND_LABELS, AID_STATE_LABELS, pageUrl, type AidPostSummary } from '@gongzhi/shared';
import { formatTime } from '../../components/format';
import { Pressable } from '../../components/links';

/** One post in a list: kind and category in words, the text, when, the rough place, responses; opens the post. */
export function AidPostCard({ post }: { post: AidPostSummary }) {
  const where = post.distance !== undefined ? `${post.area}，约${post.distance}米` : post.area;
  return (
    <Pressable
      className="gz-row"
      label={`${AID_KIND_LABELS[post.kind]}，${post.categoryName}：${post.text}，${AID_STATE_LABELS[post.state]}，${where}，${post.responses}人响应`}
      onPress={() => void Taro.navigateTo({ url: pageUrl('aidPost', { id: post.id }) })}
    >
      <View>
        <View className="gz-badges">
          <View className="gz-badge">{AID_KIND_LABELS[post.kind]}</View>
          <View className="gz-badge">{post.categoryName}</View>
          {post.state !== 'open' ? <View className="gz-badge">{AID_STATE_LABELS[post.state]}</View> : null}
        </View>
        <View>{post.text}</View>
        <View className="gz-muted">
          {formatTime(post.startsAt)} 至 {formatTime(post.endsAt)} · {where} · {post.responses}人响应 · {post.author.nickname}
        </View>
      </View>
      <View className="gz-muted">›</View>
    </Pressable>
  );
}
