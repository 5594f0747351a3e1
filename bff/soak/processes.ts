import type { ChildProcess } from 'node:child_process';
import { spawnBenchServer } from '../bench/child-server';

/** A soak child process (soak/serve.ts) that can be SIGKILLed and started again with the same arguments. */
export class SoakProcess {
  private child: ChildProcess | undefined;
  url = '';

  constructor(private readonly args: string[]) {}

  async start(): Promise<void> {
    // SOAK_LOG_LEVEL=warn (or error, info): the children's logs, on this process's stderr
    const level = process.env.SOAK_LOG_LEVEL;
    const started = await spawnBenchServer('../soak/serve.ts', this.args, level ? { GONGZHI_LOG_LEVEL: level } : {});
    if (level) started.child.stdout!.on('data', (d: Buffer) => process.stderr.write(`[${this.args[0]}] ${d.toString()}`));
    this.child = started.child;
    this.url = started.url;
  }

  /** SIGKILL, no chance to finish anything: what a crash or an OOM kill does. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
