import { sleep } from './client';

export interface ReadyProbe {
  at: number;
  target: number;
  /** 200 ready, 503 unready, 0 no answer (the process is down) */
  status: number;
}

/** Polls /readyz of every BFF every 250 ms until stopped. */
export function pollReadiness(urls: () => string[]): { probes: ReadyProbe[]; stop(): Promise<void> } {
  const probes: ReadyProbe[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      await Promise.all(
        urls().map(async (url, target) => {
          const at = Date.now();
          const status = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
          probes.push({ at, target, status });
        }),
      );
      await sleep(250);
    }
  })();
  return {
    probes,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/**
 * Per BFF: did /readyz say unready while the database was down, and ready again after it came back?
 * Unready is a 503 or no answer within 2 s (a load balancer's probe times out the same way); the
 * process itself is up then, since the faults never overlap.
 */
export function readinessVerdict(probes: ReadyProbe[], down: { start: number; end: number }, targets: number) {
  return Array.from({ length: targets }, (_, target) => {
    const mine = probes.filter((p) => p.target === target);
    const during = mine.filter((p) => p.at >= down.start && p.at <= down.end);
    const unready503 = during.filter((p) => p.status === 503).length;
    const unansweredWhileDown = during.filter((p) => p.status === 0).length;
    const unreadyWhileDown = unready503 + unansweredWhileDown > 0;
    const firstReady = mine.find((p) => p.at >= down.end && p.status === 200);
    const last = mine[mine.length - 1];
    return { unready503, unansweredWhileDown, unreadyWhileDown, readyAfter: last?.status === 200, readyAgainAfterS: firstReady ? (firstReady.at - down.end) / 1000 : null };
  });
}
