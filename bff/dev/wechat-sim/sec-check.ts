import { randomBytes } from 'node:crypto';

/** Words the standalone simulator flags when no list is configured, so a developer can try it. */
export const DEFAULT_RISKY_WORDS = ['赌博', '代开发票', '枪支'];

// WeChat's msg_sec_check v2 labels: 100 normal, 20001 politics, 20002 pornography, 20003 abuse,
// 20006 crime, 20008 fraud, 20012 vulgarity, 21000 other. A configured word is reported as 20001
// unless it is given as `word=label`.
const DEFAULT_RISKY_LABEL = 20001;

export interface RiskyWord {
  word: string;
  label: number;
}

export function parseRiskyWords(words: string[]): RiskyWord[] {
  return words
    .filter((entry) => entry.trim() !== '')
    .map((entry) => {
      const match = /^(.*)=(\d+)$/.exec(entry.trim());
      return match ? { word: match[1]!, label: Number(match[2]) } : { word: entry.trim(), label: DEFAULT_RISKY_LABEL };
    });
}

export function checkContent(content: string, riskyWords: RiskyWord[]) {
  const hit = riskyWords.find((risky) => content.includes(risky.word));
  const suggest = hit ? 'risky' : 'pass';
  const label = hit ? hit.label : 100;
  return {
    errcode: 0,
    errmsg: 'ok',
    result: { suggest, label },
    detail: [
      { strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0 },
      hit
        ? { strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword: hit.word }
        : { strategy: 'keyword', errcode: 0, suggest: 'pass', label: 100 },
    ],
    trace_id: randomBytes(12).toString('hex'),
  };
}

/**
 * The simulator's image check (img_sec_check): an image whose bytes carry this marker is reported as
 * risky (errcode 87014, as WeChat answers), any other passes. Tests put the marker in a picture's bytes.
 */
export const RISKY_IMAGE_MARKER = 'GONGZHI-RISKY-IMAGE';

export function imageIsRisky(bytes: Uint8Array): boolean {
  return Buffer.from(bytes).includes(RISKY_IMAGE_MARKER);
}
