import { View } from '@tarojs/components';
import { Button } from './ui';

/**
 * Page-level loading and failure. While loading, grey lines in the shape of a card stand where the
 * content will come (a skeleton), and a reader hears 正在加载…; the error replaces them and offers a retry.
 */
export function LoadState({ loading, error, onRetry }: { loading: boolean; error?: string; onRetry: () => void }) {
  if (loading) {
    return (
      <View className="gz-card gz-skeleton" role="status" aria-live="polite" aria-busy="true">
        <View className="gz-visually-hidden">正在加载…</View>
        <View className="gz-skeleton-line gz-skeleton-title" aria-hidden />
        <View className="gz-skeleton-line" aria-hidden />
        <View className="gz-skeleton-line gz-skeleton-short" aria-hidden />
      </View>
    );
  }
  if (!error) return null;
  return (
    <View className="gz-card">
      <View className="gz-alert" role="alert">
        {error}
      </View>
      <Button type="primary" fill="outline" onClick={onRetry}>
        重试
      </Button>
    </View>
  );
}

export function FieldError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <View className="gz-alert" role="alert">
      {message}
    </View>
  );
}
