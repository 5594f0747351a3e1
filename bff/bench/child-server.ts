import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * Runs a bench server script of this folder in its own process, so the load generator does not
 * share its event loop, and resolves with its URL once it prints `LISTENING <url>`.
 */
export function spawnBenchServer(script: string, args: string[], env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, script), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, GONGZHI_LOG_LEVEL: 'silent', ...env },
    });
    child.stdout!.on('data', (d: Buffer) => {
      const m = /LISTENING (\S+)/.exec(d.toString());
      if (m) resolve({ url: m[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`bench server ${script} exited with ${code}`)));
  });
}

/** Logs in through the WeChat simulator as login name `name` (a fresh one-time code each call). */
export async function benchLogin(bffUrl: string, name: string): Promise<{ accessToken: string; user: { id: string } }> {
  const res = await fetch(`${bffUrl}/api/v1/auth/wechat-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `dev:${name}:${Date.now()}${Math.random().toString(16).slice(2, 8)}` }),
  });
  if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { accessToken: string; user: { id: string } };
}
