import { View } from '@tarojs/components';
import { a11y } from './a11y';
import type { Choice } from './choice-group';
import { Button } from './ui';
import './rank-list.css';

/** `order` with the item at `index` moved one place up (-1) or down (+1); unchanged at either end. */
export function moved<V>(order: readonly V[], index: number, by: -1 | 1): V[] {
  const to = index + by;
  if (to < 0 || to >= order.length) return [...order];
  const next = [...order];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/**
 * A ranking answered with buttons rather than dragging, so it works with a keyboard, a screen reader
 * and a thumb alike: each option says its place in words (第1位) and moves with 上移 / 下移.
 */
export function RankList<V extends string>({
  label,
  choices,
  order,
  onChange,
}: {
  label: string;
  choices: readonly Choice<V>[];
  order: readonly V[];
  onChange: (order: V[]) => void;
}) {
  const labelOf = (value: V) => choices.find((c) => c.value === value)?.label ?? value;
  return (
    <View className="gz-rank-list" {...a11y({ role: 'list', label })}>
      {order.map((value, index) => (
        <View key={value} className="gz-row" {...a11y({ role: 'listitem' })}>
          <View>
            第{index + 1}位：{labelOf(value)}
          </View>
          <View className="gz-rank-moves">
            <Button size="small" fill="outline" disabled={index === 0} aria-label={`${labelOf(value)}上移`} onClick={() => onChange(moved(order, index, -1))}>
              上移
            </Button>
            <Button size="small" fill="outline" disabled={index === order.length - 1} aria-label={`${labelOf(value)}下移`} onClick={() => onChange(moved(order, index, 1))}>
              下移
            </Button>
          </View>
        </View>
      ))}
    </View>
  );
}
