import { useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { CHECK_IN_OPENS_MINUTES, CHECK_OUT_GRACE_MINUTES, type ShiftView } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { cancelSignup, checkIn, checkOut, getShift, rateShift, signUpForShift } from '../../../api/volunteers';
import { a11y } from '../../../components/a11y';
import { PageShell } from '../../../components/page-shell';
import { useSubscribePrompt } from '../../../platform/subscribe';
import { FieldError, LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { ScoreForm } from '../../../components/volunteers/score-form';
import { AttendancePanel } from './attendance-panel';
import { ShiftDetails } from '../../../components/volunteers/shift-details';
import '../../../components/form.css';
import '../../../components/common.css';
import '../../../components/volunteers/volunteers.css';
import { toast } from '../../../components/toast';

/** Check-in and check-out are offered from the opening until the check-out grace ends (the BFF decides again). */
function onSiteNow(shift: ShiftView, now: number): boolean {
  const opens = new Date(shift.startAt).getTime() - CHECK_IN_OPENS_MINUTES * 60_000;
  return now >= opens && now <= new Date(shift.endAt).getTime() + CHECK_OUT_GRACE_MINUTES * 60_000;
}

export default function ShiftPage() {
  const id = useRouter().params.id ?? '';
  const shift = useLoaded(() => getShift(id), id);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [rated, setRated] = useState(false);
  const askSubscriptions = useSubscribePrompt('volunteerSignup');
  const view = shift.value;

  async function run(action: () => Promise<unknown>, done: string) {
    setActionError(undefined);
    setBusy(true);
    try {
      await action();
      setConfirmingCancel(false);
      toast(done);
      await shift.reload();
    } catch (failure) {
      setActionError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  const status = view?.mySignup?.status;
  const now = Date.now();
  const canSignUp = view && (!status || status === 'cancelled') && now < new Date(view.signupDeadline).getTime();
  const full = view ? view.confirmed >= view.capacity : false;
  const canCancel = status === 'confirmed' || status === 'waitlisted';
  const lateCancel = view ? now > new Date(view.cancelCutoff).getTime() : false;

  return (
    <PageShell title="岗位详情">
      <LoadState loading={shift.loading} error={shift.error} onRetry={() => void shift.reload()} />
      {view ? (
        <>
          <ShiftDetails shift={view} />
          <View className="gz-card" {...a11y({ role: 'region', label: '报名' })}>
            {canSignUp ? (
              <>
                {full ? <View className="gz-muted">名额已满，报名后进入候补，有人取消时按顺序自动递补并通知您。</View> : null}
                <Button type="primary" block loading={busy} disabled={busy} onClick={() =>
                    // run() calls the action before any wait, so WeChat's subscribe dialog opens inside the tap
                    void run(async () => {
                      await askSubscriptions();
                      return signUpForShift(id);
                    }, full ? '已加入候补' : '报名成功')
                  }>
                  {full ? '加入候补' : '报名'}
                </Button>
              </>
            ) : null}
            {!canSignUp && !status ? <View className="gz-muted">报名已截止</View> : null}
            {canCancel ? (
              confirmingCancel ? (
                <>
                  <View className="gz-alert" role="alert">
                    {lateCancel ? '已过取消截止时间，现在取消将记为未到岗。' : '取消后名额将让给候补的志愿者。'}
                  </View>
                  <View className="gz-actions">
                    <Button type="danger" block loading={busy} disabled={busy} onClick={() => void run(() => cancelSignup(id), '已取消报名')}>
                      确认取消报名
                    </Button>
                    <Button block fill="outline" onClick={() => setConfirmingCancel(false)}>
                      不取消
                    </Button>
                  </View>
                </>
              ) : (
                <Button block fill="outline" onClick={() => setConfirmingCancel(true)}>
                  取消报名
                </Button>
              )
            ) : null}
            <FieldError message={actionError} />
          </View>
          {(status === 'confirmed' || status === 'attended') && onSiteNow(view, now) ? (
            <AttendancePanel
              onCheckIn={async (body) => {
                await checkIn(id, body);
                await shift.reload();
              }}
              onCheckOut={async (body) => {
                await checkOut(id, body);
                await shift.reload();
              }}
            />
          ) : null}
          {status === 'attended' && !rated ? (
            <View className="gz-card">
              <ScoreForm
                title="评价本次服务"
                name="shiftRating"
                submitLabel="提交评价"
                onSubmit={async (body) => {
                  await rateShift(id, body);
                  setRated(true);
                  toast('感谢您的评价');
                }}
              />
            </View>
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
