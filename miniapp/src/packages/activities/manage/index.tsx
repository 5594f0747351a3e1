import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { pageUrl, PAYMENT_STATE_LABELS, REGISTRATION_STATUS_LABELS } from '@gongzhi/shared';
// the page frame's styles first (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { activityQr, activityRoster, cancelActivity, getActivity, publishActivity } from '../../../api/activities';
import { a11y } from '../../../components/a11y';
import { DataTable } from '../../../components/data-table';
import { formatTime } from '../../../components/format';
import { RotatingCode } from '../../../components/rotating-code';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useLoaded } from '../../../components/use-loaded';
import { priceText } from '../labels';
import '../../../components/form.css';
import '../../../components/common.css';

/** The organiser's page: publish or cancel, who registered (names masked), and the rotating check-in code on the day. */
export default function ManageActivityPage() {
  const id = useRouter().params.id ?? '';
  const [version, setVersion] = useState(0);
  const loaded = useLoaded(async () => ({ activity: await getActivity(id), roster: await activityRoster(id) }), `${id}:${version}`);
  const [reason, setReason] = useState('');
  const [showCode, setShowCode] = useState(false);
  const action = useAction();
  const act = (work: () => Promise<unknown>, done: string) => action.act(work, done, () => setVersion((v) => v + 1));

  const value = loaded.value;
  const a = value?.activity;
  return (
    <PageShell title={a ? `管理：${a.title}` : '管理活动'}>
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {a && value ? (
        <>
          <View className="gz-card">
            <View>
              {formatTime(a.startsAt)} · {a.address} · {priceText(a.price)}
            </View>
            <View className="gz-muted">
              名额{a.capacity}个，已报名{a.confirmed}人，候补{a.waitlisted}人
            </View>
            {a.state === 'draft' ? <View className="gz-muted">预览：居民看到的活动页面与下方“查看活动页面”一致，发布后即可报名。</View> : null}
            <View className="gz-actions">
              {a.state === 'draft' ? (
                <Button type="primary" block onClick={() => void act(() => publishActivity(id), '活动已发布')}>
                  发布活动
                </Button>
              ) : null}
              <Button block fill="outline" onClick={() => void Taro.navigateTo({ url: pageUrl('activity', { id }) })}>
                查看活动页面
              </Button>
            </View>
            <FieldError message={action.error} />
          </View>
          {a.state === 'published' ? (
            <View className="gz-card" {...a11y({ role: 'region', label: '现场签到码' })}>
              {showCode ? (
                <RotatingCode label="活动签到码" load={() => activityQr(id)} reloadKey={id} />
              ) : (
                <Button block onClick={() => setShowCode(true)}>
                  出示签到码（活动开始前1小时起）
                </Button>
              )}
            </View>
          ) : null}
          <View className="gz-card" {...a11y({ role: 'region', label: '报名名单' })}>
            <View className="gz-card-title">报名名单（{value.roster.items.length}人）</View>
            <DataTable
              label="报名名单"
              rowKey={(r) => `${r.nickname}:${r.registeredAt}`}
              rows={value.roster.items}
              columns={[
                { key: 'name', label: '姓名', render: (r) => r.maskedName },
                { key: 'status', label: '状态', render: (r) => `${REGISTRATION_STATUS_LABELS[r.status]}${r.payment ? ` · ${PAYMENT_STATE_LABELS[r.payment]}` : ''}`, sortValue: (r) => r.status },
                { key: 'at', label: '报名时间', render: (r) => formatTime(r.registeredAt), sortValue: (r) => r.registeredAt },
                { key: 'in', label: '签到', render: (r) => (r.checkedInAt ? formatTime(r.checkedInAt) : '未签到') },
              ]}
            />
          </View>
          {a.state !== 'cancelled' ? (
            <View className="gz-card" {...a11y({ role: 'region', label: '取消活动' })}>
              <TextField label="取消原因（告知所有报名的人）" name="reason" maxlength={200} value={reason} onChange={setReason} />
              <Button block fill="outline" disabled={reason.trim().length < 2} onClick={() => void act(() => cancelActivity(id, reason.trim()), '活动已取消，已通知报名的人')}>
                取消活动
              </Button>
            </View>
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
