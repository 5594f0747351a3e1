import { View } from '@tarojs/components';
import { a11y } from './a11y';
import './result-bars.css';

export interface ResultBar {
  key: string;
  label: string;
  count: number;
}

/** 37.5% with one decimal; 0 of 0 is 0%. */
export function shareText(count: number, total: number): string {
  return `${total === 0 ? '0.0' : ((count / total) * 100).toFixed(1)}%`;
}

/**
 * Results as horizontal bars that also state their numbers in words (票数 and share), so neither the
 * length nor the colour of a bar is the only way to read it. `total` is what the shares are of (the
 * ballots cast, which for a multiple choice is less than the sum of the counts).
 */
export function ResultBars({ label, bars, total }: { label: string; bars: readonly ResultBar[]; total: number }) {
  return (
    <View className="gz-result-bars" {...a11y({ role: 'list', label })}>
      {bars.map((bar) => {
        const share = shareText(bar.count, total);
        return (
          <View key={bar.key} className="gz-result-bar" {...a11y({ role: 'listitem' })}>
            <View className="gz-result-bar-head">
              <View>{bar.label}</View>
              <View className="gz-result-bar-figure">
                {bar.count}票 · {share}
              </View>
            </View>
            <View className="gz-result-bar-track" aria-hidden>
              <View className="gz-result-bar-fill" style={{ width: share }} />
            </View>
          </View>
        );
      })}
    </View>
  );
}
