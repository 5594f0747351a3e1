import type { Logger } from 'pino';

export interface WorkerJob {
  name: string;
  run(): Promise<unknown>;
}

/**
 * Runs the background jobs one after another, then waits `intervalMs`, and again: a run never
 * overlaps the previous one in this process (other processes may run theirs; the jobs are safe
 * for that). A failing job is logged and the others still run. stop() waits for the current run.
 */
export function startWorkers(opts: { intervalMs: number; jobs: WorkerJob[]; logger: Logger }): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  async function runAll(): Promise<void> {
    for (const job of opts.jobs) {
      if (stopped) return;
      try {
        await job.run();
      } catch (err) {
        opts.logger.error({ err, job: job.name }, 'worker job failed');
      }
    }
  }

  const schedule = () => {
    timer = setTimeout(() => {
      current = runAll().finally(() => {
        if (!stopped) schedule();
      });
    }, opts.intervalMs);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
