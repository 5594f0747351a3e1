import { useState } from 'react';
import { View } from '@tarojs/components';
import { SIZE_LABELS } from '@gongzhi/shared';
// the page frame's styles first (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { enterprisesToReview, reviewEnterprise } from '../../../api/enterprises';
import { toApiError } from '../../../api/errors';
import { a11y } from '../../../components/a11y';
import { PhotoStrip } from '../../../components/complaints/photo-strip';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { Dashboard, DeskQueue } from './desk-queue';
import { ItemsAndBundles } from './items';
import '../../../components/form.css';
import '../../../components/common.css';

/** 企业服务部: enterprises waiting for verification (verify or reject with a reason), and publishing items. */
export default function EnterpriseOfficerPage() {
  const [version, setVersion] = useState(0);
  const queue = useLoaded(() => enterprisesToReview(), `q:${version}`);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  async function decide(id: string, decision: 'verify' | 'reject') {
    setError(undefined);
    try {
      await reviewEnterprise(id, decision, (reasons[id] ?? '').trim());
      toast(decision === 'verify' ? '已认证' : '已驳回');
      setVersion((v) => v + 1);
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  }

  return (
    <PageShell title="企业服务部">
      <View className="gz-card" {...a11y({ role: 'region', label: '待审核的企业' })}>
        <View className="gz-card-title">待审核的企业</View>
        <LoadState loading={queue.loading} error={queue.error} onRetry={() => void queue.reload()} />
        {queue.value?.items.length === 0 ? <View className="gz-muted">没有待审核的企业</View> : null}
        {queue.value?.items.map((e) => (
          <View key={e.id} className="gz-field" {...a11y({ role: 'group', label: e.name })}>
            <View>{e.name}</View>
            <View className="gz-muted">
              {e.creditCode} · {e.industryName} · {SIZE_LABELS[e.sizeClass]} · {e.communityName} · 法定代表人 {e.legalRepresentative} · {e.contactPhone}
            </View>
            {e.licencePhotoId ? <PhotoStrip ids={[e.licencePhotoId]} /> : <View className="gz-notice">未上传营业执照照片，请电话核对。</View>}
            <TextField label={`审核意见（${e.name}）`} name={`reason-${e.id}`} maxlength={200} value={reasons[e.id] ?? ''} onChange={(v) => setReasons((r) => ({ ...r, [e.id]: v }))} />
            <View className="gz-actions">
              <Button block disabled={(reasons[e.id] ?? '').trim().length < 2} onClick={() => void decide(e.id, 'verify')}>
                认证{e.name}
              </Button>
              <Button block fill="outline" disabled={(reasons[e.id] ?? '').trim().length < 2} onClick={() => void decide(e.id, 'reject')}>
                驳回
              </Button>
            </View>
          </View>
        ))}
        <FieldError message={error} />
      </View>
      <DeskQueue />
      <ItemsAndBundles />
      <Dashboard />
    </PageShell>
  );
}
