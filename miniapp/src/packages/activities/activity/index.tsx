import { useState } from 'react';
import { RichText, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ACTIVITY_AUDIENCE_LABELS, pageUrl, PAYMENT_STATE_LABELS, REGISTRATION_STATUS_LABELS } from '@gongzhi/shared';
// the page frame's styles first (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { checkInToActivity, getActivity, payForActivity, registerForActivity, withdrawFromActivity } from '../../../api/activities';
import { a11y } from '../../../components/a11y';
import { PhotoStrip } from '../../../components/complaints/photo-strip';
import { formatTime } from '../../../components/format';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useLoaded } from '../../../components/use-loaded';
import { requestPayment, scanCode, usesScanStandIn } from '../../../platform/wechat';
import { toast } from '../../../components/toast';
import { useSubscribePrompt } from '../../../platform/subscribe';
import { fenText, priceText } from '../labels';
import '../../../components/form.css';
import '../../../components/common.css';

/** One activity: what, when, where, price and places; register (or join the line), cancel, check in on the day. */
export default function ActivityPage() {
  const id = useRouter().params.id ?? '';
  const [version, setVersion] = useState(0);
  const loaded = useLoaded(() => getActivity(id), `${id}:${version}`);
  const action = useAction();
  const { busy, error, setError } = action;
  const [pasted, setPasted] = useState('');
  const askSubscription = useSubscribePrompt('activity');
  const act = (work: () => Promise<unknown>, done: string) => action.act(work, done, () => setVersion((v) => v + 1));

  async function checkIn() {
    const token = usesScanStandIn ? pasted.trim() : await scanCode();
    if (!token) {
      setError(usesScanStandIn ? '请填写组织者页面上显示的签到码' : '没有扫到签到码，请对准组织者出示的二维码');
      return;
    }
    await act(() => checkInToActivity(id, token), '签到成功');
  }

  /** The seat held for payment: WeChat Pay's sheet (in the browser, the simulator's page, which brings the tester back). */
  async function pay() {
    await action.run(async () => {
      const order = await payForActivity(id);
      const result = await requestPayment(order.requestPayment);
      if (result === 'left') return;
      toast(result === 'paid' ? '支付成功' : '已取消支付，名额仍为您保留到截止时间');
      setVersion((v) => v + 1);
    });
  }

  const a = loaded.value;
  const payment = a?.viewer.payment;
  const left = a ? Math.max(0, a.capacity - a.confirmed) : 0;
  return (
    <PageShell title={a?.title ?? '活动'}>
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {a ? (
        <>
          <View className="gz-card">
            <View className="gz-badges">
              <View className="gz-badge">{a.state === 'cancelled' ? '已取消' : a.state === 'draft' ? '草稿' : '报名中'}</View>
              <View className="gz-badge">{priceText(a.price)}</View>
              {a.registration ? <View className="gz-badge">{REGISTRATION_STATUS_LABELS[a.registration]}</View> : null}
              {payment ? <View className="gz-badge">{PAYMENT_STATE_LABELS[payment.state]}</View> : null}
            </View>
            {a.coverId ? <PhotoStrip ids={[a.coverId]} /> : null}
            <View>
              {formatTime(a.startsAt)} 至 {formatTime(a.endsAt)}
            </View>
            <View>地点：{a.address}</View>
            <View className="gz-muted">
              {a.communityName}党委组织 · 面向{ACTIVITY_AUDIENCE_LABELS[a.audience]}
              {a.minAge !== undefined || a.maxAge !== undefined ? ` · ${a.minAge ?? 0}至${a.maxAge ?? '不限'}岁` : ''}
            </View>
            <View className="gz-muted">
              名额{a.capacity}个，已报名{a.confirmed}人，剩余{left}个{a.waitlisted ? `，${a.waitlisted}人候补` : ''}
            </View>
            <View className="gz-muted">
              报名截止 {formatTime(a.registrationDeadline)} · 取消截止 {formatTime(a.cancelCutoff)}
            </View>
            {a.cancelReason ? <View className="gz-notice">活动已取消：{a.cancelReason}</View> : null}
            {a.viewer.waitlistPosition ? <View>您在候补名单第{a.viewer.waitlistPosition}位，有人取消时按顺序递补并通知您。</View> : null}
          </View>
          <View className="gz-card" {...a11y({ role: 'region', label: '活动介绍' })}>
            <RichText nodes={a.nodes} />
          </View>
          {payment ? (
            <View className="gz-card" {...a11y({ role: 'region', label: '支付' })}>
              <View className="gz-card-title">支付：{PAYMENT_STATE_LABELS[payment.state]}</View>
              <View>
                {a.price.kind === 'deposit' ? '押金' : '费用'} {fenText(payment.amountFen)}
                {payment.refundedFen ? `，已退还 ${fenText(payment.refundedFen)}` : ''}
              </View>
              {payment.state === 'awaiting' && payment.holdUntil ? (
                <>
                  <View>名额为您保留到 {formatTime(payment.holdUntil)}，逾期未支付将释放给候补的居民。</View>
                  <Button type="primary" block loading={busy} disabled={busy} onClick={() => void pay()}>
                    微信支付 {fenText(payment.amountFen)}
                  </Button>
                </>
              ) : null}
              {payment.state === 'refunding' ? <View>退款已申请，将原路退回您的微信零钱或银行卡。</View> : null}
            </View>
          ) : null}
          <View className="gz-actions">
            {a.viewer.canRegister ? (
              <Button
                type="primary"
                block
                loading={busy}
                disabled={busy}
                onClick={() => {
                  void askSubscription();
                  if (a.price.kind === 'free' || left === 0) void act(() => registerForActivity(id), left > 0 ? '报名成功' : '名额已满，已加入候补');
                  // a paid seat is held for its payment: straight on to WeChat Pay
                  else void action.run(async () => {
                    await registerForActivity(id);
                    setVersion((v) => v + 1);
                    const order = await payForActivity(id);
                    const result = await requestPayment(order.requestPayment);
                    if (result !== 'left') toast(result === 'paid' ? '报名并支付成功' : '已报名，请在保留时间内完成支付');
                    setVersion((v) => v + 1);
                  });
                }}
              >
                {left === 0 ? '加入候补' : a.price.kind === 'free' ? '报名' : `报名并支付 ${fenText(a.price.amountFen)}`}
              </Button>
            ) : (
              <View className="gz-muted">{a.viewer.reason}</View>
            )}
            {a.viewer.canCancel ? (
              <Button block fill="outline" disabled={busy} onClick={() => void act(() => withdrawFromActivity(id), '已取消报名')}>
                取消报名
              </Button>
            ) : null}
            {a.viewer.manages ? (
              <Button block fill="outline" onClick={() => void Taro.navigateTo({ url: pageUrl('activityManage', { id }) })}>
                管理活动
              </Button>
            ) : null}
          </View>
          {a.registration === 'confirmed' ? (
            <View className="gz-card" {...a11y({ role: 'region', label: '现场签到' })}>
              <View className="gz-card-title">现场签到</View>
              {usesScanStandIn ? <TextField label="签到码" name="token" maxlength={400} hint="浏览器版本：填写组织者页面上显示的签到码" value={pasted} onChange={setPasted} /> : null}
              <Button block disabled={busy} onClick={() => void checkIn()}>
                {usesScanStandIn ? '签到' : '扫码签到'}
              </Button>
            </View>
          ) : null}
          <FieldError message={error} />
        </>
      ) : null}
    </PageShell>
  );
}
