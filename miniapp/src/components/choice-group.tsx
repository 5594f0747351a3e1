import { View } from '@tarojs/components';
import { a11y } from './a11y';
import { pressable } from './pressable';

export interface Choice<V extends string> {
  value: V;
  label: string;
}

/**
 * The drawn controls: a ring that fills with a dot (radio), a box that fills and shows a tick
 * (checkbox), a track whose knob moves (switch). Shape, not colour alone, tells the state; a reader
 * hears the row's role and checked state, so the marks are hidden from it.
 */
function Mark({ kind, on }: { kind: 'radio' | 'checkbox' | 'switch'; on: boolean }) {
  return (
    <View className={`gz-mark gz-mark-${kind}${on ? ' gz-mark-on' : ''}`} aria-hidden>
      {kind === 'checkbox' ? (on ? '✓' : '') : <View className="gz-mark-inner" />}
    </View>
  );
}

/** A radio group of drawn radios and words. */
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
            <Mark kind="radio" on={selected} />
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
            <Mark kind="checkbox" on={checked} />
            <View>{choice.label}</View>
          </View>
        );
      })}
    </View>
  );
}

/** One box to tick (a consent, an agreement): a drawn checkbox and its words. */
export function CheckRow({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <View
      className={checked ? 'gz-choice gz-choice-selected' : 'gz-choice'}
      {...a11y({ role: 'checkbox', label, checked })}
      {...pressable(() => onChange(!checked))}
      onClick={() => onChange(!checked)}
    >
      <Mark kind="checkbox" on={checked} />
      <View>{label}</View>
    </View>
  );
}

/** An on/off row read out as a switch, its state written in words. */
export function SwitchRow({ label, checked, onChange }: { label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <View className="gz-choice gz-switch" {...a11y({ role: 'switch', label, checked })} {...pressable(() => onChange(!checked))} onClick={() => onChange(!checked)}>
      <View className="gz-switch-label">{label}</View>
      <Mark kind="switch" on={checked} />
      <View className="gz-muted">{checked ? '已开启' : '已关闭'}</View>
    </View>
  );
}
