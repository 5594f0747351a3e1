import { useState } from 'react';
import { View } from '@tarojs/components';
import { CertificateIssuerBody, type CertificateIssuerView } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { a11y } from '../../../components/a11y';
import { FieldError } from '../../../components/status';
import { fieldErrorsOf, useFormErrors } from '../../../components/form-errors';
import { Button } from '../../../components/ui';
import { TextField } from '../../../components/text-field';
import { formatTime } from '../../../components/format';

type Field = keyof CertificateIssuerBody;
const FIELDS: readonly Field[] = ['personInCharge', 'contact'];
const fieldOf = (path: readonly PropertyKey[]) => FIELDS.find((f) => f === path[0]);

/**
 * The person in charge and the contact that the community's service certificates name. Checked
 * here with the BFF's own rules (the shared contract) before anything is sent; a refusal of one
 * field by the BFF is shown beside that field too.
 */
export function IssuerForm({ issuer, onSave }: { issuer: CertificateIssuerView; onSave: (body: CertificateIssuerBody) => Promise<void> }) {
  const [values, setValues] = useState<Record<Field, string>>({ personInCharge: issuer.personInCharge, contact: issuer.contact });
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(() => {
    const parsed = CertificateIssuerBody.safeParse(values);
    return parsed.success ? {} : fieldErrorsOf(parsed.error, fieldOf);
  }, values);
  const { errors } = form;

  async function save() {
    setFormError(undefined);
    const parsed = CertificateIssuerBody.safeParse(values);
    if (!form.submitAttempt() || !parsed.success) return;
    setBusy(true);
    try {
      await onSave(parsed.data);
      setValues(parsed.data);
    } catch (failure) {
      const error = toApiError(failure);
      const beside = error.code === 'VALIDATION_FAILED' && Array.isArray(error.details) ? fieldErrorsOf(bffDetails(error.details), fieldOf) : {};
      form.serverError(beside);
      if (Object.keys(beside).length === 0) setFormError(error.message);
    } finally {
      setBusy(false);
    }
  }

  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  return (
    <View className={`gz-card ${form.formClass}`} {...a11y({ role: 'form', label: '志愿服务证明的负责人与联系方式' })}>
      <View className="gz-muted">
        {issuer.updatedAt ? `最近保存：${formatTime(issuer.updatedAt)}` : '尚未设置：证明上暂用默认的负责人与联系方式'}
      </View>
      <TextField
        label="证明负责人"
        name="personInCharge"
        value={values.personInCharge}
        maxlength={20}
        hint="印在志愿服务证明上的负责人姓名或职务，2至20字"
        placeholder="如：李建国 或 志愿服务站站长"
        error={errors.personInCharge}
        onChange={set('personInCharge')}
      />
      <TextField
        label="证明联系方式"
        name="contact"
        value={values.contact}
        maxlength={20}
        hint="手机号、带区号的座机号或服务热线，供核实证明时联系"
        placeholder="如：0755-83201234"
        error={errors.contact}
        onChange={set('contact')}
      />
      <FieldError message={formError} />
      <Button type="primary" block loading={busy} {...a11y({ label: '保存证明负责人与联系方式' })} onClick={() => void save()}>
        保存
      </Button>
    </View>
  );
}

/** The BFF names a refused field as `body.<field>` (several joined by commas): as issues with zod's paths. */
function bffDetails(details: unknown[]): { path: string[]; message: string }[] {
  return details.flatMap((d) => {
    const { path, message } = (d ?? {}) as { path?: unknown; message?: unknown };
    if (typeof path !== 'string' || typeof message !== 'string') return [];
    return path.split(',').map((p) => ({ path: p.replace(/^body\./, '').split('.'), message }));
  });
}
