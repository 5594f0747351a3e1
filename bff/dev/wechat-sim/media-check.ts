import { createHash, randomBytes } from 'node:crypto';
import { imageIsRisky } from './sec-check';

/** WeChat takes at most this much through img_sec_check; larger images go to media_check_async. */
export const IMG_SEC_CHECK_MAX_BYTES = 1024 * 1024;

export interface MediaCheckPush {
  /** the mini-program's message-push URL and its token (消息推送 in the admin console) */
  url: string;
  token: string;
}

/** How the simulator's media_check_async has done, for tests. */
export interface MediaCheckLog {
  traceId: string;
  mediaUrl: string;
  /** pass / risky once judged; `unreachable` when the image could not be downloaded */
  verdict?: 'pass' | 'risky' | 'unreachable';
  /** HTTP statuses the push got, one per try */
  pushes: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The asynchronous half of media_check_async, as WeChat does it: download the image by its link, judge
 * it with img_sec_check's rule (the risky marker), and push the verdict (event wxa_media_check, plaintext
 * JSON, signed with the push token) to the message-push URL, retrying a few times if it is not answered
 * `success`.
 */
export function runMediaCheck(log: MediaCheckLog, push: MediaCheckPush | undefined, appId: string, openid: string, now: () => number): void {
  void (async () => {
    let bytes: Uint8Array | undefined;
    try {
      const res = await fetch(log.mediaUrl, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) bytes = new Uint8Array(await res.arrayBuffer());
    } catch {
      bytes = undefined;
    }
    if (!bytes) {
      log.verdict = 'unreachable';
      return;
    }
    const risky = imageIsRisky(bytes);
    log.verdict = risky ? 'risky' : 'pass';
    if (!push) return;
    const event = {
      ToUserName: `gh_${appId.slice(-12)}`,
      FromUserName: openid,
      CreateTime: Math.floor(now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: appId,
      trace_id: log.traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest: risky ? 'risky' : 'pass', label: risky ? 20002 : 100, prob: risky ? 90 : 0 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: risky ? 'risky' : 'pass', label: risky ? 20002 : 100 },
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const timestamp = String(Math.floor(now() / 1000));
      const nonce = randomBytes(8).toString('hex');
      const signature = createHash('sha1').update([push.token, timestamp, nonce].sort().join('')).digest('hex');
      const url = new URL(push.url);
      url.search = new URLSearchParams({ signature, timestamp, nonce }).toString();
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event), signal: AbortSignal.timeout(5_000) });
        log.pushes.push(res.status);
        if (res.ok && (await res.text()) === 'success') return;
      } catch {
        log.pushes.push(0);
      }
      await sleep(200 * (attempt + 1));
    }
  })();
}
