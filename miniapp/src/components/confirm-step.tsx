import { useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { a11y } from './a11y';
import { Button } from './ui';
import { useAction } from './use-action';

/**
 * A send that cannot be taken back (a ballot, a vote) asks once more in the page before it goes:
 * `ask()` after the form's own checks, then the region titled `title` says what will happen, with the
 * confirming button and 返回修改. A refusal from the BFF closes the region and is shown (`error`).
 */
export function useConfirmStep(send: () => Promise<void>) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  return {
    confirming,
    busy: action.busy,
    error: action.error,
    setError: action.setError,
    ask: () => {
      action.setError(undefined);
      setConfirming(true);
    },
    back: () => setConfirming(false),
    confirm: () =>
      action.run(async () => {
        try {
          await send();
        } catch (failure) {
          setConfirming(false);
          throw failure;
        }
      }),
  };
}

/** The region of a confirm step when it asks, else the button that starts it (`startLabel`, which runs `onStart`). */
export function ConfirmStep({ step, title, startLabel, onStart, children }: {
  step: ReturnType<typeof useConfirmStep>;
  /** the region's name and the confirming button's label */
  title: string;
  startLabel: string;
  onStart: () => void;
  /** what will happen, said before it does */
  children: ReactNode;
}) {
  if (!step.confirming) {
    return (
      <View className="gz-actions">
        <Button type="primary" block onClick={onStart}>
          {startLabel}
        </Button>
      </View>
    );
  }
  return (
    <View className="gz-notice" {...a11y({ role: 'region', label: title })}>
      <View className="gz-card-title">{title}</View>
      <View>{children}</View>
      <View className="gz-actions">
        <Button type="primary" block loading={step.busy} disabled={step.busy} onClick={() => void step.confirm()}>
          {title}
        </Button>
        <Button block fill="outline" disabled={step.busy} onClick={step.back}>
          返回修改
        </Button>
      </View>
    </View>
  );
}
