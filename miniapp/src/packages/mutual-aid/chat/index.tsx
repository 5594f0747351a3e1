import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AID_RULES } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { aidMessages, getAidPost, reportAid, sendAidMessage, shareAidPhone, withholdAidPhone } from '../../../api/mutual-aid';
import { a11y } from '../../../components/a11y';
import { PhotoStrip } from '../../../components/complaints/photo-strip';
import { PhotoField, type UploadedPhoto } from '../../../components/photo-field';
import { formatTime } from '../../../components/format';
import { PageShell } from '../../../components/page-shell';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useLoaded } from '../../../components/use-loaded';
import '../../../components/form.css';
import '../../../components/common.css';

/**
 * The two sides' conversation about one post: text and photos, every one content-checked. Phone
 * numbers stay private unless both choose to share theirs here.
 */
export default function AidChatPage() {
  const id = useRouter().params.id ?? '';
  const [version, setVersion] = useState(0);
  const loaded = useLoaded(() => aidMessages(id), `${id}:${version}`);
  const post = useLoaded(() => getAidPost(id), `post:${id}:${version}`);
  const phoneAction = useAction();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const sendable = text.trim() !== '' || photos.length > 0;
  async function send() {
    if (!sendable) return;
    setBusy(true);
    setError(undefined);
    try {
      await sendAidMessage(id, text.trim(), photos.map((p) => p.id));
      setText('');
      setPhotos([]);
      setVersion((v) => v + 1);
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  async function report(messageId: string) {
    try {
      await reportAid({ target: 'message', id: messageId, reason: '对话中的不当内容' });
      toast('已举报，工作人员会尽快处理');
    } catch (failure) {
      toast(toApiError(failure).message);
    }
  }

  const items = loaded.value?.items ?? [];
  const phones = post.value?.phones;
  const canShare = post.value?.viewer.actions.includes('share_phone');
  const canWithhold = post.value?.viewer.actions.includes('withhold_phone');
  return (
    <PageShell title="对话">
      <View className="gz-muted gz-paragraph">请在这里沟通时间和细节，不必交换电话。</View>
      {phones ? (
        <View className="gz-card" {...a11y({ role: 'region', label: '手机号' })}>
          <View>{phones.mine ? '您已向对方公开手机号。' : '您的手机号没有公开给对方。'}</View>
          <View>{phones.theirs ? '对方已同意公开手机号。' : '对方没有公开手机号。'}</View>
          {phones.theirPhone ? (
            <View className="gz-row">
              <View>对方手机号：{phones.theirPhone}</View>
              <Button size="small" onClick={() => void Taro.makePhoneCall({ phoneNumber: phones.theirPhone! })}>
                拨打对方电话
              </Button>
            </View>
          ) : (
            <View className="gz-muted">双方都公开后，才能看到对方的手机号。</View>
          )}
          {canShare ? (
            <Button block fill="outline" disabled={phoneAction.busy} onClick={() => void phoneAction.act(() => shareAidPhone(id), '已公开您的手机号', () => setVersion((v) => v + 1))}>
              向对方公开我的手机号
            </Button>
          ) : null}
          {canWithhold ? (
            <Button block fill="outline" disabled={phoneAction.busy} onClick={() => void phoneAction.act(() => withholdAidPhone(id), '已不再公开您的手机号', () => setVersion((v) => v + 1))}>
              不再公开我的手机号
            </Button>
          ) : null}
          <FieldError message={phoneAction.error} />
        </View>
      ) : null}
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      <View className="gz-card" {...a11y({ role: 'log', label: '对话记录' })}>
        {items.length === 0 && !loaded.loading ? <View className="gz-muted">还没有消息</View> : null}
        {items.map((m) => (
          <View key={m.id} className="gz-row">
            <View>
              <View className="gz-muted">
                {m.mine ? '我' : m.sender} · {formatTime(m.at)}
              </View>
              <View>{m.hidden ? '（该消息因举报已隐藏）' : m.text}</View>
              {!m.hidden && m.photoIds.length ? <PhotoStrip ids={m.photoIds} /> : null}
            </View>
            {!m.mine && !m.hidden ? (
              <Button size="small" fill="outline" onClick={() => void report(m.id)}>
                举报这条消息
              </Button>
            ) : null}
          </View>
        ))}
      </View>
      <View className="gz-card">
        <TextField label="消息" name="message" multiline maxlength={500} value={text} onChange={setText} />
        <PhotoField label={`图片（选填，最多${AID_RULES.maxMessagePhotos}张）`} max={AID_RULES.maxMessagePhotos} photos={photos} onChange={setPhotos} />
        <FieldError message={error} />
        <Button type="primary" block loading={busy} disabled={busy || !sendable} onClick={() => void send()}>
          发送
        </Button>
      </View>
    </PageShell>
  );
}
