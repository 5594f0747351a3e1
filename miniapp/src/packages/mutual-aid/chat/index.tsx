import { useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { toApiError } from '../../../api/errors';
import { aidMessages, reportAid, sendAidMessage } from '../../../api/mutual-aid';
import { a11y } from '../../../components/a11y';
import { formatTime } from '../../../components/format';
import { PageShell } from '../../../components/page-shell';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import '../../../components/form.css';
import '../../../components/common.css';

/** The two sides' conversation about one post: no phone numbers needed; every message content-checked. */
export default function AidChatPage() {
  const id = useRouter().params.id ?? '';
  const [version, setVersion] = useState(0);
  const loaded = useLoaded(() => aidMessages(id), `${id}:${version}`);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function send() {
    if (!text.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      await sendAidMessage(id, text.trim());
      setText('');
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
  return (
    <PageShell title="对话">
      <View className="gz-muted gz-paragraph">请在这里沟通时间和细节，不必交换电话。</View>
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
        <FieldError message={error} />
        <Button type="primary" block loading={busy} disabled={busy || !text.trim()} onClick={() => void send()}>
          发送
        </Button>
      </View>
    </PageShell>
  );
}
