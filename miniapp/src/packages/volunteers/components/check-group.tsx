import { View } from '@tarojs/components';
import { a11y } from '../../../components/a11y';
import type { Choice } from '../../complaints/components/choice-group';

/** Several choices, each a checkbox drawn with a mark and its word, so the state never rests on colour. */
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
  return (
    <View className="gz-choices gz-choices-inline" {...a11y({ role: 'group', label })}>
      {choices.map((choice) => {
        const checked = values.includes(choice.value);
        return (
          <View
            key={choice.value}
            className={checked ? 'gz-choice gz-choice-selected' : 'gz-choice'}
            {...a11y({ role: 'checkbox', label: choice.label, checked })}
            onClick={() => onChange(checked ? values.filter((v) => v !== choice.value) : [...values, choice.value])}
          >
            <View className="gz-choice-mark">{checked ? '☑' : '☐'}</View>
            <View>{choice.label}</View>
          </View>
        );
      })}
    </View>
  );
}
