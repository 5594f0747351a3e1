import { useEffect, useMemo } from 'react';
import Taro from '@tarojs/taro';
import type { SubscribeScene, SubscribeTemplatesView } from '@gongzhi/shared';
import { getSubscribeTemplates, reportAcceptedSubscriptions } from '../api/notifications';
import { isWeapp, standInLoginName } from './wechat';

/**
 * WeChat's one-time subscribe messages (一次性订阅消息): the BFF may send a person one message per
 * template they accepted, and WeChat may only ask them inside a tap. So the page loads the template
 * ids when it opens, and the submit tap's handler calls `ask(scene)` before anything that waits:
 * `requestSubscribeMessage` is then called in the tap, as WeChat requires. The accepted ids go to the
 * BFF, which counts them. Whatever the person chooses, and whatever fails, submitting goes on:
 * every notice also lands in the message centre.
 */
export interface SubscribeDeps {
  loadTemplates(): Promise<SubscribeTemplatesView>;
  /** WeChat's answer: `{ [templateId]: 'accept' | 'reject' | 'ban' | 'filter' }` */
  request(tmplIds: string[]): Promise<Record<string, unknown>>;
  report(accepted: string[]): Promise<unknown>;
}

export interface Subscriber {
  /** Loads the template ids (once); call when the page opens. */
  prepare(): Promise<void>;
  /** Asks for the scene's templates; the ids accepted (reported to the BFF), never throws. */
  ask(scene: SubscribeScene): Promise<string[]>;
}

export function createSubscriber(deps: SubscribeDeps): Subscriber {
  let templates: SubscribeTemplatesView | undefined;
  let loading: Promise<void> | undefined;
  return {
    prepare() {
      loading ??= deps.loadTemplates().then(
        (loaded) => {
          templates = loaded;
        },
        () => {
          loading = undefined; // try again on the next page
        },
      );
      return loading;
    },
    ask(scene) {
      const ids = templates?.[scene] ?? [];
      // not loaded yet: asking after a network wait would be outside the tap, so do not ask now
      if (ids.length === 0) return Promise.resolve([]);
      let answer: Promise<Record<string, unknown>>;
      try {
        answer = deps.request(ids); // synchronously, inside the tap
      } catch {
        return Promise.resolve([]);
      }
      return answer.then(
        async (result) => {
          const accepted = ids.filter((id) => result[id] === 'accept');
          if (accepted.length > 0) await deps.report(accepted).catch(() => undefined);
          return accepted;
        },
        () => [],
      );
    },
  };
}

/**
 * The H5 stand-in for WeChat's dialog: a browser has no WeChat to ask, so it accepts every template
 * and tells the WeChat simulator so, as the WeChat client tells WeChat on a phone: the H5 server
 * forwards `/dev/wechat/*` to the simulator's `/dev/*` (bff/dev/h5-server.ts), whose
 * `/dev/subscribe-message/accept` answers in WeChat's shape. The choice then goes to the BFF through
 * the same report as on weapp, and the sends of the H5 demo reach the simulator's `/dev/messages`.
 * Without a simulator behind the page (or a login name), the stand-in still answers 'accept': WeChat
 * then refuses the sends with 43101 and the notices are in the message centre only.
 */
async function standInRequest(tmplIds: string[]): Promise<Record<string, unknown>> {
  const acceptAll = Object.fromEntries([['errMsg', 'requestSubscribeMessage:ok'], ...tmplIds.map((id) => [id, 'accept'])]);
  const login = standInLoginName();
  if (!login) return acceptAll;
  try {
    const res = await fetch('/dev/wechat/subscribe-message/accept', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, tmplIds }),
    });
    return res.ok ? ((await res.json()) as Record<string, unknown>) : acceptAll;
  } catch {
    return acceptAll;
  }
}

export const subscriber = createSubscriber({
  loadTemplates: getSubscribeTemplates,
  request: (tmplIds) =>
    isWeapp ? (Taro.requestSubscribeMessage({ tmplIds, entityIds: tmplIds }) as unknown as Promise<Record<string, unknown>>) : standInRequest(tmplIds),
  report: reportAcceptedSubscriptions,
});

/** For a page with a submit tap that leads to notices: loads the ids when the page opens; `ask` goes in the tap. */
export function useSubscribePrompt(scene: SubscribeScene): () => Promise<string[]> {
  useEffect(() => {
    void subscriber.prepare();
  }, []);
  return useMemo(() => () => subscriber.ask(scene), [scene]);
}
