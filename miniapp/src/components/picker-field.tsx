import { Picker, View } from '@tarojs/components';
import { a11y } from './a11y';
import { FieldError } from './status';
import { fieldClass } from './form-errors';

/**
 * A date (YYYY-MM-DD) or time (HH:mm) chosen with Taro's Picker: the system wheel on WeChat, Taro's
 * own on H5. Both hand back the text in the very format the form sends on, so nothing is parsed here.
 * The label stays visible above the box, and the box is a button that says what is chosen.
 */
export function PickerField({
  label,
  name,
  mode,
  value,
  onChange,
  start,
  end,
  error,
  hint,
}: {
  label: string;
  name: string;
  mode: 'date' | 'time';
  value: string;
  onChange: (value: string) => void;
  start?: string;
  end?: string;
  error?: string;
  hint?: string;
}) {
  const shown = value || (mode === 'date' ? '请选择日期' : '请选择时间');
  return (
    <View className={fieldClass(error)}>
      <View className="gz-field-label">{label}</View>
      {hint ? <View className="gz-muted">{hint}</View> : null}
      <Picker mode={mode} name={name} value={value} start={start} end={end} onChange={(event) => onChange(String(event.detail.value))}>
        <View className="gz-input" {...a11y({ role: 'button', label: `${label}：${shown}，点按更改` })}>
          {shown}
        </View>
      </Picker>
      <FieldError message={error} />
    </View>
  );
}
