import { Input, Textarea, View } from '@tarojs/components';
import { FieldError } from './status';
import { labelledInput } from './labelled-input';
import { fieldClass } from './form-errors';

/** A labelled text box (or multi-line area) with its error beneath it. */
export function TextField({
  label,
  name,
  value,
  onChange,
  error,
  placeholder,
  maxlength = 500,
  multiline,
  hint,
  type = 'text',
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  placeholder?: string;
  maxlength?: number;
  multiline?: boolean;
  hint?: string;
  /** 'number': the digits keyboard (amounts, ages) */
  type?: 'text' | 'number';
}) {
  return (
    <View className={fieldClass(error)}>
      <View className="gz-field-label">{label}</View>
      {hint ? <View className="gz-muted">{hint}</View> : null}
      {multiline ? (
        <Textarea
          className="gz-input gz-textarea"
          name={name}
          value={value}
          placeholder={placeholder}
          maxlength={maxlength}
          {...labelledInput(label)}
          onInput={(event) => onChange(event.detail.value)}
        />
      ) : (
        <Input
          className="gz-input"
          name={name}
          type={type}
          value={value}
          placeholder={placeholder}
          maxlength={maxlength}
          {...labelledInput(label)}
          onInput={(event) => onChange(event.detail.value)}
        />
      )}
      <FieldError message={error} />
    </View>
  );
}
