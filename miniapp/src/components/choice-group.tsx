import { View } from '@tarojs/components';
import { a11y } from './a11y';
import { pressable } from './pressable';

export interface Choice<V extends string> {
  value: V;
  label: string;
}

/** A radio group drawn with marks and words, so the choice never rests on colour alone. */
export function ChoiceGroup<V extends string>({
  label,
  choices,
  value,
  onChange,
  inline,
}: {
  label: string;
  choices: readonly Choice<V>[];
  value: V | undefined;
  onChange: (value: V) => void;
  inline?: boolean;
}) {
  return (
    <View className={inline ? 'gz-choices gz-choices-inline' : 'gz-choices'} {...a11y({ role: 'radiogroup', label })}>
      {choices.map((choice) => {
        const selected = choice.value === value;
        return (
          <View
            key={choice.value}
            className={selected ? 'gz-choice gz-choice-selected' : 'gz-choice'}
            {...a11y({ role: 'radio', label: choice.label, checked: selected })}
            {...pressable(() => onChange(choice.value))}
            onClick={() => onChange(choice.value)}
          >
            <View className="gz-choice-mark">{selected ? '●' : '○'}</View>
            <View>{choice.label}</View>
          </View>
        );
      })}
    </View>
  );
}

/** Several may be picked (assisting units, say): each a checkbox with a mark and its words. */
export function CheckGroup<V extends string>({
  label,
  choices,
  values,
  onChange,
}: {
  label: string;
  choices: readonly Choice<V>[];
  values: readonly V[];
  onChange: (values: V[]) => void;
}) {
  const toggle = (value: V, checked: boolean) => onChange(checked ? values.filter((v) => v !== value) : [...values, value]);
  return (
    <View className="gz-choices gz-choices-inline" {...a11y({ role: 'group', label })}>
      {choices.map((choice) => {
        const checked = values.includes(choice.value);
        return (
          <View
            key={choice.value}
            className={checked ? 'gz-choice gz-choice-selected' : 'gz-choice'}
            {...a11y({ role: 'checkbox', label: choice.label, checked })}
            {...pressable(() => toggle(choice.value, checked))}
            onClick={() => toggle(choice.value, checked)}
          >
            <View className="gz-choice-mark">{checked ? '☑' : '☐'}</View>
            <View>{choice.label}</View>
          </View>
        );
      })}
    </View>
  );
}

/** An on/off row read out as a switch, its state written in words. */
export function SwitchRow({ label, checked, onChange }: { label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <View className="gz-choice gz-switch" {...a11y({ role: 'switch', label, checked })} {...pressable(() => onChange(!checked))} onClick={() => onChange(!checked)}>
      <View className="gz-choice-mark">{checked ? '☑' : '☐'}</View>
      <View className="gz-switch-label">{label}</View>
      <View className="gz-muted">{checked ? '已开启' : '已关闭'}</View>
    </View>
  );
}
