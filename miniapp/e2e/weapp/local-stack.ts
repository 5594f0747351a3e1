import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface LocalStack {
  bffUrl: string;
  close(): Promise<void>;
}

/** Starts e2e/weapp/stack-process.ts with the BFF's own tsx and waits for its ready line. */
export function startLocalStack(timeoutMs = 90_000): Promise<LocalStack> {
  const tsx = path.join(REPO_ROOT, 'bff', 'node_modules', '.bin', 'tsx');
  const child: ChildProcess = spawn(tsx, [path.join(__dirname, 'stack-process.ts')], {
    cwd: path.join(REPO_ROOT, 'bff'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the local stack did not start in ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{"bffUrl"'));
      if (line) {
        clearTimeout(timer);
        resolve({ bffUrl: (JSON.parse(line) as { bffUrl: string }).bffUrl, close });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the local stack exited (${code}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
}
