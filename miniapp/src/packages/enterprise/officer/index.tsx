import { useState } from 'react';
import { View } from '@tarojs/components';
import { ENTERPRISE_TAGS, INDUSTRIES, ITEM_KIND_LABELS, ItemBody, SIZE_CLASSES, SIZE_LABELS } from '@gongzhi/shared';
// the page frame's styles first (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { enterprisesToReview, publishEnterpriseItem, reviewEnterprise } from '../../../api/enterprises';
import { toApiError } from '../../../api/errors';
import { a11y } from '../../../components/a11y';
import { PhotoStrip } from '../../../components/complaints/photo-strip';
import { CheckGroup, ChoiceGroup } from '../../../components/choice-group';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { Dashboard, DeskQueue } from './desk-queue';
import '../../../components/form.css';
import '../../../components/common.css';

const KINDS = Object.entries(ITEM_KIND_LABELS).map(([value, label]) => ({ value, label }));

/** An item's form: what it is, when, the benefit, and its criteria (each optional). */
function PublishItemForm({ onDone }: { onDone: () => void }) {
  const [d, setD] = useState({
    kind: 'policy', title: '', issuer: '', summary: '', benefit: '', benefitWan: '', howToApply: '', validFrom: '', validUntil: '',
    industries: [] as string[], sizeClasses: [] as string[], minYears: '', minEmployees: '', maxEmployees: '', tagsRequired: [] as string[], judgement: '',
  });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof d, value: string | string[]) => setD((x) => ({ ...x, [key]: value }));
  const num = (t: string) => (t.trim() === '' ? undefined : Number(t));

  async function submit() {
    setError(undefined);
    const criteria = {
      ...(d.industries.length ? { industries: d.industries } : {}),
      ...(d.sizeClasses.length ? { sizeClasses: d.sizeClasses } : {}),
      ...(num(d.minYears) !== undefined ? { minYears: num(d.minYears) } : {}),
      ...(num(d.minEmployees) !== undefined ? { minEmployees: num(d.minEmployees) } : {}),
      ...(num(d.maxEmployees) !== undefined ? { maxEmployees: num(d.maxEmployees) } : {}),
      ...(d.tagsRequired.length ? { tagsRequired: d.tagsRequired } : {}),
      ...(d.judgement.trim() ? { judgement: d.judgement.split('\n').map((l) => l.trim()).filter(Boolean) } : {}),
    };
    const parsed = ItemBody.safeParse({
      kind: d.kind, title: d.title, issuer: d.issuer, summary: d.summary, benefit: d.benefit, ...(num(d.benefitWan) !== undefined ? { benefitWan: num(d.benefitWan) } : {}),
      howToApply: d.howToApply, validFrom: d.validFrom, validUntil: d.validUntil, criteria,
    });
    if (!parsed.success) {
      setError(`请检查：${parsed.error.issues.map((i) => i.path.join('.')).join('、')}`);
      return;
    }
    setBusy(true);
    try {
      await publishEnterpriseItem(parsed.data);
      toast('已发布');
      onDone();
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '发布政策或服务' })}>
      <View className="gz-card-title">发布政策或服务</View>
      <ChoiceGroup label="类别" inline choices={KINDS} value={d.kind} onChange={(v) => set('kind', v)} />
      <TextField label="名称" name="title" maxlength={80} value={d.title} onChange={(v) => set('title', v)} />
      <TextField label="发布机构" name="issuer" maxlength={60} value={d.issuer} onChange={(v) => set('issuer', v)} />
      <TextField label="摘要" name="summary" multiline maxlength={300} value={d.summary} onChange={(v) => set('summary', v)} />
      <TextField label="支持内容" name="benefit" maxlength={100} placeholder="如：最高补贴50万元" value={d.benefit} onChange={(v) => set('benefit', v)} />
      <TextField label="金额（万元，选填，用于排序）" name="benefitWan" type="number" maxlength={8} value={d.benefitWan} onChange={(v) => set('benefitWan', v)} />
      <TextField label="申报方式" name="howToApply" multiline maxlength={1000} value={d.howToApply} onChange={(v) => set('howToApply', v)} />
      <TextField label="有效期开始" name="validFrom" maxlength={10} placeholder="如 2026-01-01" value={d.validFrom} onChange={(v) => set('validFrom', v)} />
      <TextField label="有效期截止" name="validUntil" maxlength={10} placeholder="如 2027-12-31" value={d.validUntil} onChange={(v) => set('validUntil', v)} />
      <View className="gz-card-title">申报条件（不填即不限）</View>
      <View className="gz-field-label">行业</View>
      <CheckGroup label="行业" choices={INDUSTRIES.map((i) => ({ value: i.code, label: i.name }))} values={d.industries} onChange={(v) => set('industries', v)} />
      <View className="gz-field-label">企业规模</View>
      <CheckGroup label="企业规模" choices={SIZE_CLASSES.map((s) => ({ value: s, label: SIZE_LABELS[s] }))} values={d.sizeClasses} onChange={(v) => set('sizeClasses', v)} />
      <TextField label="成立不少于（年）" name="minYears" type="number" maxlength={3} value={d.minYears} onChange={(v) => set('minYears', v)} />
      <TextField label="员工不少于（人）" name="minEmployees" type="number" maxlength={8} value={d.minEmployees} onChange={(v) => set('minEmployees', v)} />
      <TextField label="员工不超过（人）" name="maxEmployees" type="number" maxlength={8} value={d.maxEmployees} onChange={(v) => set('maxEmployees', v)} />
      <View className="gz-field-label">须具备的资质</View>
      <CheckGroup label="须具备的资质" choices={ENTERPRISE_TAGS.map((t) => ({ value: t, label: t }))} values={d.tagsRequired} onChange={(v) => set('tagsRequired', v)} />
      <TextField label="需人工确认的条件（每行一条）" name="judgement" multiline maxlength={1000} value={d.judgement} onChange={(v) => set('judgement', v)} />
      <FieldError message={error} />
      <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
        发布
      </Button>
    </View>
  );
}

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
      <PublishItemForm onDone={() => setVersion((v) => v + 1)} />
      <Dashboard />
    </PageShell>
  );
}
