import { View } from '@tarojs/components';
import { a11y } from '../../../components/a11y';

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

/** An on/off row read out as a switch, its state written in words. */
export function SwitchRow({ label, checked, onChange }: { label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <View className="gz-choice gz-switch" {...a11y({ role: 'switch', label, checked })} onClick={() => onChange(!checked)}>
      <View className="gz-choice-mark">{checked ? '☑' : '☐'}</View>
      <View className="gz-switch-label">{label}</View>
      <View className="gz-muted">{checked ? '已开启' : '已关闭'}</View>
    </View>
  );
}
