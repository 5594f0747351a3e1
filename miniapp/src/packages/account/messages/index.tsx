import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { MessageView } from '@gongzhi/shared';
import { hasSession } from '../../../api/auth';
import { toApiError } from '../../../api/errors';
import { listMessages, markAllMessagesRead, markMessageRead } from '../../../api/notifications';
import { a11y } from '../../../components/a11y';
import { PageShell } from '../../../components/page-shell';
import { PagedItems } from '../../../components/paged-items';
import { usePagedList } from '../../../components/paged-list';
import { FieldError } from '../../../components/status';
import { Button } from '../../../components/ui';
import { formatTime } from '../../../components/format';
import '../../../components/form.css';
import './messages.css';

/** 消息中心: every notice, whether or not WeChat delivered it; a tap marks it read and opens its page. */
export default function MessagesPage() {
  return (
    <PageShell title="消息中心">
      {hasSession() ? (
        <Messages />
      ) : (
        <View className="gz-card gz-muted">登录后可查看消息。</View>
      )}
    </PageShell>
  );
}

function Messages() {
  const list = usePagedList((cursor) => listMessages(cursor), 'messages');
  const [error, setError] = useState<string>();
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function open(message: MessageView) {
    setError(undefined);
    // reading it must not stand between the person and the page it points to
    if (!message.read) await markMessageRead(message.id).catch(() => undefined);
    void Taro.navigateTo({ url: `/${message.page}` });
  }

  async function readAll() {
    setError(undefined);
    try {
      await markAllMessagesRead();
      await list.reload();
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  }

  return (
    <>
      {list.items.some((m) => !m.read) ? (
        <View className="gz-actions gz-top-actions">
          <Button block fill="outline" onClick={() => void readAll()}>
            全部标为已读
          </Button>
        </View>
      ) : null}
      <FieldError message={error} />
      <PagedItems
        list={list}
        label="消息列表"
        empty="暂无消息。诉求办理进度、志愿服务提醒会出现在这里。"
        renderItem={(message) => (
          <View
            className={`gz-card gz-message${message.read ? '' : ' gz-message-unread'}`}
            // no aria-label: the name is the card's own text (未读, title, body, time), so what a screen
            // reader says is what is on screen (axe's label-content-name-mismatch)
            {...a11y({ role: 'link' })}
            onClick={() => void open(message)}
          >
            <View className="gz-message-head">
              {message.read ? null : <View className="gz-message-badge">未读</View>}
              <View className="gz-message-title">{message.title}</View>
            </View>
            <View className="gz-paragraph">{message.body}</View>
            <View className="gz-muted">{formatTime(message.createdAt)} · 查看 ›</View>
          </View>
        )}
      />
    </>
  );
}

