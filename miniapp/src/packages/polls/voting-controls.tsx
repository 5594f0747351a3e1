import { View } from '@tarojs/components';
import type { PollState } from '@gongzhi/shared';
import { FieldError } from '../../components/status';
import { Button } from '../../components/ui';
import type { useAction } from '../../components/use-action';

/**
 * The staff's buttons on a poll or a 民生微实事 round: publish a draft, close one that is open or not
 * yet open; each said done by a toast, then the page reloads (`after`). Nothing for residents.
 */
export function VotingControls({ state, manages, action, after, publish, close }: {
  state: PollState;
  manages: boolean;
  action: ReturnType<typeof useAction>;
  after: () => void;
  publish: { label: string; done: string; run: () => Promise<unknown> };
  close: { label: string; done: string; run: () => Promise<unknown> };
}) {
  if (!manages) return <FieldError message={action.error} />;
  return (
    <>
      <View className="gz-actions">
        {state === 'draft' ? (
          <Button type="primary" block loading={action.busy} disabled={action.busy} onClick={() => void action.act(publish.run, publish.done, after)}>
            {publish.label}
          </Button>
        ) : null}
        {state === 'open' || state === 'scheduled' ? (
          <Button block fill="outline" disabled={action.busy} onClick={() => void action.act(close.run, close.done, after)}>
            {close.label}
          </Button>
        ) : null}
      </View>
      <FieldError message={action.error} />
    </>
  );
}
