import { useState } from 'react';
import { View } from '@tarojs/components';
import { VolunteerNumber } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { FieldError } from '../../../components/status';
import { Button } from '../../../components/ui';
import { TextField } from '../../../components/text-field';

/** Appoint a team leader by the volunteer number the volunteer reads out from their profile. */
export function AppointForm({ teamName, onSubmit }: { teamName: string; onSubmit: (volunteerNumber: string) => Promise<void> }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit() {
    const parsed = VolunteerNumber.safeParse(value.toUpperCase());
    if (!parsed.success) {
      setError('请填写志愿者编号（GZV 加 10 位数字）');
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await onSubmit(parsed.data);
      setValue('');
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="gz-field">
      <TextField label={`${teamName}：任命队长的志愿者编号`} name="volunteerNumber" value={value} maxlength={13} placeholder="GZV2026123456" onChange={setValue} />
      <FieldError message={error} />
      <Button size="small" type="primary" loading={busy} onClick={() => void submit()}>
        任命队长
      </Button>
    </View>
  );
}
