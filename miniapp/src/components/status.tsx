import { View } from '@tarojs/components';
import { Button } from './ui';

/** Page-level loading and failure: the error replaces the spinner and offers a retry. */
export function LoadState({ loading, error, onRetry }: { loading: boolean; error?: string; onRetry: () => void }) {
  if (loading) {
    return (
      <View className="gz-muted" role="status" aria-live="polite">
        正在加载…
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
