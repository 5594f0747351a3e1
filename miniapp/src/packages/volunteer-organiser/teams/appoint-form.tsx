import { useState } from 'react';
import { View } from '@tarojs/components';
import { VolunteerNumber } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { FieldError } from '../../../components/status';
import { fieldErrorsOf, useFormErrors } from '../../../components/form-errors';
import { Button } from '../../../components/ui';
import { TextField } from '../../../components/text-field';

/** Appoint a team leader by the volunteer number the volunteer reads out from their profile. */
export function AppointForm({ teamName, onSubmit }: { teamName: string; onSubmit: (volunteerNumber: string) => Promise<void> }) {
  const [value, setValue] = useState('');
  /** the BFF's answer: not about the number's form, so shown under the box until the next try */
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(() => {
    const parsed = VolunteerNumber.safeParse(value.toUpperCase());
    return parsed.success ? {} : fieldErrorsOf(parsed.error, () => 'volunteerNumber' as const, () => '请填写志愿者编号（GZV 加 10 位数字）');
  });

  async function submit() {
    setFormError(undefined);
    const parsed = VolunteerNumber.safeParse(value.toUpperCase());
    if (!form.submitAttempt() || !parsed.success) return;
    setBusy(true);
    try {
      await onSubmit(parsed.data);
      setValue('');
      form.reset();
    } catch (failure) {
      setFormError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className={`gz-field ${form.formClass}`}>
      <TextField
        label={`${teamName}：任命队长的志愿者编号`}
        name="volunteerNumber"
        value={value}
        maxlength={13}
        placeholder="GZV2026123456"
        error={form.errors.volunteerNumber}
        onChange={setValue}
      />
      <FieldError message={formError} />
      <Button size="small" type="primary" loading={busy} onClick={() => void submit()}>
        任命队长
      </Button>
    </View>
  );
}
