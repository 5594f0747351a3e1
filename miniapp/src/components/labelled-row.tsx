import { View } from '@tarojs/components';
import { a11y } from './a11y';

/** A label and its value on one row, read out as one phrase (“服务技能：…”). */
export function LabelledRow({ label, value }: { label: string; value: string }) {
  return (
    <View className="gz-row" {...a11y({ label: `${label}：${value}` })}>
      <View className="gz-muted">{label}</View>
      <View>{value}</View>
    </View>
  );
}
