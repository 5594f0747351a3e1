import { useState } from 'react';
import { View } from '@tarojs/components';
import { ENTERPRISE_TAGS, EnterpriseBody, INDUSTRIES, sizeClassOf, SIZE_LABELS, type CommunityView } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { registerEnterprise } from '../../../api/enterprises';
import { CheckGroup, ChoiceGroup } from '../../../components/choice-group';
import { fieldClass, fieldErrorsOf, useFormErrors } from '../../../components/form-errors';
import { PhotoField, type UploadedPhoto } from '../../../components/photo-field';
import { FieldError } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useSubscribePrompt } from '../../../platform/subscribe';

type Field = 'name' | 'creditCode' | 'legalRepresentative' | 'contactPhone' | 'industry' | 'employees' | 'revenueWan' | 'assetsWan' | 'foundedOn' | 'communityId';
const FIELDS: Field[] = ['name', 'creditCode', 'legalRepresentative', 'contactPhone', 'industry', 'employees', 'revenueWan', 'assetsWan', 'foundedOn', 'communityId'];
const MESSAGES: Partial<Record<Field, string>> = {
  name: '请填写企业名称（2至80字）',
  legalRepresentative: '请填写法定代表人',
  industry: '请选择行业',
  employees: '请填写从业人员数（整数）',
  revenueWan: '请填写营业收入（万元）',
  assetsWan: '请填写资产总额（万元）',
  foundedOn: '请填写成立日期，如 2022-03-01',
  communityId: '请选择所在社区',
};

/** Register an enterprise: the credit code checked beside the field (with the reason), the size class shown as it is derived. */
export function RegisterEnterpriseForm({ communities, onDone }: { communities: CommunityView[]; onDone: () => void }) {
  const [d, setD] = useState({ name: '', creditCode: '', legalRepresentative: '', contactPhone: '', industry: '', employees: '', revenueWan: '', assetsWan: '', foundedOn: '', communityId: '', tags: [] as string[] });
  const [licence, setLicence] = useState<UploadedPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const askSubscription = useSubscribePrompt('enterprise');
  const number = (t: string) => (t.trim() === '' ? Number.NaN : Number(t));
  const body = () => ({ ...d, employees: number(d.employees), revenueWan: number(d.revenueWan), assetsWan: number(d.assetsWan), ...(licence[0] ? { licencePhotoId: licence[0].id } : {}) });
  const form = useFormErrors(() => {
    const parsed = EnterpriseBody.safeParse(body());
    if (parsed.success) return {};
    return fieldErrorsOf<Field>(parsed.error, ([head]) => (FIELDS.includes(head as Field) ? (head as Field) : undefined), (field, issue) => (field === 'creditCode' || field === 'contactPhone' ? issue : (MESSAGES[field] ?? issue)));
  });
  const set = (key: keyof typeof d, value: string | string[]) => setD((x) => ({ ...x, [key]: value }));
  const size = d.industry && d.employees && d.revenueWan && d.assetsWan ? SIZE_LABELS[sizeClassOf(d.industry, { employees: number(d.employees), revenueWan: number(d.revenueWan), assetsWan: number(d.assetsWan) })] : undefined;

  async function submit() {
    setFormError(undefined);
    if (!form.submitAttempt()) return;
    void askSubscription(); // in the tap: new matching policies can then reach WeChat
    setBusy(true);
    try {
      await registerEnterprise(body() as never);
      toast('已提交，等待企业服务部审核');
      onDone();
    } catch (failure) {
      setFormError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  const e = form.errors;
  return (
    <View className={`gz-card ${form.formClass}`}>
      <View className="gz-card-title">登记企业</View>
      <TextField label="企业名称" name="name" maxlength={80} value={d.name} error={e.name} onChange={(v) => set('name', v)} />
      <TextField label="统一社会信用代码" name="creditCode" maxlength={18} hint="18位，见营业执照" value={d.creditCode} error={e.creditCode} onChange={(v) => set('creditCode', v)} />
      <TextField label="法定代表人" name="legalRepresentative" maxlength={30} value={d.legalRepresentative} error={e.legalRepresentative} onChange={(v) => set('legalRepresentative', v)} />
      <TextField label="联系电话" name="contactPhone" type="number" maxlength={11} value={d.contactPhone} error={e.contactPhone} onChange={(v) => set('contactPhone', v)} />
      <View className={fieldClass(e.industry)}>
        <View className="gz-field-label">行业</View>
        <ChoiceGroup label="行业" choices={INDUSTRIES.map((i) => ({ value: i.code, label: i.name }))} value={d.industry || undefined} onChange={(v) => set('industry', v)} />
        <FieldError message={e.industry} />
      </View>
      <TextField label="从业人员（人）" name="employees" type="number" maxlength={8} value={d.employees} error={e.employees} onChange={(v) => set('employees', v)} />
      <TextField label="上年营业收入（万元）" name="revenueWan" type="number" maxlength={10} value={d.revenueWan} error={e.revenueWan} onChange={(v) => set('revenueWan', v)} />
      <TextField label="资产总额（万元）" name="assetsWan" type="number" maxlength={10} value={d.assetsWan} error={e.assetsWan} onChange={(v) => set('assetsWan', v)} />
      {size ? <View role="status">按国家统计划分标准，企业规模为：{size}</View> : null}
      <TextField label="成立日期" name="foundedOn" maxlength={10} placeholder="如 2022-03-01" value={d.foundedOn} error={e.foundedOn} onChange={(v) => set('foundedOn', v)} />
      <View className={fieldClass(e.communityId)}>
        <View className="gz-field-label">所在社区</View>
        <ChoiceGroup label="所在社区" inline choices={communities.map((c) => ({ value: c.id, label: c.name }))} value={d.communityId || undefined} onChange={(v) => set('communityId', v)} />
        <FieldError message={e.communityId} />
      </View>
      <View className="gz-field-label">企业资质（选填）</View>
      <CheckGroup label="企业资质" choices={ENTERPRISE_TAGS.map((t) => ({ value: t, label: t }))} values={d.tags} onChange={(v) => set('tags', v)} />
      <PhotoField label="营业执照照片（只有本企业和企业服务部可见）" max={1} photos={licence} onChange={setLicence} />
      <FieldError message={formError} />
      <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
        提交审核
      </Button>
    </View>
  );
}
